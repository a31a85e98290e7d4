"""Organiser figures: the dashboard and `community_report` agree with a fixture
whose activity is known, figure by figure."""

import csv
import io
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from knowledge.models import Activity
from sessions.attendance.services import (
    Signup,
    attendance_record,
    rsvp_answer,
    rsvps_add,
)
from sessions.models import SessionQuestion, SessionRsvp, SharingSessionPage
from tests import factories

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour=20):
    return datetime(2025, day[0], day[1], hour, tzinfo=SHANGHAI)


def session(series, start, **fields):
    return factories.sharing_session(series, start=start, duration_minutes=60, **fields)


def set_time(model, pk, **times):
    model.objects.filter(pk=pk).update(**times)


@pytest.fixture
def november(db):
    """November 2025 (all times Shanghai):

    tools: S1 11-05 (recap 2 days after its end), S2 11-12 (no recap),
           S4 11-26 cancelled; cases: S3 11-20 (recap 4 days after), S5 12-03.
    RSVPs: S1 m1 m2 yes, m3 maybe, guest yes; S2 m1 yes, m2 no;
           S3 capacity 1: m4 yes, m1 waitlisted.
    Came:  S1 m1 m3 guest; S2 m1; S3 m4.
    Questions: q1 S1 asked 11-04 answered 11-05; q2 S3 asked 11-18;
               q3 S5 asked 11-29 answered 12-03; q4 S1 asked 10-30 answered 11-05.
    Members m1–m6 joined 2025-01-01, m7 on 11-25; m5 last active 10-15,
    m6 never: with 4 weeks, both dormant at the end of November.
    """
    tools = factories.topic_series(title="工具实战", slug="tools")
    cases = factories.topic_series(title="案例拆解", slug="cases")
    recap = factories.recap_stream("要点")
    s1 = session(tools, at((11, 5)), recap=recap)
    s2 = session(tools, at((11, 12)))
    s3 = session(cases, at((11, 20)), recap=recap, capacity=1)
    s4 = session(tools, at((11, 26)), status="cancelled", status_reason="讲者生病")
    s5 = session(cases, at((12, 3)))
    set_time(SharingSessionPage, s1.pk, recap_published_at=at((11, 7), 21))
    set_time(SharingSessionPage, s3.pk, recap_published_at=at((11, 24), 21))
    joined = date(2025, 1, 1)
    m = {
        i: factories.member(f"m{i}", display_name=f"成员{i}", joined_at=joined)
        for i in range(1, 7)
    }
    m[7] = factories.member("m7", display_name="成员7", joined_at=date(2025, 11, 25))
    organiser = factories.moderator("organiser")

    def answer(s, who, value):
        return rsvp_answer(
            session=s, user=m[who], answer=value, now=s.start - timedelta(days=1)
        )

    answer(s1, 1, "yes"), answer(s1, 2, "yes"), answer(s1, 3, "maybe")
    rsvps_add(session=s1, signups=[Signup(guest_name="路人甲")], by=organiser)
    answer(s2, 1, "yes"), answer(s2, 2, "no")
    answer(s3, 4, "yes")
    assert answer(s3, 1, "yes").waitlisted

    def came(s, *who, guests=()):
        ids = SessionRsvp.objects.filter(session=s, member__in=[m[w] for w in who])
        attendance_record(
            session=s,
            present=list(ids.values_list("pk", flat=True)),
            walk_ins=[Signup(guest_name=g) for g in guests],
            by=organiser,
        )
        Activity.objects.filter(verb="attended", target_id=s.pk).update(
            created_at=s.start
        )

    came(s1, 1, 3)
    SessionRsvp.objects.filter(session=s1, guest_name="路人甲").update(attended=True)
    came(s2, 1)
    came(s3, 4)

    def question(s, asker, asked, answered=None):
        q = SessionQuestion.objects.create(
            session=s, author=m[asker], author_name="x", text="一个足够长的问题？"
        )
        times = {"created_at": at(asked)}
        if answered:
            times.update(status="answered", answer="答", answered_at=at(answered))
        set_time(SessionQuestion, q.pk, **times)
        return q

    q1 = question(s1, 2, (11, 4), (11, 5))
    question(s3, 4, (11, 18))
    question(s5, 1, (11, 29), (12, 3))
    question(s1, 6, (10, 30), (11, 5))
    Activity.record(member=m[2], verb="asked", target=q1)
    Activity.objects.filter(verb="asked").update(created_at=at((11, 4)))
    Activity.record(member=m[5], verb="posted")
    Activity.objects.filter(verb="posted").update(created_at=at((10, 15)))
    assert s4.is_cancelled
    return {"tools": tools}


