"""Who said they would come to a session, and who came.

One row per person per session. A member answers 我会来 / 可能来 / 来不了 on
the session page; an organiser adds rows from a pasted 群接龙 or a meeting
tool's participant list (guests without an account keep just their name).
After the session ``attended`` records who came; a walk-in has a row with no
answer. State changes go through ``sessions.attendance.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SessionRsvp(models.Model):
    """A member's or guest's answer to a session, and whether they came."""

    class Answer(models.TextChoices):
        YES = "yes", _("I'll come")
        MAYBE = "maybe", _("Maybe I'll come")
        NO = "no", _("Can't come")
        NONE = "", _("No answer")

    class Source(models.TextChoices):
        SITE = "site", _("Session page")
        JIELONG = "jielong", _("Group sign-up list")
        CHECK_IN = "check_in", _("Check-in list")
        MEETING = "meeting", _("Meeting participant list")

    session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        verbose_name=_("sharing session"),
        on_delete=models.CASCADE,
        related_name="rsvps",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="session_rsvps",
    )
    guest_name = models.CharField(
        _("guest name"),
        max_length=80,
        blank=True,
        help_text=_("For someone without an account, as written in the group."),
    )
    answer = models.CharField(
        _("answer"), max_length=8, choices=Answer.choices, blank=True, default=""
    )
    waitlisted = models.BooleanField(
        _("on the waitlist"),
        default=False,
        help_text=_("Answered “I'll come” when the session was full."),
    )
    plus_ones = models.PositiveSmallIntegerField(
        _("bringing"), default=0, help_text=_("How many people they bring along.")
    )
    note = models.CharField(_("note"), max_length=120, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.SITE
    )
    answered_at = models.DateTimeField(
        _("answered at"),
        null=True,
        blank=True,
        help_text=_("The waitlist moves up in this order."),
    )
    promoted_at = models.DateTimeField(
        _("moved up from the waitlist"), null=True, blank=True
    )
    attended = models.BooleanField(
        _("came"), null=True, blank=True, help_text=_("Empty until checked in.")
    )
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        ordering = ["answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=Q(member__isnull=False),
                name="one_rsvp_per_member",
            ),
            models.UniqueConstraint(
                fields=["session", "guest_name"],
                condition=Q(member__isnull=True),
                name="one_rsvp_per_guest_name",
            ),
        ]
        indexes = [models.Index(fields=["session", "answer", "waitlisted"])]

    ANSWERS = (Answer.YES, Answer.MAYBE, Answer.NO)  # what members choose from

    def __str__(self):
        return f"{self.name} · {self.get_answer_display()}"

    def clean(self):
        super().clean()
        if bool(self.member_id) == bool(self.guest_name.strip()):
            raise ValidationError(
                _("Choose a member, or type a guest's name, but not both.")
            )

    @property
    def name(self) -> str:
        from ..community.members import display_name

        return display_name(self.member) if self.member_id else self.guest_name

    name.fget.short_description = _("name")

    @property
    def is_confirmed(self) -> bool:
        return self.answer == self.Answer.YES and not self.waitlisted

    @property
    def seats(self) -> int:
        return 1 + self.plus_ones

    def status_label(self) -> str:
        if self.waitlisted:
            return str(_("On the waitlist"))
        return self.get_answer_display()

    status_label.short_description = _("status")
