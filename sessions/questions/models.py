"""Questions members send to a session's speaker, and their votes.

A question is asked while the session collects questions (see
``lifecycle.questions_open``), is seen by other members once a moderator
approves it, and ends up answered (shown in the recap's Q&A), rejected, or
merged into a duplicate. State changes go through ``sessions.questions.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..community.members import display_name

QUESTION_MIN_LENGTH = 5
QUESTION_MAX_LENGTH = 500
# The numbers are in the message itself: interpolating a lazy translation
# would translate it once, at import, in whatever language was active.
QUESTION_HELP = _("Plain text, 5 to 500 characters.")


class QuestionQuerySet(models.QuerySet):
    def visible(self):
        """What every visitor may see: approved and answered questions."""
        return self.filter(status__in=SessionQuestion.PUBLIC_STATUSES)

    def answered(self):
        return self.filter(status=SessionQuestion.Status.ANSWERED)

    def by_votes(self):
        return self.order_by("-vote_count", "created_at", "pk")


class SessionQuestion(models.Model):
    """A member's question for the speaker of one session."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        ANSWERED = "answered", _("Answered")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged into another question")
        CARRIED = "carried", _("Carried over to a later session")

    PUBLIC_STATUSES = (Status.APPROVED, Status.ANSWERED)

    session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        verbose_name=_("sharing session"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="session_questions",
    )
    author_name = models.CharField(
        _("asker's name"),
        max_length=80,
        blank=True,
        help_text=_(
            "Shown with the question. Filled in from the member's display name; "
            "type one for a question collected in the group chat."
        ),
    )
    text = models.TextField(
        _("question"),
        validators=[
            MinLengthValidator(QUESTION_MIN_LENGTH),
            MaxLengthValidator(QUESTION_MAX_LENGTH),
        ],
        help_text=QUESTION_HELP,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text=_(
            "For status “merged”: the question of the same session this one "
            "duplicates. Its votes move there."
        ),
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("For status “answered”: shown under the question in the recap."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    vote_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    # Set on the copy a later session received (see sessions.questions.carry_over);
    # the original keeps its place, status "carried", and reaches the copy
    # through ``carried_to``.
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session question")
        verbose_name_plural = _("session questions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return self.text if len(self.text) <= 60 else f"{self.text[:59]}…"

    @property
    def asker_name(self) -> str:
        """The asker's current name (a renamed member is shown renamed).

        ``author_name`` is kept for questions typed in from the group chat,
        which have no account behind them.
        """
        return display_name(self.author) if self.author_id else self.author_name

    @property
    def anchor(self) -> str:
        return f"question-{self.pk}"

    @property
    def first_asked(self) -> SessionQuestion:
        """The question as first asked, before it was carried from session to session."""
        question = self
        while question.carried_from_id is not None:
            question = question.carried_from
        return question

    @property
    def carried_copy(self) -> SessionQuestion | None:
        """Where a carried question went (None if it was not carried)."""
        try:
            return self.carried_to
        except SessionQuestion.DoesNotExist:
            return None

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.MERGED:
            if self.merged_into_id is None:
                errors["merged_into"] = _("Choose the question this one duplicates.")
            elif self.merged_into_id == self.pk:
                errors["merged_into"] = _("A question cannot be merged into itself.")
            elif self.merged_into.session_id != self.session_id:
                errors["merged_into"] = _("Choose a question of the same session.")
            elif self.merged_into.status == self.Status.MERGED:
                errors["merged_into"] = _(
                    "That question was itself merged; choose the one it was merged into."
                )
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            errors["answer"] = _("Write the answer the speaker gave.")
        if errors:
            raise ValidationError(errors)


class QuestionVote(models.Model):
    """One member's upvote of one question (at most one each)."""

    question = models.ForeignKey(
        SessionQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="votes",
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.CASCADE,
        related_name="question_votes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question vote")
        verbose_name_plural = _("question votes")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "voter"], name="one_vote_per_member"
            )
        ]

    def __str__(self):
        return f"{self.voter} → {self.question}"
