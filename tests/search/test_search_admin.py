"""Editors see what members could not find, and promote results."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests import factories

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/unanswered-searches/"


def report_rows(html):
    """(search, times asked) for each row of the report's table."""
    return [
        (query, int(hits))
        for query, hits in re.findall(
            r'<td ><a href="/search/\?q=[^"]*"[^>]*>([^<]+)</a></td>\s*<td[^>]*>\s*(\d+)',
            html,
        )
    ]


def test_report_lists_searches_that_found_nothing_with_how_often(admin_client, client):
    series = factories.topic_series(title="案例拆解", slug="cases")
    factories.sharing_session(
        series, start=timezone.now() - timedelta(days=3), title="裂变复盘"
    )
    for q in ("裂变", "直播带货", "直播带货", "直播带货"):
        client.get("/search/", {"q": q})
    html = admin_client.get(REPORT).content.decode()
    assert report_rows(html) == [("直播带货", 3)]


def test_viewing_the_report_runs_no_search(admin_client, client, monkeypatch):
    client.get("/search/api/", {"q": "直播带货"})
    from search import service

    def no_search(request):
        raise AssertionError("the report must not search")

    monkeypatch.setattr(service, "search_run", no_search)
    response = admin_client.get(REPORT)
    assert report_rows(response.content.decode()) == [("直播带货", 1)]


def test_report_date_filter_counts_only_that_period(admin_client):
    from search.models import UnansweredSearch, UnansweredSearchDay

    today = timezone.localdate()
    old = UnansweredSearch.objects.create(query_string="去年的问题")
    UnansweredSearchDay.objects.create(
        search=old, date=today - timedelta(days=300), hits=9
    )
    recent = UnansweredSearch.objects.create(query_string="本周的问题")
    UnansweredSearchDay.objects.create(search=recent, date=today, hits=2)
    UnansweredSearchDay.objects.create(
        search=recent, date=today - timedelta(days=200), hits=5
    )
    week = {
        "date_from": (today - timedelta(days=7)).isoformat(),
        "date_to": today.isoformat(),
    }
    html = admin_client.get(REPORT, week).content.decode()
    assert report_rows(html) == [("本周的问题", 2)]
    all_time = admin_client.get(REPORT).content.decode()
    assert report_rows(all_time) == [("去年的问题", 9), ("本周的问题", 7)]


def test_report_exports_csv(admin_client, client):
    client.get("/search/api/", {"q": "直播带货"})
    client.get("/search/api/", {"q": "直播带货"})
    response = admin_client.get(REPORT, {"export": "csv"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[1].startswith("直播带货,2,")


def test_report_is_only_for_those_who_may_promote_results(client):
    client.force_login(factories.moderator())
    client.get("/search/api/", {"q": "直播带货"})
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "直播带货" not in response.content.decode()


def test_search_finding_nothing_is_recorded_once_per_day_and_query(client):
    from search.models import UnansweredSearch

    for q in ("直播带货", " 直播带货 ", "直播带货"):
        client.get("/search/api/", {"q": q})
    (search,) = UnansweredSearch.objects.all()
    assert search.query_string == "直播带货"
    assert [day.hits for day in search.days.all()] == [3]


def test_search_with_a_promoted_result_is_not_unanswered(client):
    from search.models import UnansweredSearch

    SearchPromotion.objects.create(
        query=Query.get("入门"), external_link_url="https://docs.wagtail.org/"
    )
    client.get("/search/", {"q": "入门"})
    assert not UnansweredSearch.objects.exists()


def test_promoted_result_is_shown_first(client):
    series = factories.topic_series(title="工具实战", slug="tools")
    guide = factories.sharing_session(series, start=timezone.now(), title="新人必看")
    SearchPromotion.objects.create(
        query=Query.get("入门"), page=guide, description="从这里开始"
    )
    html = client.get("/search/", {"q": "入门"}).content.decode()
    assert "新人必看" in html and "从这里开始" in html


def test_every_search_is_counted_for_the_editors(client):
    client.get("/search/api/", {"q": "直播带货"})
    client.get("/search/api/", {"q": " 直播带货 "})
    client.get("/search/", {"q": "直播带货"})
    assert Query.get("直播带货").hits == 3


def test_promoted_external_link_is_shown(client):
    SearchPromotion.objects.create(
        query=Query.get("入门"),
        external_link_url="https://docs.wagtail.org/",
        external_link_text="Wagtail 文档",
    )
    html = client.get("/search/", {"q": "入门"}).content.decode()
    assert 'href="https://docs.wagtail.org/"' in html and "Wagtail 文档" in html


def test_dashboard_warns_when_changes_stop_reaching_the_index(admin_client):
    from search.models import OutboxEntry

    OutboxEntry.objects.create(source="community_sessions.session", object_pk="1")
    assert "data-search-backlog" not in admin_client.get("/admin/").content.decode()

    # Nobody drained these for an hour: no worker, or the engine refuses them.
    OutboxEntry.objects.create(
        source="community_sessions.session",
        object_pk="2",
        last_error="ConnectionError: cluster unreachable",
    )
    OutboxEntry.objects.update(created_at=timezone.now() - timedelta(hours=1))
    html = admin_client.get("/admin/").content.decode()
    assert 'data-search-backlog="2"' in html
    assert "db_worker" in html and "search_sync" in html
    assert "cluster unreachable" in html
    assert "搜索索引滞后" in html  # the admin speaks Chinese by default
