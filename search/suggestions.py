"""Suggestions for the search box: near-identical titles shown once."""

from __future__ import annotations

import re

from .text import fold

SHOWN = 8
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def suggestion_key(title: str) -> str:
    """What two titles that read the same share: folded (traditional →
    simplified, full-width → half-width, lower case) and without spaces or
    punctuation, so 「用表格公式」, 用表格公式！ and 用表格公式 are one suggestion."""
    return _NOT_WORD.sub("", fold(title))


def suggestions_merged(titles, *, limit: int = SHOWN) -> list[str]:
    """The first title of each group of near-identical ones, in order."""
    seen, merged = set(), []
    for title in titles:
        key = suggestion_key(title)
        if key and key not in seen:
            seen.add(key)
            merged.append(title.strip())
            if len(merged) == limit:
                break
    return merged
