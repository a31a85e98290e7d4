"""The order results are shown in, the same on every engine.

Each engine finds the matches and scores them its own way (bm25 in SQLite
and the cluster, ts_rank in PostgreSQL); the top of the list is then put in
an order people expect, from what a result is rather than from the engine's
arithmetic:

1. a title that reads exactly as the query;
2. where the words matched: title above headings above body (and tags); a
   one-character query word standing as a word of its own above the same
   character inside a longer word;
3. a session, recap, answered question, post or page above a chat line
   (kinds registered ``conversational``);
4. the engine's own score;
5. the newer one.

Only the first ``WINDOW`` matches by engine score are reordered (top-k), so a
broad query never sorts thousands of rows in Python.
"""

from __future__ import annotations

import re

from ..query import QueryPlan, exact_form, is_character
from ..registry import conversational_kinds
from ..text import CJK_CHARACTERS, fold

# How many of the engine's best matches are put in this order.
WINDOW = 50

TITLE, HEADING, BODY = 3, 2, 1
_CJK_NEIGHBOUR = f"[{CJK_CHARACTERS}]"


class Ranker:
    """Sort keys for one query's results: bigger is better."""

    def __init__(self, plan: QueryPlan):
        self.plan = plan
        self.conversational = conversational_kinds()
        self.clauses = []
        for clause in plan.clauses:
            character = all(is_character(p) for p in clause.alternatives)
            alone = (
                re.compile(
                    "|".join(
                        rf"(?<!{_CJK_NEIGHBOUR}){re.escape(p[0])}(?!{_CJK_NEIGHBOUR})"
                        for p in clause.alternatives
                    )
                )
                if character
                else None
            )
            self.clauses.append((clause.folded, alone))

    def key(self, *, title, headings, body, kind, score, date) -> tuple:
        title_f = fold(title or "")
        headings_f = fold(headings or "")
        exact = bool(self.plan.exact) and exact_form(title_f) == self.plan.exact
        strength = 0
        for words, alone in self.clauses:
            if any(w in title_f for w in words):
                field, text = TITLE, title_f
            elif any(w in headings_f for w in words):
                field, text = HEADING, headings_f
            else:
                field, text = BODY, None
            if alone is None:
                strength += 2 * field
            else:
                # One character: as a word of its own it ranks above the same
                # character inside a longer word, in the same field.
                text = text if text is not None else fold(body or "")
                strength += 2 * field - (0 if alone.search(text) else 1)
        return (
            exact,
            strength,
            kind not in self.conversational,
            round(score, 6),
            date is not None,
            date,
        )

    def order(self, items: list, key) -> list:
        """``items`` best first; ``key(item)`` gives ``Ranker.key``'s arguments."""
        return sorted(items, key=lambda item: self.key(**key(item)), reverse=True)
