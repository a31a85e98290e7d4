"""Question collection: asking, voting and moderating, in one place.

Every write goes through a function here so that the rules (window open,
member allowed, one vote each, vote counts kept in step, activity recorded)
hold the same in the page, the admin and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ..community.limits import check_rate
from ..community.members import display_name
from ..community.signals import member_activity
from ..models import SharingSessionPage
from .models import QuestionVote, SessionQuestion

ASK_PERMISSION = "community_sessions.add_sessionquestion"
VOTE_PERMISSION = "community_sessions.add_questionvote"
MODERATE_PERMISSION = "community_sessions.change_sessionquestion"


class QuestionsClosed(Exception):
    """The session is not collecting questions now."""


def can_ask(user) -> bool:
    return user.is_authenticated and user.has_perm(ASK_PERMISSION)


def can_vote(user) -> bool:
    return user.is_authenticated and user.has_perm(VOTE_PERMISSION)


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)


def question_ask(
    *, session: SharingSessionPage, user, text: str, now=None
) -> SessionQuestion:
    """Record a member's question; it waits for a moderator's approval."""
    if not can_ask(user):
        raise PermissionDenied(_("Only approved members can ask questions."))
    if not session.questions_open_at(now or timezone.now()):
        raise QuestionsClosed(_("This session is not collecting questions now."))
    question = SessionQuestion(
        session=session,
        author=user,
        author_name=display_name(user)[:80],
        text=text.strip(),
    )
    question.full_clean()
    check_rate(user, "question")
    with transaction.atomic():
        question.save()
        member_activity.send(
            SessionQuestion, member=user, verb="asked", target=question, by=None
        )
    return question


def question_vote_toggle(*, question: SessionQuestion, user, now=None) -> bool:
    """Upvote, or withdraw the vote if there is one. Returns whether it now counts."""
    if not can_vote(user):
        raise PermissionDenied(_("Only approved members can vote."))
    if question.status != SessionQuestion.Status.APPROVED:
        raise ValidationError(_("Only approved, unanswered questions take votes."))
    if not question.session.questions_open_at(now or timezone.now()):
        raise QuestionsClosed(_("This session is not collecting questions now."))
    check_rate(user, "vote")
    with transaction.atomic():
        deleted, _counts = QuestionVote.objects.filter(
            question=question, voter=user
        ).delete()
        if not deleted:
            try:
                with transaction.atomic():
                    QuestionVote.objects.create(question=question, voter=user)
            except IntegrityError:  # a double click raced us: one vote stands
                return True
        _recount(question)
        if not deleted:
            member_activity.send(
                SessionQuestion, member=user, verb="voted", target=question, by=None
            )
    return not deleted


def _recount(question: SessionQuestion) -> None:
    SessionQuestion.objects.filter(pk=question.pk).update(
        vote_count=QuestionVote.objects.filter(question=question.pk).count()
    )
    question.refresh_from_db(fields=["vote_count"])


def question_moderate(
    *,
    question: SessionQuestion,
    by,
    status: str,
    answer: str = "",
    merged_into: SessionQuestion | None = None,
) -> SessionQuestion:
    """Approve, reject, answer or merge a question (moderators only)."""
    if not can_moderate(by):
        raise PermissionDenied(_("Only moderators can review questions."))
    was_answered = (
        SessionQuestion.objects.filter(
            pk=question.pk, status=SessionQuestion.Status.ANSWERED
        ).exists()
        if question.pk
        else False
    )
    question.status = status
    question.answer = answer.strip() if answer else question.answer
    question.merged_into = merged_into
    if status != SessionQuestion.Status.MERGED:
        question.merged_into = None
    question.full_clean()
    with transaction.atomic():
        if status == SessionQuestion.Status.ANSWERED and not was_answered:
            question.answered_by = by
            question.answered_at = timezone.now()
        question.save()
        if status == SessionQuestion.Status.MERGED:
            _move_votes(question, question.merged_into)
        if (
            status == SessionQuestion.Status.ANSWERED
            and not was_answered
            and question.author_id
        ):
            member_activity.send(
                SessionQuestion,
                member=question.author,
                verb="answered",
                target=question,
                by=by,
            )
    return question


def _move_votes(duplicate: SessionQuestion, kept: SessionQuestion) -> None:
    """Votes for a duplicate count for the question it was merged into, once each."""
    already = QuestionVote.objects.filter(question=kept).values("voter")
    QuestionVote.objects.filter(question=duplicate).exclude(voter__in=already).update(
        question=kept
    )
    QuestionVote.objects.filter(question=duplicate).delete()
    _recount(kept)
    _recount(duplicate)


#: Questions per page of the board and of the recap's Q&A. A phone shows about
#: five per screen: twenty is four screens, then the next page. Rendering 50
#: made a busy session page cost about three times the site's simplest page
#: (bench/pages.py); 20 keeps it near two.
BOARD_PAGE_SIZE = 20


@dataclass
class QuestionBoard:
    """What the session page shows one visitor about its questions."""

    # Approved and answered: an answer given early keeps the question on the board.
    shown: list[SessionQuestion] = field(default_factory=list)
    own_pending: list[SessionQuestion] = field(default_factory=list)
    voted_ids: set[int] = field(default_factory=set)
    can_ask: bool = False
    can_vote: bool = False
    page: int = 1
    has_next: bool = False

    @property
    def start_rank(self) -> int:
        """The rank of the first question shown (the list's ``start``)."""
        return (self.page - 1) * BOARD_PAGE_SIZE + 1


def question_board(session: SharingSessionPage, user, page: int = 1) -> QuestionBoard:
    """The approved and answered questions, most wanted first, ``BOARD_PAGE_SIZE``
    at a time.

    One query for anyone (the visitor's own votes ride along as an
    annotation), one more for a member's own questions awaiting review.
    """
    offset = (max(page, 1) - 1) * BOARD_PAGE_SIZE
    visible = (
        session.questions.visible()
        .select_related("author")
        # Few questions are carried over: a separate query only when some are,
        # instead of joining every session page column into every board.
        .prefetch_related("carried_from__session")
        .by_votes()
    )
    if user.is_authenticated:
        visible = visible.annotate(
            voted=Exists(
                QuestionVote.objects.filter(question=OuterRef("pk"), voter=user)
            )
        )
    # One more than shown tells whether a next page exists, without a count.
    shown = list(visible[offset : offset + BOARD_PAGE_SIZE + 1])
    board = QuestionBoard(
        shown=shown[:BOARD_PAGE_SIZE],
        can_ask=can_ask(user),
        can_vote=can_vote(user),
        page=max(page, 1),
        has_next=len(shown) > BOARD_PAGE_SIZE,
    )
    if user.is_authenticated:
        board.voted_ids = {q.pk for q in board.shown if q.voted}
        board.own_pending = list(
            session.questions.filter(
                author=user, status=SessionQuestion.Status.PENDING
            ).order_by("created_at")
        )
    return board


def answered_questions(
    session: SharingSessionPage, page: int = 1
) -> tuple[list[SessionQuestion], bool]:
    """The recap's Q&A, most wanted first, ``BOARD_PAGE_SIZE`` at a time, and
    whether a further page exists."""
    offset = (max(page, 1) - 1) * BOARD_PAGE_SIZE
    shown = list(
        session.questions.answered()
        .by_votes()
        .select_related("author")[offset : offset + BOARD_PAGE_SIZE + 1]
    )
    return shown[:BOARD_PAGE_SIZE], len(shown) > BOARD_PAGE_SIZE