EXPECTED_NOVEMBER = {
    "sessions_held": 3,
    "rsvps": 5,
    "attended": 5,
    "questions_asked": 3,
    "questions_answered": 2,
    "recaps_published": 2,
    "recap_rate": 0.67,
    "median_days_to_recap": 3.0,
    "active_members": 4,
    "new_members": 1,
    "dormant_members": 2,
}


def report(*args):
    out = io.StringIO()
    call_command("community_report", *args, stdout=out)
    return out.getvalue()


def test_report_json_gives_the_fixtures_known_figures(november):
    figures = json.loads(
        report("--since", "2025-11-01", "--until", "2025-11-30", "--format", "json")
    )
    assert figures == EXPECTED_NOVEMBER


def test_report_for_one_series_counts_only_its_sessions_and_activity(november):
    figures = json.loads(
        report(
            "--since",
            "2025-11-01",
            "--until",
            "2025-11-30",
            "--series",
            "tools",
            "--format",
            "json",
        )
    )
    assert {
        key: figures[key]
        for key in (
            "sessions_held",
            "rsvps",
            "attended",
            "questions_asked",
            "questions_answered",
            "recaps_published",
            "recap_rate",
            "median_days_to_recap",
            "active_members",
        )
    } == {
        "sessions_held": 2,
        "rsvps": 4,
        "attended": 4,
        "questions_asked": 1,
        "questions_answered": 2,
        "recaps_published": 1,
        "recap_rate": 0.5,
        "median_days_to_recap": 2.0,
        "active_members": 3,
    }


def test_report_text_lists_every_key(november):
    text = report("--since", "2025-11-01", "--until", "2025-11-30")
    for key in EXPECTED_NOVEMBER:
        assert key in text


def test_a_longer_dormant_window_finds_fewer_dormant_members(november):
    figures = json.loads(
        report(
            "--since",
            "2025-11-01",
            "--until",
            "2025-11-30",
            "--dormant-weeks",
            "8",
            "--format",
            "json",
        )
    )
    assert figures["dormant_members"] == 1  # m5 was active on 10-15


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2025-13-01"], "not a date"),
        (["--since", "2025-11-30", "--until", "2025-11-01"], "before"),
        (["--since", "2025-11-01", "--series", "nope"], "no topic series"),
    ],
)
def test_bad_arguments_get_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        report(*args)


def test_the_dashboards_november_row_matches_the_report(november, admin_client):
    response = admin_client.get("/admin/insights/?year=2025&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, november_row = rows[0], rows[11]
    assert november_row[0] == "2025-11"
    shown = dict(zip(header[1:], november_row[1:], strict=True))
    expected = json.loads(
        report("--since", "2025-11-01", "--until", "2025-11-30", "--format", "json")
    )
    assert list(shown.values()) == [str(value) for value in expected.values()]


def test_the_dashboard_draws_charts_and_the_series_table(november, admin_client):
    page = admin_client.get("/admin/insights/?year=2025").content.decode()
    assert page.count("<svg") >= 2
    series_page = admin_client.get(
        "/admin/insights/series/?since=2025-11-01&until=2025-11-30"
    ).content.decode()
    assert "工具实战" in series_page and "案例拆解" in series_page


def test_dormant_members_list_and_wake_up_message(november, admin_client):
    page = admin_client.get("/admin/insights/dormant/?weeks=4").content.decode()
    assert "@成员6" in page  # never active, so dormant now
    xlsx = admin_client.get("/admin/insights/dormant/?weeks=4&export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_members_cannot_open_the_dashboard(client):
    client.force_login(factories.member())
    response = client.get("/admin/insights/")
    assert response.status_code in (302, 403)
