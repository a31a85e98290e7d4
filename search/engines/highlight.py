"""Snippets with <mark>ed matches, cut from the original (unfolded) text.

A match is wherever the folded text (search.text.fold) contains a folded
needle. Rather than folding every result's text, each needle becomes a
pattern that accepts every character folding to each of its characters
(变 or 變, w or W or Ｗ), run over the original text. Rarer characters that
only NFKC folds (ligatures, circled digits) are matched by the slow path,
which folds the whole text, taken when the patterns find nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache
from html import escape  # Django's escape wraps this one; plain str is enough here

from ..text import fold, t2s_table


def highlight(text: str, needles: list[str], *, width: int = 120) -> str:
    """Escaped snippet of ``text`` around the first match, matches in <mark>."""
    if not text:
        return ""
    needles = tuple(needles)
    spans = [m.span() for pattern in _patterns(needles) for m in pattern.finditer(text)]
    if not spans:
        spans = _folded_spans(text, needles)
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
def _patterns(needles: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """One pattern per folded needle, matching its every unfolded spelling."""
    folded = {fold(n) for n in needles if n.strip()}
    return tuple(
        re.compile("".join(_spellings(char) for char in needle), re.IGNORECASE)
        for needle in folded
    )


def _spellings(char: str) -> str:
    forms = _unfolded().get(char)
    if not forms:
        return re.escape(char)
    return "[" + "".join(re.escape(c) for c in sorted({char, *forms})) + "]"


@cache
def _unfolded() -> dict[str, set[str]]:
    """Folded character → the other characters that fold to it: traditional
    forms, full-width forms, compatibility ideographs, half-width kana."""
    candidates = [chr(code) for code in t2s_table()]
    for first, last in ((0xFF01, 0xFF5E), (0xF900, 0xFAFF), (0xFF61, 0xFFDC)):
        candidates.extend(chr(code) for code in range(first, last + 1))
    candidates.append("\u3000")
    forms = defaultdict(set)
    for char in candidates:
        folded = fold(char)
        if len(folded) == 1 and folded != char:
            forms[folded].add(char)
    return dict(forms)


def _folded_spans(text: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """The slow path: fold the whole text and look for the folded needles."""
    folded = fold(text)
    if len(folded) != len(text):
        # Keep positions in line with the original text.
        folded = "".join((fold(char) or char)[:1] for char in text)
    spans = []
    for needle in {fold(n) for n in needles if n.strip()}:
        start = folded.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    return spans


def _merge(spans):
    merged = [spans[0]]
    for start, stop in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged
