"""Offsets within a recording: how they are written, read and linked.

A segment's permalink is ``<session url>#t=12m30s`` (``#t=1h02m03s`` past the
hour): the fragment the session page understands, and the same way YouTube
writes times, so members recognise it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_FRAGMENT = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$")


def fragment(seconds: float) -> str:
    """``t=12m30s`` for 750 seconds; ``t=1h02m03s`` for 3723; ``t=0s`` for 0."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"t={hours}h{minutes:02d}m{secs:02d}s"
    if minutes:
        return f"t={minutes}m{secs:02d}s"
    return f"t={secs}s"


def parse_fragment(value: str) -> int | None:
    """Seconds from ``12m30s`` / ``1h02m03s`` / ``45s`` (with or without ``t=``)."""
    value = value.removeprefix("#").removeprefix("t=")
    match = _FRAGMENT.match(value)
    if not value or not match:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def clock(seconds: float) -> str:
    """``12:30`` under an hour, ``1:02:03`` from an hour on, as players show it."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_clock(value: str) -> int | None:
    """Seconds from ``12:30`` or ``1:02:03``; None when it is not such a time."""
    match = _CLOCK.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if seconds >= 60 or (match.group(1) is not None and minutes >= 60):
        return None
    return hours * 3600 + minutes * 60 + seconds


class AtMoment:
    """For things at a moment of the recording (``seconds``): how it reads and links."""

    seconds: int

    @property
    def clock(self) -> str:
        return clock(self.seconds)

    @property
    def fragment(self) -> str:
        return fragment(self.seconds)


def _with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params]
    query += list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def recording_url_at(url: str, seconds: float) -> str:
    """The recording opened at ``seconds``, where its host supports a start time.

    Supported: Bilibili (``?t=<seconds>``), YouTube and youtu.be
    (``?t=<seconds>s``), Vimeo (``#t=<seconds>s``). Elsewhere (Tencent Meeting
    or Feishu share pages, cloud drives) there is no documented start
    parameter, so the answer is "" and the page links the plain recording.
    """
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    offset = int(seconds)
    if host == "b23.tv" or host.endswith("bilibili.com"):
        return _with_query(url, t=str(offset))
    if host in ("youtu.be", "youtube.com") or host.endswith(".youtube.com"):
        return _with_query(url, t=f"{offset}s")
    if host == "vimeo.com" or host.endswith(".vimeo.com"):
        return urlunsplit(urlsplit(url)._replace(fragment=f"t={offset}s"))
    return ""
