"""RSVP: answering, changing one's mind, capacity, the waitlist moving up."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from knowledge.models import Activity
from sessions.attendance.services import (
    RsvpClosed,
    Signup,
    attendance_record,
    rsvp_answer,
    rsvp_counts,
    waitlist_promote,
)
from sessions.community.limits import RateLimited
from sessions.models import SessionRsvp
from tests import factories

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def session():
    return factories.sharing_session(
        start=timezone.now() + 3 * DAY, title="读书会：复盘方法", slug="review"
    )


@pytest.fixture
def small_session():
    return factories.sharing_session(
        start=timezone.now() + 3 * DAY, title="线下小聚", slug="meetup", capacity=2
    )


def answer(session, user, value):
    return rsvp_answer(session=session, user=user, answer=value)


class TestAnswering:
    def test_a_member_changes_their_mind_and_only_the_last_answer_counts(self, session):
        member = factories.member()
        answer(session, member, "yes")
        answer(session, member, "no")
        assert SessionRsvp.objects.filter(session=session).count() == 1
        assert rsvp_counts(session).yes == 0
        assert rsvp_counts(session).no == 1

    def test_answers_close_when_the_session_starts(self, session):
        member = factories.member()
        with pytest.raises(RsvpClosed):
            rsvp_answer(session=session, user=member, answer="yes", now=session.start)
        assert not SessionRsvp.objects.exists()

    def test_a_cancelled_session_takes_no_answers(self, session):
        session.status = "cancelled"
        with pytest.raises(RsvpClosed):
            answer(session, factories.member(), "yes")

    def test_members_awaiting_approval_cannot_answer(self, session):
        with pytest.raises(PermissionDenied):
            answer(session, factories.member(status="pending"), "yes")

    def test_an_unknown_answer_is_refused(self, session):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            answer(session, factories.member(), "definitely")
        assert not SessionRsvp.objects.exists()

    def test_answers_are_rate_limited_like_votes(self, session, settings):
        settings.CHENDIAN_RATE_LIMITS = {"rsvp": (3, 3600)}
        member = factories.member()
        for value in ("yes", "no", "yes"):
            answer(session, member, value)
        with pytest.raises(RateLimited):
            answer(session, member, "maybe")
        assert SessionRsvp.objects.get().answer == "yes"


class TestWaitlist:
    def test_past_capacity_i_will_come_goes_on_the_waitlist(self, small_session):
        a, b, c = factories.member(), factories.member(), factories.member()
        answer(small_session, a, "yes")
        answer(small_session, b, "yes")
        third = answer(small_session, c, "yes")
        assert third.waitlisted
        counts = rsvp_counts(small_session)
        assert (counts.yes, counts.waitlisted) == (2, 1)

    def test_when_someone_drops_out_the_first_waitlisted_moves_up(self, small_session):
        a, b, c, d = (factories.member() for _ in range(4))
        for user in (a, b, c, d):
            answer(small_session, user, "yes")
        answer(small_session, a, "no")
        first, second = (
            SessionRsvp.objects.get(session=small_session, member=user)
            for user in (c, d)
        )
        assert not first.waitlisted and first.promoted_at is not None
        assert second.waitlisted and second.promoted_at is None

    def test_saying_yes_again_keeps_ones_place_on_the_waitlist(self, small_session):
        a, b, c, d = (factories.member() for _ in range(4))
        for user in (a, b, c, d):
            answer(small_session, user, "yes")
        answer(small_session, c, "yes")
        answer(small_session, b, "maybe")
        assert SessionRsvp.objects.get(member=c).is_confirmed
        assert SessionRsvp.objects.get(member=d).waitlisted

    def test_raising_the_capacity_moves_the_waitlist_up(self, small_session):
        users = [factories.member() for _ in range(3)]
        for user in users:
            answer(small_session, user, "yes")
        small_session.capacity = 3
        promoted = waitlist_promote(session=small_session)
        assert [rsvp.member for rsvp in promoted] == [users[2]]

    def test_publishing_more_places_moves_the_waitlist_up(self, small_session):
        users = [factories.member() for _ in range(3)]
        for user in users:
            answer(small_session, user, "yes")
        small_session.capacity = 3
        small_session.save_revision().publish()
        assert SessionRsvp.objects.get(member=users[2]).is_confirmed

    def test_sessions_without_capacity_never_waitlist(self, session):
        for _ in range(5):
            assert not answer(session, factories.member(), "yes").waitlisted


class TestAttendance:
    def test_checking_in_records_attended_activity_once(self, session):
        organiser = factories.moderator()
        member = factories.member()
        rsvp = answer(session, member, "yes")
        for _ in range(2):
            attendance_record(session=session, present=[rsvp.pk], by=organiser)
        assert Activity.objects.filter(member=member, verb="attended").count() == 1
        assert rsvp_counts(session).attended == 1

    def test_walk_ins_are_added_as_guests_or_members(self, session):
        organiser = factories.moderator()
        member = factories.member()
        attendance_record(
            session=session,
            walk_ins=[Signup(member=member), Signup(guest_name="路人甲")],
            by=organiser,
        )
        rows = SessionRsvp.objects.filter(session=session, attended=True)
        assert {row.name for row in rows} == {"上海-" + member.username, "路人甲"}
        assert Activity.objects.filter(member=member, verb="attended").exists()

    def test_members_cannot_record_attendance(self, session):
        member = factories.member()
        rsvp = answer(session, member, "yes")
        with pytest.raises(PermissionDenied):
            attendance_record(session=session, present=[rsvp.pk], by=member)
        rsvp.refresh_from_db()
        assert rsvp.attended is None


def html_of(client, session):
    return BeautifulSoup(client.get(session.url).content, "html.parser")


class TestSessionPage:
    def test_page_shows_counts_and_one_click_answers(self, client, small_session):
        answer(small_session, factories.member(), "yes")
        answer(small_session, factories.member(), "maybe")
        member = factories.member()
        client.force_login(member)
        html = BeautifulSoup(client.get(small_session.url).content, "html.parser")
        section = html.select_one("#rsvp")
        assert "1 人会来" in section.get_text()
        assert "1 人可能来" in section.get_text()
        buttons = [b.get_text(strip=True) for b in section.select("form button")]
        assert buttons == ["我会来", "可能来", "来不了"]

    def test_posting_yes_offers_the_calendar_file(self, client, session):
        member = factories.member()
        client.force_login(member)
        response = client.post(session.url + "rsvp/", {"answer": "yes"}, follow=True)
        html = BeautifulSoup(response.content, "html.parser")
        calendar = f"/calendar/session/{session.pk}.ics"
        assert html.select_one(f'.messages a[href="{calendar}"]')
        assert html.select_one(f'#rsvp a[href="{calendar}"]')

    def test_a_waitlisted_member_sees_it_moved_up_on_the_page(
        self, client, small_session
    ):
        a, b, c = (factories.member() for _ in range(3))
        for user in (a, b, c):
            answer(small_session, user, "yes")
        client.force_login(c)
        before = client.get(small_session.url).content.decode()
        assert "候补" in before
        answer(small_session, a, "no")
        after = client.get(small_session.url).content.decode()
        assert "从候补转为确认参加" in after

    def test_anonymous_post_goes_to_login_and_changes_nothing(self, client, session):
        response = client.post(session.url + "rsvp/", {"answer": "yes"})
        assert response.status_code == 302
        assert "login" in response["Location"]
        assert not SessionRsvp.objects.exists()

    def test_cached_counts_change_as_soon_as_another_member_answers_or_withdraws(
        self, client, session
    ):
        client.get(session.url)  # the counts are cached now
        answer(session, factories.member(), "yes")
        assert "1 人会来" in html_of(client, session).select_one("#rsvp").get_text()

        other = factories.member()
        answer(session, other, "yes")
        assert "2 人会来" in html_of(client, session).select_one("#rsvp").get_text()

        SessionRsvp.objects.get(member=other).delete()
        assert "1 人会来" in html_of(client, session).select_one("#rsvp").get_text()

    def test_counts_and_the_members_own_answer_cost_one_query_on_the_session_page(
        self, client, session
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        member, other = factories.member(), factories.member()
        answer(session, member, "maybe")
        answer(session, other, "yes")
        answer(session, factories.member(), "yes")
        client.force_login(member)
        client.get(session.url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            html = BeautifulSoup(client.get(session.url).content, "html.parser")
        rsvp_queries = [
            q for q in queries.captured_queries if "sessionrsvp" in q["sql"]
        ]
        assert len(rsvp_queries) == 1
        section = html.select_one("#rsvp").get_text()
        assert "2 人会来" in section and "1 人可能来" in section
        assert "你的回复：可能来" in section
        # Another member's page shows their own answer, never the first one's.
        client.force_login(other)
        section = BeautifulSoup(client.get(session.url).content, "html.parser")
        assert "你的回复：我会来" in section.select_one("#rsvp").get_text()
