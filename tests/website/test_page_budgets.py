"""Query budgets per page type, for visitors and members, at N and at 10×N.

Each page is read once before it is counted (as on a running site, where the
site's root paths, the community settings and the menu are already cached).
A count that grows with the number of sessions, questions, posts or messages
is an N+1 query: the tests read every page at N and again at 10×N and expect
the very same count.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.chats.days import DAY_PAGE_SIZE
from sessions.questions.services import BOARD_PAGE_SIZE

from .community_builder import CommunityBuilder

N = 2
SESSION_PAGE_BUDGET = 15
LIST_PAGE_BUDGET = 12
READING_PAGE_BUDGET = 10

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    built = CommunityBuilder()
    built.grow(N)
    return built


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def counts_at_n_and_10n(client, community, urls_for, users):
    """{(who, name): (count at N, count at 10×N)} for every page and user."""
    counts = {}
    # The first request stores the community settings, which starts a new
    # generation of cached settings; from the second on the site is warm.
    client.get("/")
    for size in ("n", "10n"):
        if size == "10n":
            community.grow(9 * N)
        for who, user in users.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            for name, url in urls_for(community).items():
                counts.setdefault((who, name), []).append(count_queries(client, url))
    return counts


def assert_within(counts, budget):
    over = {key: n for key, n in counts.items() if max(n) > budget}
    assert not over, f"over the budget of {budget} queries: {over}"
    grows = {key: n for key, n in counts.items() if n[0] != n[1]}
    assert not grows, f"query count grows with the content (N → 10×N): {grows}"


BUDGETS = {"session": SESSION_PAGE_BUDGET, "list": LIST_PAGE_BUDGET}
BUDGETS["reading"] = READING_PAGE_BUDGET
STAGES = ("announced", "collecting", "warm_up", "live", "ended", "archived")


def every_page(c) -> dict[tuple[str, str], str]:
    """(budget group, page) → URL for every page type with a budget."""
    pages = {("session", stage): page.url for stage, page in c.stages.items()}
    pages.update(
        {
            ("list", "home"): "/",
            ("list", "series index"): c.index.url,
            ("list", "series"): c.series.url,
            ("reading", "chat day"): c.chat_day_url(),
            ("reading", "member page"): f"/members/{c.member.pk}/",
            ("reading", "knowledge list"): c.knowledge.url,
        }
    )
    return pages


def test_every_page_type_stays_within_its_budget_and_does_not_grow_with_content(
    client, community
):
    """Sessions ≤ 15 at every stage; home, index, series ≤ 12; chat day,
    member page, knowledge list ≤ 10 — for visitors and members, at N and 10×N."""
    counts = counts_at_n_and_10n(
        client, community, every_page, {"visitor": None, "member": community.member}
    )
    assert {page for (_who, (group, page)) in counts if group == "session"} == set(
        STAGES
    )
    for group, budget in BUDGETS.items():
        assert_within(
            {key: n for key, n in counts.items() if key[1][0] == group}, budget
        )
    # The pages counted show what they list at 10×N, not an empty shell.
    archived = client.get(community.archived.url).content.decode()
    answered = archived.count("个已回答的问题") + archived.count("读者的第")
    assert answered == BOARD_PAGE_SIZE  # a full first page of the 2×10×N answered
    day = client.get(community.chat_day_url()).content.decode()
    assert day.count('class="chat-message ') == min(10 * 10 * N, DAY_PAGE_SIZE)
    assert 'href="https://example.com/1"' in day
    assert f"笔记 {10 * N}" in client.get(community.knowledge.url).content.decode()
