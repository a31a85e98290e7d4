"""Paste-ready follow-ups after a session: thanks to those who came, and the
recap (or recording) for those who said they would come but did not.

Written once attendance is recorded. Names are @-mentioned the way group
chats do; guests are mentioned by the name they wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from ..messages import placeholder_values
from .models import SessionRsvp

MENTION_LIMIT = 40  # more @-mentions than this drown the message


@dataclass(frozen=True)
class FollowUpKind:
    label: str


ATTENDEES = FollowUpKind(_("Thanks to those who came"))
NO_SHOWS = FollowUpKind(_("For those who could not make it"))


def _mentions(rows) -> str:
    names = [row.name for row in rows[:MENTION_LIMIT]]
    extra = len(rows) - len(names)
    text = " ".join(f"@{name}" for name in names)
    return f"{text} 等 {len(rows)} 位" if extra > 0 else text


def followup_messages(session, *, base_url: str) -> list[tuple[FollowUpKind, str]]:
    """The two follow-ups of ``session``, or none before anyone is checked in."""
    rows = list(
        SessionRsvp.objects.filter(session=session)
        .select_related("member")
        .order_by("answered_at", "pk")
    )
    came = [row for row in rows if row.attended]
    if not came:
        return []
    values = placeholder_values(session, base_url=base_url)
    recap = values["recap_link"] if session.has_recap else ""
    later = recap or session.recording_url or values["url"]
    thanks = f"【感谢参加】{_mentions(came)}\n谢谢大家来参加「{session.title}」！" + (
        f"\n回顾在这里：\n{recap}"
        if recap
        else "\n回顾整理好后会发在群里，也会放在：\n" + values["url"]
    )
    messages = [(ATTENDEES, thanks)]
    missed = [row for row in rows if row.is_confirmed and not row.attended]
    if missed:
        what = "回顾" if recap else ("录屏" if session.recording_url else "详情")
        messages.append(
            (
                NO_SHOWS,
                f"【错过了？】{_mentions(missed)}\n「{session.title}」这次没见到你们，"
                f"{what}在这里，有空看看：\n{later}",
            )
        )
    return messages


def followups_due(*, now, base_url: str, days: int = 3):
    """Sessions that ended in the last ``days`` days with attendance recorded,
    each with its follow-ups (for the Today view)."""
    from ..models import SharingSessionPage

    sessions = (
        SharingSessionPage.objects.live()
        .filter(
            start__gte=now - timedelta(days=days + 1),
            start__lte=now,
            rsvps__attended=True,
        )
        .distinct()
        .order_by("-start")
    )
    due = []
    for session in sessions:
        if session.end <= now and session.end >= now - timedelta(days=days):
            due.append((session, followup_messages(session, base_url=base_url)))
    return due
