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

from .community_builder import CommunityBuilder

N = 3
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


def test_session_pages_at_every_stage_stay_within_15_queries_and_do_not_grow(
    client, community
):
    counts = counts_at_n_and_10n(
        client,
        community,
        lambda c: {stage: page.url for stage, page in c.stages.items()},
        {"visitor": None, "member": community.member},
    )
    assert set(counts) == {
        (who, stage)
        for who in ("visitor", "member")
        for stage in ("announced", "collecting", "warm_up", "live", "ended", "archived")
    }
    assert_within(counts, SESSION_PAGE_BUDGET)


def test_home_series_index_and_series_stay_within_12_queries_and_do_not_grow(
    client, community
):
    counts = counts_at_n_and_10n(
        client,
        community,
        lambda c: {"home": "/", "index": c.index.url, "series": c.series.url},
        {"visitor": None, "member": community.member},
    )
    assert_within(counts, LIST_PAGE_BUDGET)


def test_chat_day_member_page_and_knowledge_list_stay_within_10_queries(
    client, community
):
    counts = counts_at_n_and_10n(
        client,
        community,
        lambda c: {
            "chat day": c.chat_day_url(),
            "member page": f"/members/{c.member.pk}/",
            "knowledge list": c.knowledge.url,
        },
        {"visitor": None, "member": community.member},
    )
    assert_within(counts, READING_PAGE_BUDGET)


def test_budget_counts_the_pages_it_claims_to(client, community):
    """The pages counted above show what they list (not an empty shell)."""
    community.grow(9 * N)
    client.force_login(community.member)
    archived = client.get(community.archived.url).content.decode()
    assert "第 1 个已回答的问题" in archived and "第 30 个已回答的问题" in archived
    day = client.get(community.chat_day_url()).content.decode()
    assert day.count('class="chat-message ') == 300
    assert 'href="https://example.com/1"' in day
    assert "笔记 30" in client.get(community.knowledge.url).content.decode()
