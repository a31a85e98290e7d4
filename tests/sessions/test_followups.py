"""Follow-ups after a session: thanks to those who came, the recap for no-shows."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from sessions.attendance.followups import followup_messages
from sessions.attendance.services import Signup, attendance_record, rsvps_add
from sessions.models import SessionRsvp
from tests import factories

pytestmark = pytest.mark.django_db
BASE = "https://chendian.example.org/"


@pytest.fixture
def ended_session():
    """Ended two hours ago; 小林 came, 老周 said yes and did not, 阿青 walked in."""
    session = factories.sharing_session(
        start=timezone.now() - timedelta(hours=3),
        title="复盘方法",
        slug="review",
        duration_minutes=60,
        recording_url="https://example.com/rec",
    )
    organiser = factories.moderator()
    xiaolin = factories.member("xiaolin", display_name="杭州-小林")
    laozhou = factories.member("laozhou", display_name="北京-老周")
    rsvps_add(
        session=session,
        signups=[Signup(member=xiaolin), Signup(member=laozhou)],
        by=organiser,
    )
    came = SessionRsvp.objects.get(member=xiaolin)
    attendance_record(
        session=session,
        present=[came.pk],
        walk_ins=[Signup(guest_name="阿青")],
        by=organiser,
    )
    return session


def test_thanks_mentions_who_came_and_no_show_note_who_did_not(ended_session):
    (_, thanks), (_, missed) = followup_messages(ended_session, base_url=BASE)
    assert "@杭州-小林" in thanks and "@阿青" in thanks
    assert "@北京-老周" not in thanks
    assert "@北京-老周" in missed and "@杭州-小林" not in missed
    assert missed.splitlines()[-1] == "https://example.com/rec"  # no recap yet


def test_once_the_recap_is_up_both_messages_link_to_it(ended_session):
    ended_session.recap = factories.recap_stream("要点")
    ended_session.save_revision().publish()
    ended_session.refresh_from_db()
    (_, thanks), (_, missed) = followup_messages(ended_session, base_url=BASE)
    recap_link = BASE.rstrip("/") + ended_session.url + "#recap"
    assert thanks.splitlines()[-1] == recap_link
    assert missed.splitlines()[-1] == recap_link


def test_no_follow_ups_before_anyone_is_checked_in():
    session = factories.sharing_session(start=timezone.now() - timedelta(hours=3))
    assert followup_messages(session, base_url=BASE) == []


def test_follow_ups_show_in_the_message_tab_and_today(admin_client, ended_session):
    edit = admin_client.get(f"/admin/pages/{ended_session.pk}/edit/").content.decode()
    assert "会后跟进" in edit and "【感谢参加】" in edit
    today = BeautifulSoup(
        admin_client.get("/admin/sessions/today/").content, "html.parser"
    )
    cards = today.select(".today-followup textarea")
    assert [card.get_text().splitlines()[0][:6] for card in cards] == [
        "【感谢参加】",
        "【错过了？】",
    ]
