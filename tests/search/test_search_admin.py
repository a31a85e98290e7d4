"""Editors see what members could not find, and promote results."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests import factories

pytestmark = pytest.mark.django_db


def test_unanswered_queries_of_the_week_are_listed(admin_client, client):
    series = factories.topic_series(title="案例拆解", slug="cases")
    factories.sharing_session(
        series, start=timezone.now() - timedelta(days=3), title="裂变复盘"
    )
    for q in ("裂变", "直播带货", "直播带货", "直播带货"):
        client.get("/search/", {"q": q})
    html = admin_client.get("/admin/search/unanswered/").content.decode()
    assert "直播带货" in html
    assert ">3<" in html  # asked three times
    assert "裂变" not in html


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
