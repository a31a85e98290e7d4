"""Chinese-aware text handling shared by the engines.

The same steps as the Elasticsearch analyzer (DESIGN.md §3): fold
traditional → simplified with OpenCC's table, fold full-width forms
(``cjk_width``), lower-case, and cut runs of CJK characters into overlapping
bigrams (``cjk_bigram``); other words stay whole. A lone CJK character stays a
unigram, as ``cjk_bigram`` does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

T2S_FILE = Path(__file__).resolve().parent / "data" / "t2s.txt"

_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
    "\u3040-\u30ff\uac00-\ud7af"
)
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")


@cache
def t2s_table() -> dict[int, str]:
    table = {}
    for line in T2S_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = simplified
    return table


@cache
def _traditional() -> frozenset[str]:
    return frozenset(map(chr, t2s_table()))


# Full-width ASCII forms and the ideographic space are what NFKC changes in
# ordinary Chinese text (，：（）！); replaced directly, they leave most text
# already normalised, and the costly full NFKC pass is skipped.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(match: re.Match) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def fold(text: str) -> str:
    """Simplified, half-width, lower-case: what both engines compare.

    The same as ``NFKC(text)``, then traditional → simplified, then
    lower-case; each step runs only when the text needs it (this runs for
    every indexed document and every highlighted result)."""
    text = _FULL_WIDTH.sub(_half_width, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if not _traditional().isdisjoint(text):
        text = text.translate(t2s_table())
    return text.lower()


def tokens(text: str) -> list[str]:
    """Index/query terms: CJK bigrams, other words whole."""
    terms = []
    for match in _TOKEN.finditer(fold(text)):
        word = match.group()
        if _IS_CJK.match(word):
            if len(word) == 1:
                terms.append(word)
            else:
                terms.extend(word[i : i + 2] for i in range(len(word) - 1))
        else:
            terms.append(word)
    return terms


def segment(text: str) -> str:
    """Space-separated terms, for the full-text column."""
    return " ".join(tokens(text))


@dataclass
class ParsedQuery:
    """A query box string split into words, phrases, exclusions and filters."""

    terms: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    # stage:live (a session's lifecycle stage); is:answered (answered questions).
    stages: list[str] = field(default_factory=list)
    answered: bool = False
    before: date | None = None
    after: date | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.terms
            or self.phrases
            or self.tags
            or self.people
            or self.series
            or self.kinds
            or self.stages
            or self.answered
        )


_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse_query(raw: str) -> ParsedQuery:
    """Understand ``#tag @person series:slug kind:recap stage:live is:answered
    before:/after:YYYY-MM-DD "phrase" -word``."""
    parsed = ParsedQuery()
    for match in _QUERY_PART.finditer(raw or ""):
        negative, phrase, word = match.groups()
        if phrase is not None:
            if phrase.strip():
                (parsed.excluded if negative else parsed.phrases).append(phrase.strip())
            continue
        if word.startswith("#") and len(word) > 1:
            parsed.tags.append(word[1:])
        elif word.startswith("@") and len(word) > 1:
            parsed.people.append(word[1:])
        elif word.startswith("-") and len(word) > 1:
            parsed.excluded.append(word[1:])
        elif ":" in word and word.split(":", 1)[0] in {
            "series",
            "kind",
            "stage",
            "is",
            "before",
            "after",
        }:
            key, value = word.split(":", 1)
            if key == "series" and value:
                parsed.series.append(value)
            elif key == "kind" and value:
                parsed.kinds.append(value)
            elif key == "stage" and value:
                parsed.stages.append(value.lower())
            elif key == "is" and value.lower() == "answered":
                parsed.answered = True
            elif key == "is":
                parsed.errors.append(word)
            elif key in {"before", "after"}:
                try:
                    setattr(parsed, key, date.fromisoformat(value))
                except ValueError:
                    parsed.errors.append(f"{key}:{value}")
        else:
            parsed.terms.append(word)
    return parsed
