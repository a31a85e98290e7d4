"""PostgreSQL: ``simple`` tsvectors of the entry's ``tokens`` and ``chars``."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import OperationalError, connection, transaction

from ...query import ends_in_character, is_character
from .base import DatabaseEngine, OutOfTime
from .statements import Statement

TOKENS = "to_tsvector('simple', e.tokens)"
CHARS = "to_tsvector('simple', e.chars)"


def _phrase(terms) -> str:
    quoted = ["'" + t.replace("'", "''") + "'" for t in terms]
    if ends_in_character(terms):
        quoted[-1] += ":*"
    return "(" + " <-> ".join(quoted) + ")"


class PostgresEngine(DatabaseEngine):
    vendor = "postgresql"
    like = "ILIKE"

    def statement(self, plan, where, params) -> Statement:
        if not plan.clauses:
            return Statement("search_searchentry e", where, params)
        # Each clause an OR of phrases, ANDed, as one tsquery on tokens; a
        # lone character may match the chars vector instead.
        clauses, clause_params = [], []
        for clause in plan.clauses:
            alternatives = [f"{TOKENS} @@ to_tsquery('simple', %s)"]
            phrases = " | ".join(_phrase(p) for p in clause.alternatives)
            clause_params.append(phrases)
            characters = [p for p in clause.alternatives if is_character(p)]
            if characters:
                alternatives.append(f"{CHARS} @@ to_tsquery('simple', %s)")
                clause_params.append(" | ".join(_phrase(p) for p in characters))
            clauses.append("(" + " OR ".join(alternatives) + ")")
        words = " & ".join(
            "(" + " | ".join(_phrase(p) for p in clause.alternatives) + ")"
            for clause in plan.clauses
        )
        for terms in plan.excluded:
            clauses.append(f"NOT {TOKENS} @@ to_tsquery('simple', %s)")
            clause_params.append(_phrase(terms))
        return Statement(
            "search_searchentry e",
            [*clauses, *where],
            [*clause_params, *params],
            rank=f"-ts_rank({TOKENS}, to_tsquery('simple', %s))",
            rank_params=[words],
        )

    @contextmanager
    def time_budget(self, milliseconds: int):
        # SET LOCAL lasts until the end of the transaction around the search.
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    # 0 would mean no limit at all.
                    timeout = max(1, int(milliseconds))
                    cursor.execute("SET LOCAL statement_timeout = %s", [timeout])
                yield
        except OperationalError as error:
            if "statement timeout" not in str(error):
                raise
            raise OutOfTime from error
