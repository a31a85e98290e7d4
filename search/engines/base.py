from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..documents import SearchDocument
from ..query import ParsedQuery, QueryPlan, query_plan

PAGE_SIZE = 10

# What a search may cost before the engine stops it (CHENDIAN_SEARCH_TIME_BUDGET_MS).
DEFAULT_TIME_BUDGET_MS = 1500

OUT_OF_TIME = _(
    "This search took too long and was stopped; these may not be all the "
    "results. Try fewer or more specific words."
)
SHORTENED = _("Only the first words of this long query were searched.")


def time_budget_ms() -> int:
    return int(
        getattr(settings, "CHENDIAN_SEARCH_TIME_BUDGET_MS", DEFAULT_TIME_BUDGET_MS)
    )


@dataclass
class SearchRequest:
    query: ParsedQuery
    kinds: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    sort: str = "relevance"  # or "date"
    page: int = 1
    page_size: int = PAGE_SIZE
    # Extra groups of words that count as one, e.g. [["社群", "社区"]].
    synonyms: list[list[str]] = field(default_factory=list)

    @cached_property
    def plan(self) -> QueryPlan:
        """What the engines match, with synonyms; the same for every engine."""
        return query_plan(self.query, self.synonyms)

    @property
    def kinds_wanted(self) -> list[str]:
        return list(dict.fromkeys(self.kinds + self.query.kinds))

    @property
    def series_wanted(self) -> list[str]:
        return list(dict.fromkeys(self.series + self.query.series))

    @property
    def tags_wanted(self) -> list[str]:
        return list(dict.fromkeys(self.tags + self.query.tags))

    @property
    def has_criteria(self) -> bool:
        """Anything to search for: words or at least one filter."""
        return bool(
            self.plan.clauses
            or self.kinds_wanted
            or self.tags_wanted
            or self.series_wanted
            or self.query.people
        )


@dataclass
class SearchHit:
    key: str
    kind: str
    title: str
    url: str
    snippet: str  # HTML: escaped text with <mark> around matches
    date: datetime | None
    series: str
    series_title: str
    tags: list[str]
    people: list[str]
    score: float = 0.0


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]]
    engine: str
    took_ms: float = 0.0
    notice: str = ""
    # Display labels for facet values, e.g. {"series": {"tools": "工具实战"}}.
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # True when the facet counts were estimated from a sample of a huge match set.
    facets_approximate: bool = False

    def add_notice(self, text) -> None:
        self.notice = " ".join(filter(None, [self.notice, str(text)]))


class SearchEngine:
    """What every engine can do."""

    name = ""

    def replace_origin(self, origin: str, documents: Iterable[SearchDocument]) -> int:
        """Make the documents of ``origin`` exactly ``documents``."""
        raise NotImplementedError

    def delete_origin(self, origin: str) -> None:
        self.replace_origin(origin, [])

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Index everything afresh; searches keep answering meanwhile."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        raise NotImplementedError
