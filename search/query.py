"""What a query box string means, decided once for every engine.

``parse_query`` splits the box into words, phrases, exclusions and filters;
``query_plan`` turns the words into what the engines match: each word (or
one of its editor-made synonyms) as a phrase of index terms, duplicates
dropped, the number of words capped so that no query costs more than a
handful of ordinary ones. The engines only translate a plan into FTS5,
tsquery or the cluster's query language; highlight needles come from here
too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .text import fold, is_single_character, tokens

# Longer query boxes are cut here before parsing (the views refuse them).
MAX_QUERY_LENGTH = 1000
# Distinct words and phrases searched (ANDed); more are dropped with a notice.
MAX_WORDS = 8
# Terms in one phrase: a long run without spaces is matched by its start.
MAX_PHRASE_TERMS = 24
# Excluded words, and values of each filter operator (#tag, @person, series:, kind:).
MAX_FILTER_VALUES = 5
# Dates outside these years are typing mistakes, and would overflow time zone maths.
FIRST_YEAR, LAST_YEAR = 1900, 2200


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
    # Dates that could not be read, as typed ("after:2026-13-01").
    errors: list[str] = field(default_factory=list)
    # The box was longer than MAX_QUERY_LENGTH and was cut.
    cut: bool = False

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
_OPERATORS = {"series", "kind", "stage", "is", "before", "after"}


def parse_query(raw: str) -> ParsedQuery:
    """Understand ``#tag @person series:slug kind:recap stage:live is:answered
    before:/after:YYYY-MM-DD "phrase" -word``."""
    raw = raw or ""
    parsed = ParsedQuery(cut=len(raw) > MAX_QUERY_LENGTH)
    for match in _QUERY_PART.finditer(raw[:MAX_QUERY_LENGTH]):
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
        elif ":" in word and word.split(":", 1)[0] in _OPERATORS:
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
                day = _day(value)
                if day is None:
                    parsed.errors.append(f"{key}:{value}")
                else:
                    setattr(parsed, key, day)
        else:
            parsed.terms.append(word)
    for name in ("excluded", "tags", "people", "series", "kinds", "stages"):
        values = list(dict.fromkeys(getattr(parsed, name)))
        setattr(parsed, name, values[:MAX_FILTER_VALUES])
    return parsed


def _day(value: str) -> date | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


@dataclass(frozen=True)
class Clause:
    """One word of the query: any of its alternatives (the word and its
    synonyms), each a phrase of index terms, must match."""

    alternatives: tuple[tuple[str, ...], ...]
    # The folded word as typed, to tell where in a document it matched.
    folded: tuple[str, ...]


@dataclass
class QueryPlan:
    """What every engine matches for one query."""

    clauses: list[Clause] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)
    # Words to <mark> in snippets: the query's words and their synonyms.
    needles: list[str] = field(default_factory=list)
    # Words beyond MAX_WORDS (or a box beyond MAX_QUERY_LENGTH) were left out.
    shortened: bool = False
    # The folded query words, spaces and punctuation dropped: a title that
    # reads the same is an exact title match.
    exact: str = ""


def is_character(phrase: tuple[str, ...]) -> bool:
    """A phrase of one lone CJK character, which only the characters field holds."""
    return len(phrase) == 1 and is_single_character(phrase[0])


def ends_in_character(phrase: tuple[str, ...]) -> bool:
    """A phrase whose last term is a lone CJK character after other terms
    (``3次``, ``5元``). In the text that character may start a longer run
    (``3次复盘`` is indexed 3 | 次复 | 复盘), so the engines match the last
    term as a prefix."""
    return len(phrase) > 1 and is_single_character(phrase[-1])


def _phrase(word: str) -> tuple[str, ...]:
    return tuple(tokens(word)[:MAX_PHRASE_TERMS])


def query_plan(query: ParsedQuery, synonyms: list[list[str]]) -> QueryPlan:
    """The clauses, exclusions and highlight words of ``query``."""
    groups = {}
    for words in synonyms:
        for word in words:
            if phrase := _phrase(word):
                groups.setdefault(phrase, words)
    plan = QueryPlan(shortened=query.cut)
    seen = set()
    for word in [*query.terms, *query.phrases]:
        phrase = _phrase(word)
        if not phrase or phrase in seen:
            continue  # punctuation only, or said before
        if len(plan.clauses) >= MAX_WORDS:
            plan.shortened = True
            break
        seen.add(phrase)
        alternatives = groups.get(phrase, [word])
        phrases = tuple(dict.fromkeys(p for p in map(_phrase, alternatives) if p))
        plan.clauses.append(
            Clause(phrases, tuple(fold(w) for w in alternatives if w.strip()))
        )
        plan.needles.extend(alternatives)
    plan.excluded = [p for p in map(_phrase, query.excluded) if p]
    plan.needles = list(dict.fromkeys(plan.needles))
    plan.exact = exact_form(" ".join([*query.terms, *query.phrases]))
    return plan


_SEPARATORS = re.compile(r"[\W_]+")


def exact_form(text: str) -> str:
    """``text`` folded, without spaces or punctuation: how titles are compared
    with the query for an exact match."""
    return _SEPARATORS.sub("", fold(text))
