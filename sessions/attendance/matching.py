"""Match names written in the group (接龙, meeting lists) to member accounts.

A name matches an account when, ignoring emoji, case and punctuation, it
equals the member's display name (mirrored into the account's first name,
see ``community.members``), that name without its “city-” prefix, or the
user name. One account: matched; several: ambiguous; none: unknown. The
organiser settles the last two by hand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from ..community.members import display_name
from .jielong import name_key

# “上海-小林”, “上海·小林”, “上海｜小林”: many groups prefix names with a city.
PREFIX_SEPARATOR = re.compile(r"[-－—_·|｜/]")


@dataclass
class NameMatch:
    name: str
    candidates: list = field(default_factory=list)  # accounts, best first

    @property
    def member(self):
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def state(self) -> str:
        return {0: "unknown", 1: "matched"}.get(len(self.candidates), "ambiguous")


def member_keys(user) -> set[str]:
    shown = display_name(user)
    keys = {name_key(shown), name_key(user.get_username())}
    parts = PREFIX_SEPARATOR.split(shown, maxsplit=1)
    if len(parts) == 2:
        keys.add(name_key(parts[1]))
    return {key for key in keys if key}


def match_index(users) -> dict[str, list]:
    index = defaultdict(list)
    for user in users:
        for key in member_keys(user):
            index[key].append(user)
    return index


def matchable_members():
    """Accounts a name can match: active ones, by display name."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "username")
    )


def names_match(names: list[str], users=None) -> list[NameMatch]:
    """A NameMatch per name, in order; ``users`` defaults to every active account."""
    index = match_index(matchable_members() if users is None else users)
    results = []
    for name in names:
        key = name_key(name)
        candidates = list(index.get(key, [])) if key else []
        if not candidates:
            parts = PREFIX_SEPARATOR.split(name, maxsplit=1)
            if len(parts) == 2:
                candidates = list(index.get(name_key(parts[1]), []))
        results.append(NameMatch(name=name, candidates=_unique(candidates)))
    return results


def _unique(users) -> list:
    seen, kept = set(), []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            kept.append(user)
    return kept
