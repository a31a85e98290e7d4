"""Benchmark: milliseconds to draw one share poster (sessions/sharing/posters.py).

Prints the first poster (which loads the CJK font), then the median and p90 of
``--rounds`` posters with short and long titles. Posters are cached by content
(sessions/sharing/session_posters.py), so this is the cost of a first request
after an edit; a repeat request is a cache read.

Run: ``.venv/bin/python bench/posters.py [--rounds 20]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds

    from django.conf import settings

    settings.configure()
    from sessions.sharing.posters import PosterLines, poster_render

    def lines(title):
        return PosterLines(
            title=title,
            qr_url="https://chendian.example/sessions/tools/notion-kb/",
            kicker="沉淀学习社",
            label="预告",
            heading="工具实践 · 第12期",
            details=("嘉宾：林晓、周明远", "时间：12月8日 周二 20:00"),
            footer="扫码查看详情，提前向嘉宾提问",
        )

    started = time.perf_counter()
    size = len(poster_render(lines("第一张")))
    print(
        f"first poster (loads the font): {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    for name, title in (
        ("short title", "用 Notion 搭建社群知识库"),
        ("60-character title", "从零搭建一个能长期运营的学习型社群" * 4),
    ):
        times = []
        for n in range(rounds):
            started = time.perf_counter()
            size = len(poster_render(lines(f"{title}{n}")))
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p90 = times[int(len(times) * 0.9) - 1]
        print(
            f"{name}: median {statistics.median(times):.0f} ms, p90 {p90:.0f} ms,"
            f" {size / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
