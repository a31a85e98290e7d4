"""The embedded engine: SQLite FTS5 or PostgreSQL full-text over SearchEntry."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from ..documents import SearchDocument
from ..models import SearchEntry
from ..text import segment, tokens
from .base import SearchEngine, SearchHit, SearchRequest, SearchResults
from .highlight import highlight

BATCH = 1000


def entry_from(document: SearchDocument) -> SearchEntry:
    return SearchEntry(
        key=document.key,
        origin=document.origin,
        kind=document.kind,
        title=document.title,
        body=document.body,
        url=document.url,
        date=document.date,
        year=timezone.localtime(document.date).year if document.date else None,
        series=document.series,
        series_title=document.series_title,
        stage=document.stage,
        tags_text=_joined(document.tags),
        people_text=_joined(document.people),
        facets=document.facets,
        tokens=segment(f"{document.title}\n{document.body}"),
    )


def _joined(values):
    values = [v.replace("|", " ").strip() for v in values if v and v.strip()]
    return "|" + "|".join(values) + "|" if values else ""


class DatabaseEngine(SearchEngine):
    name = "database"

    # Writing

    def replace_origin(self, origin: str, documents: Iterable[SearchDocument]) -> int:
        with transaction.atomic():
            SearchEntry.objects.filter(origin=origin).delete()
            return self._insert_all(documents)

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        # One transaction: readers see the old entries until the new ones commit.
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            return self._insert_all(documents, progress=progress)

    def _insert_all(self, documents, *, progress=None) -> int:
        count, batch = 0, []
        for document in documents:
            batch.append(entry_from(document))
            if len(batch) >= BATCH:
                count += self._insert(batch)
                batch = []
                if progress:
                    progress(count)
        return count + self._insert(batch)

    def _insert(self, batch):
        if not batch:
            return 0
        # A key moved between origins (rare): the newest write wins.
        SearchEntry.objects.filter(key__in=[e.key for e in batch]).delete()
        SearchEntry.objects.bulk_create(batch)
        return len(batch)

    # Reading

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        query = request.query
        entries = SearchEntry.objects.all()
        match = self._match_expression(request)
        if match is None and query.is_empty and not (request.kinds or request.tags):
            return SearchResults(0, [], {}, self.name, 0.0)
        if match is not None:
            entries = self._apply_match(entries, match)
        entries = self._apply_filters(entries, request)
        facets = self._facets(entries)
        labels = {"series": self._series_titles}
        total = sum(count for _, count in facets["kind"])
        if request.sort == "date" or match is None:
            ordered = entries.order_by("-date", "pk")
        else:
            ordered = entries.order_by("rank", "-date")
        offset = (max(request.page, 1) - 1) * request.page_size
        rows = list(ordered[offset : offset + request.page_size])
        needles = self._needles(request)
        hits = [
            SearchHit(
                key=row.key,
                kind=row.kind,
                title=row.title,
                url=row.url,
                snippet=highlight(row.body or row.title, needles),
                date=row.date,
                series=row.series,
                series_title=row.series_title,
                tags=row.tags,
                people=row.people,
                score=-float(getattr(row, "rank", 0.0) or 0.0),
            )
            for row in rows
        ]
        took = (time.perf_counter() - started) * 1000
        return SearchResults(
            total, hits, facets, self.name, round(took, 1), labels=labels
        )

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        prefix = prefix.strip()
        if not prefix:
            return []
        titles = (
            SearchEntry.objects.filter(title__icontains=prefix)
            .order_by("-date")
            .values_list("title", flat=True)[: limit * 4]
        )
        return list(dict.fromkeys(titles))[:limit]

    # Query building

    def _clauses(self, request: SearchRequest):
        """AND of OR-groups of phrases (each phrase a list of terms)."""
        groups = {}
        for synonyms in request.synonyms:
            for word in synonyms:
                groups[" ".join(tokens(word))] = synonyms
        clauses = []
        for word in [*request.query.terms, *request.query.phrases]:
            phrase = tokens(word)
            if not phrase:
                continue
            alternatives = groups.get(" ".join(phrase), [word])
            clause = [tokens(w) for w in alternatives]
            clauses.append([p for p in clause if p])
        excluded = [tokens(word) for word in request.query.excluded]
        return clauses, [p for p in excluded if p]

    def _match_expression(self, request):
        clauses, excluded = self._clauses(request)
        if not clauses:
            return None
        return clauses, excluded

    def _apply_match(self, entries, match):
        clauses, excluded = match
        if connection.vendor == "postgresql":
            expression = _tsquery(clauses, excluded)
            return entries.extra(
                where=[
                    "to_tsvector('simple', search_searchentry.tokens) @@ to_tsquery('simple', %s)"
                ],
                params=[expression],
                select={
                    "rank": "-ts_rank(to_tsvector('simple', search_searchentry.tokens), "
                    "to_tsquery('simple', %s))"
                },
                select_params=[expression],
            )
        expression = _fts5(clauses, excluded)
        return entries.extra(
            tables=["search_entry_fts"],
            where=[
                "search_entry_fts.rowid = search_searchentry.id",
                "search_entry_fts MATCH %s",
            ],
            params=[expression],
            select={"rank": "bm25(search_entry_fts)"},
        )

    def _apply_filters(self, entries, request):
        query = request.query
        kinds = request.kinds + query.kinds
        if kinds:
            entries = entries.filter(kind__in=kinds)
        series = request.series + query.series
        if series:
            entries = entries.filter(series__in=series)
        for tag in request.tags + query.tags:
            entries = entries.filter(tags_text__contains=f"|{tag}|")
        for person in query.people:
            entries = entries.filter(people_text__icontains=person)
        if request.years:
            entries = entries.filter(year__in=request.years)
        if query.after:
            entries = entries.filter(date__date__gte=query.after)
        if query.before:
            entries = entries.filter(date__date__lt=query.before)
        return entries

    def _facets(self, entries):
        base = entries.order_by()
        # One GROUP BY for kind, series and year (few combinations), summed here,
        # instead of one query per facet, each repeating the full-text join.
        kind, series, years = Counter(), Counter(), Counter()
        self._series_titles = {}
        for row in base.values("kind", "series", "series_title", "year").annotate(
            n=Count("id")
        ):
            kind[row["kind"]] += row["n"]
            if row["series"]:
                series[row["series"]] += row["n"]
                self._series_titles[row["series"]] = row["series_title"]
            if row["year"]:
                years[str(row["year"])] += row["n"]
        tag_counts = Counter()
        for tags_text in base.exclude(tags_text="").values_list("tags_text", flat=True)[
            :5000
        ]:
            tag_counts.update(t for t in tags_text.split("|") if t)
        return {
            "kind": kind.most_common(),
            "series": series.most_common(),
            "year": sorted(years.items(), reverse=True),
            "tag": tag_counts.most_common(20),
        }

    def _needles(self, request):
        words = [*request.query.terms, *request.query.phrases]
        for synonyms in request.synonyms:
            if any(w in synonyms for w in words):
                words.extend(synonyms)
        return words


def _fts5(clauses, excluded) -> str:
    def phrase(terms):
        return '"' + " ".join(terms) + '"'

    expression = " AND ".join(
        "(" + " OR ".join(phrase(p) for p in clause) + ")" for clause in clauses
    )
    for terms in excluded:
        expression += f" NOT {phrase(terms)}"
    return expression


def _tsquery(clauses, excluded) -> str:
    def phrase(terms):
        return "(" + " <-> ".join("'" + t.replace("'", "") + "'" for t in terms) + ")"

    expression = " & ".join(
        "(" + " | ".join(phrase(p) for p in clause) + ")" for clause in clauses
    )
    for terms in excluded:
        expression += f" & !{phrase(terms)}"
    return expression
