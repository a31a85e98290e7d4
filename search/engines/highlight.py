"""Snippets with <mark>ed matches, cut from the original (unfolded) text.

A match is wherever the folded text (search.text.fold) contains a folded
needle. Rather than folding every result's whole text, the quick path lowers
it and replaces only the other spellings of the needle's own characters
(變 → 变, Ｗ → w), which keeps every position in place. Rarer characters that
only NFKC folds (ligatures, circled digits) are matched by the slow path,
which folds the whole text, taken when the quick path finds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, lru_cache
from html import escape  # Django's escape wraps this one; plain str is enough here

from ..text import fold, t2s_table


def highlight(text: str, needles: list[str], *, width: int = 120) -> str:
    """Escaped snippet of ``text`` around the first match, matches in <mark>."""
    if not text:
        return ""
    needles = tuple(needles)
    spans = _quick_spans(text, needles) or _folded_spans(text, needles)
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


def _quick_spans(text: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    lowered = text.lower()
    if len(lowered) != len(text):
        return []  # positions would drift; the slow path copes
    spans = []
    for needle, spellings in _needle_spellings(needles):
        plain = lowered
        for other, char in spellings:
            if other in plain:
                plain = plain.replace(other, char)
        spans.extend(_found(plain, needle))
    return spans


@lru_cache(maxsize=256)
def _needle_spellings(needles: tuple[str, ...]):
    """Each folded needle with (other spelling, its character) pairs."""
    forms = _unfolded()
    return tuple(
        (
            needle,
            tuple(
                (other, char) for char in set(needle) for other in forms.get(char, ())
            ),
        )
        for needle in {fold(n) for n in needles if n.strip()}
    )


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
        spans.extend(_found(folded, needle))
    return spans


def _found(text: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return spans


def _merge(spans):
    merged = [spans[0]]
    for start, stop in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged
