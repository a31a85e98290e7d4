"""The demo community: every stage visible, and loading it twice adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from sessions.lifecycle import Stage
from sessions.models import Person, SharingSessionPage, TopicSeriesPage
from sessions.selectors import with_stages

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "people": Person.objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_demo_shows_every_stage_and_loads_idempotently(client):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first

    assert TopicSeriesPage.objects.live().count() >= 3
    sessions = with_stages(SharingSessionPage.objects.live(), now=timezone.now())
    assert len(sessions) >= 12
    assert {s.stage for s in sessions} == set(Stage)

    archived = [s for s in sessions if s.stage == Stage.ARCHIVED]
    assert archived and all(len(s.recap) >= 3 for s in archived)
    for session in sessions:
        assert client.get(session.url).status_code == 200


def test_run_demo_prints_the_url_and_admin_login(capsys):
    call_command("run_demo", "--no-serve")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    assert "admin / chendian-demo" in out
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password="chendian-demo").is_superuser


def test_demo_has_answers_check_ins_a_waitlist_and_a_dormant_member(admin_client):
    from datetime import date

    from knowledge.insights.figures import community_figures
    from sessions.models import SessionRsvp

    call_command("load_demo")
    answers = SessionRsvp.objects.count()
    call_command("load_demo")
    assert SessionRsvp.objects.count() == answers
    assert SessionRsvp.objects.filter(attended=True).exists()
    assert SessionRsvp.objects.filter(waitlisted=True).exists()
    today = timezone.localdate()
    figures = community_figures(since=date(today.year - 1, 1, 1), until=today)
    assert figures.sessions_held and figures.attended and figures.dormant_members
    dormant = admin_client.get("/admin/insights/dormant/").content.decode()
    assert "南京-老李" in dormant


def test_demo_shows_what_sessions_leave_behind(client):
    from bs4 import BeautifulSoup

    from knowledge.models import ChatMessage, FaqCardPage

    call_command("load_demo")
    call_command("load_demo")

    spreadsheet = SharingSessionPage.objects.get(slug="spreadsheet-automation")
    page = BeautifulSoup(client.get(spreadsheet.url).content, "html.parser")
    assert len(page.select(".chapters li")) == 4
    assert len(page.select(".transcript__segment")) == 14
    assert len(page.select(".faq-cards li")) == 2
    chat_link = page.select_one(".chat-archive-links a")["href"]
    assert chat_link == f"/chats/session/{spreadsheet.pk}/"
    assert ChatMessage.objects.filter(session__isnull=True).count() == 2

    upcoming = SharingSessionPage.objects.get(slug="newcomer-onboarding")
    (carried,) = upcoming.questions.filter(carried_from__isnull=False)
    assert carried.vote_count == 3
    board = BeautifulSoup(client.get(upcoming.url).content, "html.parser")
    origin = board.select_one(f"#{carried.anchor} .question__origin a")
    assert origin["href"].endswith(f"#{carried.carried_from.anchor}")

    assert FaqCardPage.objects.live().count() == 2
    faq = BeautifulSoup(client.get("/faq/").content, "html.parser")
    assert len(faq.select(".faq-list h2")) == 2


@pytest.mark.parametrize("weekday", [0, 3, 6])
def test_demo_sessions_a_day_or_more_away_fall_on_their_series_weekdays_when_the_stage_allows(  # noqa: E501
    weekday,
):
    """Loaded on any day of the week, a session a day or more away is on its
    series' cadence, unless no cadence date near it is in the stage it shows
    (the demo shows every stage the day it is loaded)."""
    from datetime import datetime, timedelta

    from sessions.community.conf import community_timezone
    from website.demo import load_all

    tz = community_timezone()
    now = datetime(2026, 11, 2, 15, 0, tzinfo=tz) + timedelta(days=weekday)
    load_all(now=now)
    on_cadence = off_cadence = 0
    for series in TopicSeriesPage.objects.live():
        for session in SharingSessionPage.objects.child_of(series).live():
            if abs(session.start - now) < timedelta(days=1):
                continue
            local = timezone.localtime(session.start, tz)
            if local.weekday() in series.cadence_weekdays:
                on_cadence += 1
                continue
            off_cadence += 1
            # The stage it shows is one no cadence date within a period has.
            stage = session.stage_at(now)
            period = timedelta(days=7 * series.cadence_interval)
            for days in range(-period.days, period.days + 1):
                moved = local + timedelta(days=days)
                if moved.weekday() in series.cadence_weekdays:
                    session.start = moved
                    assert session.stage_at(now) != stage, (session.title, moved)
    assert on_cadence >= 7 and off_cadence <= 2


def test_run_demo_sets_the_site_to_the_address_it_serves(client):
    from wagtail.models import Site

    call_command("run_demo", "127.0.0.1:8123", "--no-serve")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "http://127.0.0.1:8123/" in sitemap and "localhost" not in sitemap
