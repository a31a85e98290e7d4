"""Snippets with <mark>ed matches, cut from the original (unfolded) text."""

from __future__ import annotations

from functools import lru_cache
from html import escape  # Django's escape wraps this one; plain str is enough here

from ..text import fold


def _folded_per_char(text: str) -> str:
    """``fold(text)`` with positions that line up with the original text."""
    folded = fold(text)
    if len(folded) == len(text):
        # The common case: every character folded to exactly one character.
        return folded
    return "".join((fold(char) or char)[:1] for char in text)


def highlight(text: str, needles: list[str], *, width: int = 120) -> str:
    """Escaped snippet of ``text`` around the first match, matches in <mark>."""
    if not text:
        return ""
    folded = _folded_per_char(text)
    spans = []
    for needle in _folded_needles(tuple(needles)):
        start = folded.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    if not spans:
        return escape(text[:width]) + ("…" if len(text) > width else "")
    spans = _merge(sorted(spans))
    first = spans[0][0]
    begin = max(0, first - width // 3)
    end = min(len(text), begin + width)
    parts, cursor = [], begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    parts.append(escape(text[cursor:end]))
    return (
        ("…" if begin > 0 else "") + "".join(parts) + ("…" if end < len(text) else "")
    )


@lru_cache(maxsize=256)
def _folded_needles(needles: tuple[str, ...]) -> frozenset[str]:
    # Folded once per search, not once per hit.
    return frozenset(fold(n) for n in needles if n.strip())


def _merge(spans):
    merged = [spans[0]]
    for start, stop in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged
