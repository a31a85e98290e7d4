"""How busy the machine was while a bench ran: its figures mean little without it.

The machine may be shared; a bench prints the load average before, the
highest one seen during and after its run, beside its figures.
"""

from __future__ import annotations

import os
import threading


class LoadWatch:
    """Samples the 1-minute load average every ``every`` seconds in a thread."""

    def __init__(self, every: float = 5):
        self.before = os.getloadavg()
        self.peak = self.before[0]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(every,), daemon=True)
        self._thread.start()

    def _watch(self, every):
        while not self._stop.wait(every):
            self.peak = max(self.peak, os.getloadavg()[0])

    def summary(self) -> str:
        self._stop.set()
        after = os.getloadavg()
        return (
            f"machine: {os.cpu_count()} cores; load average (1/5/15 min) before "
            f"{'/'.join(f'{v:.1f}' for v in self.before)}, "
            f"highest 1-min during {self.peak:.1f}, "
            f"after {'/'.join(f'{v:.1f}' for v in after)}"
        )


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"
