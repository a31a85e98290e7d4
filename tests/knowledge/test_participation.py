"""A member's page shows their sessions: to themselves and organisers only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.attendance.services import attendance_record, rsvp_answer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    member = factories.member("xiaolin", display_name="杭州-小林")
    past = factories.sharing_session(
        start=timezone.now() - timedelta(days=7), title="上周的复盘会"
    )
    upcoming = factories.sharing_session(
        start=timezone.now() + timedelta(days=2), title="下周的读书会", capacity=1
    )
    rsvp = rsvp_answer(
        session=past, user=member, answer="yes", now=past.start - timedelta(days=1)
    )
    attendance_record(session=past, present=[rsvp.pk], by=factories.moderator())
    rsvp_answer(session=upcoming, user=factories.member(), answer="yes")
    rsvp_answer(session=upcoming, user=member, answer="yes")
    return member


def test_own_page_lists_sessions_came_and_waitlisted(client, history):
    client.force_login(history)
    page = client.get(f"/members/{history.pk}/").content.decode()
    assert "上周的复盘会" in page and "到场" in page
    assert "下周的读书会" in page and "候补中" in page


def test_organisers_see_it_and_other_members_do_not(client, history):
    client.force_login(factories.member())
    assert "上周的复盘会" not in client.get(f"/members/{history.pk}/").content.decode()
    client.force_login(factories.moderator())
    assert "上周的复盘会" in client.get(f"/members/{history.pk}/").content.decode()
