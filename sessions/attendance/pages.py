"""What a session page gains from attendance: a capacity, the RSVP route and
the RSVP part of its context (counts in one query, the visitor's own answer
in one more)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from ..lifecycle import Stage


class AttendancePageMixin(models.Model):
    """Mixed into ``SharingSessionPage``; keeps RSVP wiring out of the page module."""

    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "How many people can come (guests they bring count too). Leave empty "
            "for no limit; past it, “I'll come” puts people on a waitlist."
        ),
    )

    class Meta:
        abstract = True

    def attendance_context(self, request, stage: Stage) -> dict:
        from .models import SessionRsvp
        from .services import can_rsvp, rsvp_open, rsvp_summary

        if stage in (Stage.ENDED, Stage.ARCHIVED, Stage.CANCELLED):
            return {}
        open_now = rsvp_open(self)
        counts, mine = rsvp_summary(self, request.user)
        return {
            "rsvp_counts": counts,
            "my_rsvp": mine,
            "rsvp_open": open_now,
            "can_rsvp": open_now and can_rsvp(request.user),
            "rsvp_choices": [(a.value, a.label) for a in SessionRsvp.ANSWERS],
        }

    @path("rsvp/", name="rsvp")
    def rsvp(self, request):
        from .views import rsvp_submit

        return rsvp_submit(request, self)
