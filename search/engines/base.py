from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from ..documents import SearchDocument
from ..text import ParsedQuery

PAGE_SIZE = 10


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
