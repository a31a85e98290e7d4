"""iCalendar feeds, read back with icalendar and with vobject (an independent parser)."""

from datetime import UTC, timedelta

import icalendar
import pytest
import vobject
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds():
    series = factories.topic_series(
        title="工具实战", slug="tools", warmup_hours_before=2
    )
    other = factories.topic_series(title="案例拆解", slug="cases")
    soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
    planned = factories.sharing_session(
        series,
        start=soon,
        title="排期方法",
        venue_name="1 群",
        join_url="https://example.com/j",
        summary="一个月的排期",
    )
    cancelled = factories.sharing_session(
        series,
        start=soon + timedelta(days=7),
        title="定价讨论",
        status="cancelled",
        status_reason="嘉宾出差",
    )
    factories.sharing_session(series, start=soon, title="草稿", publish=False)
    elsewhere = factories.sharing_session(other, start=soon, title="新人流程")
    return {
        "series": series,
        "planned": planned,
        "cancelled": cancelled,
        "elsewhere": elsewhere,
    }


def parse_both(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    independent = vobject.readOne(body.decode())
    titles = sorted(str(e.summary.value) for e in independent.vevent_list)
    return events, titles


def test_site_wide_feed_lists_every_published_session(client, feeds):
    for url in ("/sessions/calendar.ics", "/calendar/all.ics"):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        events, titles = parse_both(response.content)
        assert titles == sorted(["排期方法", "定价讨论", "新人流程"])
        assert "草稿" not in events


def test_series_feed_has_only_its_sessions_with_times_location_and_alarm(client, feeds):
    events, titles = parse_both(client.get("/calendar/tools.ics").content)
    assert titles == ["定价讨论", "排期方法"]
    event = events["排期方法"]
    start = event.decoded("dtstart")
    assert start.utcoffset() is not None
    assert start == feeds["planned"].start
    assert event.decoded("dtend") - start == timedelta(minutes=90)
    assert str(event["location"]) == "1 群"
    assert str(event["url"]).endswith(feeds["planned"].url)
    assert "https://example.com/j" in str(event["description"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(hours=2)


def test_cancelled_sessions_are_marked_cancelled(client, feeds):
    events, _ = parse_both(client.get("/calendar/tools.ics").content)
    assert str(events["定价讨论"]["status"]) == "CANCELLED"
    assert str(events["排期方法"]["status"]) == "CONFIRMED"


def test_moving_a_session_keeps_its_uid_and_raises_its_sequence(client, feeds):
    session = feeds["planned"]
    url = f"/calendar/session/{session.pk}.ics"
    before = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]

    session.start += timedelta(days=1)
    session.save_revision().publish()
    after = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]

    assert after["uid"] == before["uid"]
    assert after["sequence"] > before["sequence"]
    assert after.decoded("dtstart").astimezone(UTC) == session.start.astimezone(UTC)

    # Editing unrelated text does not make calendars re-notify.
    session.summary = "改了摘要"
    session.save_revision().publish()
    again = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert again["sequence"] == after["sequence"]


def test_cancelling_a_session_updates_its_feed(client, feeds):
    session = feeds["planned"]
    session.status = "cancelled"
    session.status_reason = "临时取消"
    session.save_revision().publish()
    event = icalendar.Calendar.from_ical(
        client.get(f"/calendar/session/{session.pk}.ics").content
    ).walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] >= 1


def test_unknown_or_unpublished_feeds_are_404(client, feeds):
    assert client.get("/calendar/nope.ics").status_code == 404
    draft = factories.sharing_session(
        feeds["series"], start=timezone.now(), publish=False
    )
    assert client.get(f"/calendar/session/{draft.pk}.ics").status_code == 404


def test_pages_link_their_calendars(client, feeds):
    session_html = client.get(feeds["planned"].url).content.decode()
    assert f'href="/calendar/session/{feeds["planned"].pk}.ics"' in session_html
    assert 'href="/calendar/tools.ics"' in session_html
    assert (
        'href="/calendar/tools.ics"' in client.get(feeds["series"].url).content.decode()
    )
