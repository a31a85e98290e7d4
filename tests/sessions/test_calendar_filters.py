"""The site calendar filtered by series and tag: ``calendar.ics?series=…&tag=…``."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions():
    soon = timezone.now() + timedelta(days=3)
    tools = factories.topic_series(title="工具实战", slug="tools")
    cases = factories.topic_series(title="案例拆解", slug="cases")
    for series, title, tag in [
        (tools, "排期方法", "求职"),
        (tools, "定价讨论", ""),
        (cases, "简历拆解", "求职"),
        (cases, "新人流程", "运营"),
    ]:
        session = factories.sharing_session(series, start=soon, title=title)
        if tag:
            session.tags.add(tag)
            session.save_revision().publish()
    draft = factories.sharing_session(tools, start=soon, title="草稿", publish=False)
    draft.tags.add("求职")
    draft.save_revision()


def summaries(client, query):
    response = client.get("/sessions/calendar.ics", query)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(str(e["summary"]) for e in calendar.walk("VEVENT")), calendar


def test_series_filter_keeps_only_that_series(client, sessions):
    titles, calendar = summaries(client, {"series": "tools"})
    assert titles == ["定价讨论", "排期方法"]
    assert str(calendar["x-wr-calname"]).endswith("工具实战")


def test_tag_filter_keeps_only_tagged_sessions_of_every_series(client, sessions):
    titles, calendar = summaries(client, {"tag": "求职"})
    assert titles == ["排期方法", "简历拆解"]
    assert str(calendar["x-wr-calname"]).endswith("#求职")


def test_series_and_tag_together_keep_sessions_matching_both(client, sessions):
    assert summaries(client, {"series": "cases", "tag": "求职"})[0] == ["简历拆解"]


def test_each_filter_is_cached_apart_from_the_full_calendar(client, sessions):
    everything = summaries(client, {})[0]
    assert everything == ["定价讨论", "排期方法", "新人流程", "简历拆解"]
    assert summaries(client, {"tag": "运营"})[0] == ["新人流程"]
    assert summaries(client, {})[0] == everything


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"series": "nope"}, "没有主题系列“nope”。"),
        ({"tag": "不存在"}, "没有标签“不存在”。"),
        ({"series": "tools", "tag": "x\x00y"}, "没有标签“x\x00y”。"),
    ],
)
def test_unknown_series_or_tag_is_a_bad_request_that_says_which(
    client, sessions, query, message
):
    response = client.get("/sessions/calendar.ics", query)
    assert response.status_code == 400
    assert response.content.decode() == message


def test_series_page_and_tag_page_link_their_filtered_calendars(client, sessions):
    html = client.get("/sessions/tools/").content.decode()
    assert 'href="/calendar/tools.ics"' in html
    index = factories.knowledge_index()
    html = client.get(index.url, {"tag": "求职"}).content.decode()
    assert "/sessions/calendar.ics?tag=%E6%B1%82%E8%81%8C" in html
    titles, _ = summaries(client, {"tag": "求职"})
    assert titles == ["排期方法", "简历拆解"]
