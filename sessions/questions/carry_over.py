"""Carrying unanswered questions to the next session of the series.

When a session ends, the approved questions it did not answer may move on:
each gets a copy on the next session (same asker, text and votes, linked back
through ``carried_from``) and the original is marked "carried", so the ended
session shows where it went and the asker can follow it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import QuestionVote, SessionQuestion, SharingSessionPage


class CarryOverError(Exception):
    """Nothing can be carried: the session has not ended, or has no next session."""


def next_session_of(session: SharingSessionPage, *, now) -> SharingSessionPage | None:
    """The next session of the same series that is neither cancelled nor over by
    ``now`` (drafts count: planned sessions are drafts until an organiser fills
    them in)."""
    later = (
        SharingSessionPage.objects.child_of(session.get_parent())
        .filter(start__gt=max(session.start, now - timedelta(days=1)))
        .exclude(status=SharingSessionPage.Status.CANCELLED)
        .order_by("start")
    )
    return next((candidate for candidate in later if candidate.end > now), None)


def questions_carry_over(
    *, questions: Iterable[SessionQuestion], now=None
) -> list[SessionQuestion]:
    """Carry each approved question of an ended session to its next session.

    Returns the copies made. Questions that are not approved, or whose
    session has not ended, are left alone; a session without a next one
    raises CarryOverError (nothing is changed).
    """
    now = now or timezone.now()
    todo = [
        q
        for q in questions
        if q.status == SessionQuestion.Status.APPROVED and q.session.end <= now
    ]
    targets: dict[int, SharingSessionPage] = {}
    for question in todo:
        if question.session_id not in targets:
            target = next_session_of(question.session, now=now)
            if target is None:
                raise CarryOverError(
                    _("“%(title)s” has no next session to carry its questions to.")
                    % {"title": question.session.title}
                )
            targets[question.session_id] = target
    copies = []
    with transaction.atomic():
        for question in todo:
            copies.append(_carry(question, targets[question.session_id]))
    return copies


def _carry(question: SessionQuestion, target: SharingSessionPage) -> SessionQuestion:
    copy = SessionQuestion.objects.create(
        session=target,
        author=question.author,
        author_name=question.author_name,
        text=question.text,
        status=SessionQuestion.Status.APPROVED,
        carried_from=question,
        vote_count=question.vote_count,
    )
    # created_at is set on insert; the copy keeps the original's date.
    SessionQuestion.objects.filter(pk=copy.pk).update(created_at=question.created_at)
    QuestionVote.objects.bulk_create(
        QuestionVote(question=copy, voter_id=voter_id)
        for voter_id in question.votes.values_list("voter_id", flat=True)
    )
    question.status = SessionQuestion.Status.CARRIED
    question.save(update_fields=["status"])
    return copy


def session_carry_over(
    *, session: SharingSessionPage, now=None
) -> list[SessionQuestion]:
    """Carry every approved, unanswered question of ``session`` to the next one."""
    questions = session.questions.filter(
        status=SessionQuestion.Status.APPROVED
    ).select_related("session")
    return questions_carry_over(questions=list(questions), now=now)


def series_carry_over_due(*, now=None) -> list[tuple[SharingSessionPage, int]]:
    """For every series that asks for it, carry the questions of its ended sessions.

    Returns (session, number carried) for each session that had some. Sessions
    with no next session yet are skipped and tried again on the next run.
    """
    from ..models import TopicSeriesPage

    now = now or timezone.now()
    done = []
    for series in TopicSeriesPage.objects.filter(carry_over_questions=True):
        sessions = (
            SharingSessionPage.objects.child_of(series)
            .filter(
                start__lte=now,
                questions__status=SessionQuestion.Status.APPROVED,
            )
            .distinct()
            .order_by("start")
        )
        for session in sessions:
            if session.end > now or next_session_of(session, now=now) is None:
                continue
            copies = session_carry_over(session=session, now=now)
            done.append((session, len(copies)))
    return done
