"""What the apps hand to search: plain documents, engine-agnostic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SearchDocument:
    """One findable thing.

    ``key`` is unique across the whole index (e.g. ``"recap:12#section-3"``).
    ``origin`` names the object the document was built from
    (``"<source name>:<pk>"``); re-indexing an object replaces every document
    with its origin, so one object may yield many documents (a recap's
    sections, an archive's messages).
    """

    key: str
    origin: str
    # A name given to search.registry.register_kind.
    kind: str
    title: str
    body: str
    url: str
    date: datetime | None = None
    tags: list[str] = field(default_factory=list)
    # The series slug and its title, when the document belongs to a series.
    series: str = ""
    series_title: str = ""
    # Speakers, authors or chat senders, as displayed.
    people: list[str] = field(default_factory=list)
    # Extra exact-match facets, e.g. {"group": "沉淀交流 2 群", "archive": "12"}.
    facets: dict[str, str] = field(default_factory=dict)
    # Lifecycle stage for sessions, status for questions; empty otherwise.
    stage: str = ""
    # Headings inside the body: a match there ranks between title and body.
    headings: list[str] = field(default_factory=list)
