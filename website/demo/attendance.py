"""Demo attendance: answers and check-ins for past sessions, a full upcoming
session with a waitlist, and a member who went quiet, so the organiser
dashboard has something to show on first run.

Made through the same services the site uses. Idempotent: answering the same
way again and checking in someone already present change nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model

from knowledge.models import Activity, MemberProfile
from sessions.attendance.services import (
    Signup,
    attendance_record,
    rsvp_answer,
    rsvps_add,
)
from sessions.models import SessionRsvp, SharingSessionPage

from .members import _member

# Past sessions: who answered what (user name → answer), who came, guests who came.
PAST = {
    "spreadsheet-automation": (
        {"xiaolin": "yes", "wanghr": "yes", "guoyu": "yes", "chensq": "maybe"},
        ["xiaolin", "wanghr", "chensq"],
        ["路过的设计师"],
    ),
    "referral-campaign-teardown": (
        {"chensq": "yes", "zhoumy": "yes", "guoyu": "no"},
        ["chensq", "zhoumy"],
        [],
    ),
    "note-taking-workflow": (
        {"xiaolin": "yes", "guoyu": "yes", "wanghr": "maybe"},
        ["xiaolin", "wanghr"],
        [],
    ),
    "offline-meetup-review": (
        {"xiaolin": "yes", "chensq": "yes", "zhoumy": "yes", "wanghr": "yes"},
        ["xiaolin", "chensq", "zhoumy"],
        ["阿青"],
    ),
}
# An upcoming session with few places: the last to answer waits.
FULL_SESSION, FULL_CAPACITY = "calendar-planning", 3
FULL_ANSWERS = ["wanghr", "guoyu", "chensq", "xiaolin"]
# Signed up in the group with a 接龙, so some names are guests.
JIELONG_SESSION, JIELONG_GUESTS = "search-your-chat-history", ["老周", "Tina"]
DORMANT = ("laoli", "南京-老李", "南京", 120)  # user name, name, city, joined days ago


def load(*, now, stdout=None):
    organiser = get_user_model().objects.get(username="linxiao")
    users = {user.username: user for user in get_user_model().objects.all()}
    for slug, (answers, came, guests) in PAST.items():
        session = SharingSessionPage.objects.filter(slug=slug).first()
        if session is None:
            continue
        for username, answer in answers.items():
            rsvp_answer(
                session=session,
                user=users[username],
                answer=answer,
                now=session.start - timedelta(days=2),
            )
        rows = SessionRsvp.objects.filter(session=session, member__isnull=False)
        present = rows.filter(member__username__in=came).values_list("pk", flat=True)
        absent = rows.exclude(member__username__in=came).values_list("pk", flat=True)
        attendance_record(
            session=session,
            present=list(present),
            absent=list(absent),
            walk_ins=[Signup(guest_name=name) for name in guests],
            by=organiser,
        )
        # Checked in during the session, not whenever the demo was loaded.
        Activity.objects.filter(verb="attended", target_id=session.pk).update(
            created_at=session.start
        )
    _full_session(users, now=now)
    jielong = SharingSessionPage.objects.filter(slug=JIELONG_SESSION).first()
    if jielong is not None:
        rsvps_add(
            session=jielong,
            signups=[Signup(guest_name=name) for name in JIELONG_GUESTS],
            by=organiser,
        )
    dormant = _dormant_member(now=now)
    if stdout:
        stdout.write(
            f"Attendance: {SessionRsvp.objects.count()} answers and check-ins; "
            f"{dormant} has gone quiet (see Insights → Dormant members)."
        )


def _full_session(users, *, now):
    session = SharingSessionPage.objects.filter(slug=FULL_SESSION).first()
    if session is None or session.start <= now:
        return
    if session.capacity != FULL_CAPACITY:
        session.capacity = FULL_CAPACITY
        session.save_revision().publish()
    for username in FULL_ANSWERS:
        rsvp_answer(session=session, user=users[username], answer="yes", now=now)


def _dormant_member(*, now) -> str:
    username, name, city, days = DORMANT
    user = _member(username, name, city, "", "member", "active")
    MemberProfile.objects.filter(user=user).update(
        joined_at=(now - timedelta(days=days)).date()
    )
    return name
