"""SQLite: FTS5 over the entry table's ``tokens`` and ``chars`` columns."""

from __future__ import annotations

from contextlib import contextmanager
from time import monotonic

from django.db import OperationalError, connection

from ...query import ends_in_character, is_character
from .base import DatabaseEngine, OutOfTime
from .statements import Statement

# SQLite calls the progress handler every this many virtual machine steps.
PROGRESS_STEPS = 10_000


def fts5_expression(plan) -> str:
    """The plan as an FTS5 query: each clause an OR of phrases, ANDed; a lone
    character is looked up in the ``chars`` column as well."""

    def phrase(terms):
        # Terms are our own tokens (letters, digits, CJK, emoji): quoting
        # makes any of them a literal; a quote inside is doubled.
        return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'

    def alternative(terms):
        if ends_in_character(terms):
            return f"tokens : {phrase(terms)} *"
        if is_character(terms):
            return f"tokens : {phrase(terms)} OR chars : {phrase(terms)}"
        return f"tokens : {phrase(terms)}"

    expression = " AND ".join(
        "(" + " OR ".join(alternative(p) for p in clause.alternatives) + ")"
        for clause in plan.clauses
    )
    for terms in plan.excluded:
        expression += f" NOT tokens : {phrase(terms)}"
    return expression


class SqliteEngine(DatabaseEngine):
    vendor = "sqlite"
    # One process writes at a time. A member's write waiting for the lock
    # retries every 100 ms at most (SQLite's busy handler); without a gap a
    # re-index would take the lock again before it wakes, batch after batch.
    batch_gap = 0.1

    def statement(self, plan, where, params) -> Statement:
        # Dates as stored: text sorts right on SQLite and skips parsing
        # thousands of them; _aware() reads the few that are shown.
        if not plan.clauses:
            return Statement("search_searchentry e", where, params, date="e.date || ''")
        expression = fts5_expression(plan)
        return Statement(
            "search_entry_fts CROSS JOIN search_searchentry e "
            "ON e.id = search_entry_fts.rowid",
            ["search_entry_fts MATCH %s", *where],
            [expression, *params],
            # Words in ``tokens`` weigh; a lone character's match barely does.
            rank="bm25(search_entry_fts, 1.0, 0.1)",
            stride="search_entry_fts.rowid",
            date="e.date || ''",
            # Every full-text row has its entry: counting needs no join.
            bare=None
            if where
            else ("search_entry_fts WHERE search_entry_fts MATCH %s", [expression]),
        )

    @contextmanager
    def time_budget(self, milliseconds: int):
        connection.ensure_connection()
        raw = connection.connection
        deadline = monotonic() + milliseconds / 1000
        # A true return value makes SQLite interrupt the running statement.
        raw.set_progress_handler(lambda: monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield
        except OperationalError as error:
            if "interrupted" not in str(error):
                raise
            raise OutOfTime from error
        finally:
            raw.set_progress_handler(None, 0)
