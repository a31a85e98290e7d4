"""A session's transcript: segments with speaker and offset, and its chapters."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from . import timecodes


class Transcript(ClusterableModel):
    """What was said during a session's recording, one per session.

    Importing a file again replaces the segments (the chapters an editor set
    stay).
    """

    session = models.OneToOneField(
        "community_sessions.SharingSessionPage",
        verbose_name=_("sharing session"),
        on_delete=models.CASCADE,
        related_name="transcript",
    )
    format = models.CharField(_("format"), max_length=20, editable=False)
    source_name = models.CharField(
        _("imported file"), max_length=255, blank=True, editable=False
    )
    segment_count = models.PositiveIntegerField(
        _("segments"), default=0, editable=False
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    panels = [
        FieldPanel("session", read_only=True),
        InlinePanel(
            "chapters",
            label=_("Chapters"),
            help_text=_(
                "Set chapters here, or give recap headings a time; "
                "chapters set here take precedence."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")

    def __str__(self):
        return str(self.session)


class TranscriptSegment(timecodes.AtMoment, models.Model):
    """One stretch of speech: who spoke, from when, what they said."""

    transcript = models.ForeignKey(
        Transcript, on_delete=models.CASCADE, related_name="segments"
    )
    position = models.PositiveIntegerField()
    start_ms = models.PositiveIntegerField(_("starts at (ms)"))
    end_ms = models.PositiveIntegerField(_("ends at (ms)"), null=True, blank=True)
    speaker = models.CharField(_("speaker"), max_length=120, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["transcript", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["transcript", "position"], name="one_segment_per_position"
            )
        ]
        verbose_name = _("transcript segment")
        verbose_name_plural = _("transcript segments")

    def __str__(self):
        return f"{self.clock} {self.speaker}: {self.text[:40]}"

    @property
    def seconds(self) -> int:
        return self.start_ms // 1000


def validate_clock(value: str):
    if timecodes.parse_clock(value) is None:
        raise ValidationError(
            _("Write the time as mm:ss or h:mm:ss, e.g. 12:30 or 1:02:03.")
        )


class TranscriptChapter(timecodes.AtMoment, Orderable):
    """A chapter of the recording an editor set: where it starts and what it is."""

    transcript = ParentalKey(
        Transcript, on_delete=models.CASCADE, related_name="chapters"
    )
    start = models.CharField(
        _("starts at"),
        max_length=12,
        validators=[validate_clock],
        help_text=_("Time in the recording, mm:ss or h:mm:ss."),
    )
    title = models.CharField(_("chapter title"), max_length=120)

    panels = [FieldPanel("start"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    @property
    def seconds(self) -> int:
        return timecodes.parse_clock(self.start) or 0
