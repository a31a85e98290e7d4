"""The sharing session page: its lifecycle, recap and question collection."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..attendance.pages import AttendancePageMixin
from ..blocks import PARAGRAPH_FEATURES, RecapBlock, WarmUpBlock
from ..community.conf import default_offsets
from ..community.page_forms import CommunityPageForm
from ..community.restrictions import OneQueryViewRestrictionsMixin
from ..lifecycle import SessionTimes, Stage, StageOffsets, questions_open, stage_at
from ..panels import GroupMessagesPanel
from .series import TopicSeriesPage


class SharingSessionPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "community_sessions.SharingSessionPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class SharingSessionPage(
    RoutablePageMixin, AttendancePageMixin, OneQueryViewRestrictionsMixin, Page
):
    """One sharing session, from announcement to archived notes.

    Members post to two routes under the page while it collects questions:
    ``questions/`` (ask) and ``questions/<id>/vote/`` (vote or withdraw).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("As planned")
        POSTPONED = "postponed", _("Postponed (moved to the time above)")
        CANCELLED = "cancelled", _("Cancelled")

    class VenueKind(models.TextChoices):
        ONLINE = "online", _("Online")
        OFFLINE = "offline", _("Offline")

    # Schedule
    start = models.DateTimeField(
        _("starts at"),
        db_index=True,
        help_text=_("Entered and shown in the community's time zone."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    episode = models.PositiveIntegerField(
        _("episode"),
        null=True,
        blank=True,
        help_text=_("Shown as 第N期. Leave empty for a one-off session."),
    )
    host = models.ForeignKey(
        "community_sessions.Person",
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_sessions",
    )
    venue_kind = models.CharField(
        _("venue kind"), max_length=10, choices=VenueKind, default=VenueKind.ONLINE
    )
    venue_name = models.CharField(
        _("venue"),
        max_length=120,
        blank=True,
        help_text=_(
            "Group or channel name for online sessions, place name for offline ones."
        ),
    )
    join_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_("Where members join: group QR page, meeting link."),
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("For offline sessions."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences; used in lists and when the link is shared."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the link is shared; falls back to the series image."),
    )
    tags = ClusterTaggableManager(through=SharingSessionPageTag, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.SCHEDULED
    )
    status_reason = models.CharField(
        _("reason for the change"),
        max_length=255,
        blank=True,
        help_text=_("Shown to members when a session is postponed or cancelled."),
    )

    # Stages
    announcement = RichTextField(
        _("announcement"),
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text=_("What the share covers, who it is for, how to prepare."),
    )
    warmup = StreamField(
        WarmUpBlock(),
        verbose_name=_("warm-up material"),
        blank=True,
        help_text=_("Reading material and an ice-breaker, shown from the warm-up on."),
    )
    live_url = models.URLField(
        _("live link"),
        blank=True,
        help_text=_("Live room or meeting link during the share."),
    )
    live_embed_url = models.URLField(
        _("live embed"),
        blank=True,
        help_text=_(
            "A video or live stream URL to embed on the page, if the provider allows."
        ),
    )
    live_notes = RichTextField(
        _("live notes"),
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text=_(
            "Updated by editors during the share; the live page refreshes itself."
        ),
    )
    recap = StreamField(
        RecapBlock(),
        verbose_name=_("recap"),
        blank=True,
        help_text=_(
            "The archived notes. Publishing a recap moves the session to 'recap available'."
        ),
    )
    recording_url = models.URLField(_("recording"), blank=True)
    # Kept in step with ``recap`` on every save, so lists can filter on it.
    has_recap = models.BooleanField(default=False, editable=False, db_index=True)
    # When the recap first went live (organisers track days from session to recap).
    recap_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The cadence date this session was planned for; a session moved by hand
    # keeps it, so planning does not re-create the original date.
    planned_for = models.DateField(null=True, blank=True, editable=False, db_index=True)
    # iCalendar SEQUENCE: rises whenever a change calendar apps must notice
    # (time, title, place, status) is saved to the live page.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    schedule_panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("start"), FieldPanel("duration_minutes"), FieldPanel("episode")]
        ),
        FieldPanel("host"),
        InlinePanel("speakers", label=_("Speakers"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("venue_kind"),
                FieldRowPanel([FieldPanel("venue_name"), FieldPanel("join_url")]),
                FieldPanel("address"),
                FieldPanel("capacity"),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_reason")], heading=_("Changes")
        ),
    ]
    before_panels = [FieldPanel("announcement"), FieldPanel("warmup")]
    live_panels = [
        FieldPanel("live_url"),
        FieldPanel("live_embed_url"),
        FieldPanel("live_notes"),
    ]
    recap_panels = [FieldPanel("recap"), FieldPanel("recording_url")]
    edit_handler = TabbedInterface(
        [
            ObjectList(schedule_panels, heading=_("Schedule")),
            ObjectList(before_panels, heading=_("Announcement & warm-up")),
            ObjectList(live_panels, heading=_("Live share")),
            ObjectList(recap_panels, heading=_("Recap")),
            ObjectList([GroupMessagesPanel()], heading=_("Group messages")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("announcement"),
        index.SearchField("recap"),
        index.FilterField("start"),
    ]
    base_form_class = CommunityPageForm

    parent_page_types = ["community_sessions.TopicSeriesPage"]
    subpage_types = []
    # Read with the page when a request routes to it (website.routing).
    route_select_related = ("host", "image", "transcript")

    class Meta:
        verbose_name = _("sharing session")
        ordering = ["start"]

    def clean(self):
        super().clean()
        if self.status != self.Status.SCHEDULED and not self.status_reason.strip():
            raise ValidationError(
                {
                    "status_reason": _(
                        "Tell members why the session was postponed or cancelled."
                    )
                }
            )

    CALENDAR_FIELDS = (
        "start",
        "duration_minutes",
        "title",
        "status",
        "venue_name",
        "join_url",
        "address",
    )

    def save(self, *args, **kwargs):
        self.has_recap = bool(self.recap)
        if self.has_recap and self.live and self.recap_published_at is None:
            self.recap_published_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is None and self.pk:
            before = (
                type(self)
                .objects.filter(pk=self.pk)
                .values("calendar_sequence", *self.CALENDAR_FIELDS)
                .first()
            )
            if before:
                # A revision may carry an older number: never go backwards.
                self.calendar_sequence = max(
                    self.calendar_sequence, before["calendar_sequence"]
                )
                if any(
                    before[name] != getattr(self, name) for name in self.CALENDAR_FIELDS
                ):
                    self.calendar_sequence += 1
        if update_fields is not None and "recap" in update_fields:
            kwargs["update_fields"] = list(
                set(update_fields) | {"has_recap", "recap_published_at"}
            )
        return super().save(*args, **kwargs)

    # Time and lifecycle

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def end(self):
        return self.start + self.duration

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @cached_property
    def series(self) -> TopicSeriesPage | None:
        # Read once per instance: the page, its share image and its facts ask.
        parent = self.get_parent()
        return parent.specific if parent else None

    def session_times(self, offsets: StageOffsets | None = None) -> SessionTimes:
        if offsets is None:
            series = self.series
            offsets = (
                series.stage_offsets()
                if isinstance(series, TopicSeriesPage)
                else default_offsets(self.get_site())
            )
        return SessionTimes(
            start=self.start,
            duration=self.duration,
            offsets=offsets,
            cancelled=self.is_cancelled,
            has_recap=self.has_recap,
        )

    def stage_at(self, now=None, offsets: StageOffsets | None = None) -> Stage:
        return stage_at(self.session_times(offsets), now or timezone.now())

    def questions_open_at(self, now=None) -> bool:
        return questions_open(self.session_times(), now or timezone.now())

    @property
    def speaker_people(self):
        return [
            item.person
            for item in self.speakers.select_related("person", "person__photo")
        ]

    def share_image(self):
        if self.image_id:
            return self.image
        series = self.series
        return getattr(series, "image", None)

    def published_facts(self, request):
        """(series, speakers, tags): they change only when something is
        published (or a speaker's details are saved), so they are read once per
        publish rather than in four queries per view. A preview shows its own."""
        from ..community.published import cached_until_publish

        def read():
            return self.series, self.speaker_people, list(self.tags.all())

        if getattr(request, "is_preview", False):
            return read()
        facts = cached_until_publish(f"session-facts:{self.pk}", read)
        self.series = facts[0]  # for share_image, without reading it again
        return facts

    def get_context(self, request, *args, **kwargs):
        from ..extensions import contributed_sections
        from ..paging import page_number
        from ..selectors import stage_sections

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        series, speaker_people, tags = self.published_facts(request)
        fallback = default_offsets(request=request)
        offsets = (
            series.stage_offsets(fallback)
            if isinstance(series, TopicSeriesPage)
            else fallback
        )
        times = self.session_times(offsets)
        stage = stage_at(times, now)
        context.update(
            now=now,
            times=times,
            stage=stage,
            questions_open=questions_open(times, now),
            sections=stage_sections(stage),
            contributed_sections=contributed_sections(
                page=self, request=request, stage=stage
            ),
            series=series,
            speaker_people=speaker_people,
            **self.attendance_context(request, stage),
            tags=tags,
        )
        if "questions" in context["sections"]:
            from ..questions.services import question_board
            from ..questions.views import refused_question_form

            board = question_board(
                self, request.user, page=page_number(request.GET.get("questions"))
            )
            # One page URL for every vote button (routablepageurl per
            # question looked the page's URL up twenty times).
            if board.can_vote:
                page_url = self.get_url(request)
                for question in board.shown:
                    question.vote_url = page_url + self.reverse_subpage(
                        "vote_question", args=[question.pk]
                    )
            context["board"] = board
            context.setdefault("question_form", refused_question_form(request, self))
        if stage in (Stage.ENDED, Stage.ARCHIVED):
            from ..questions.services import answered_questions

            qa_page = page_number(request.GET.get("qa"))
            context["answered_questions"], context["qa_has_next"] = answered_questions(
                self, page=qa_page
            )
            context["qa_page"] = qa_page
        return context

    # Question collection (views stay thin: the rules live in sessions.questions.services)

    @path("questions/", name="ask_question")
    def ask_question(self, request):
        from ..questions.views import ask_question

        return ask_question(request, self)

    @path("questions/<int:question_id>/vote/", name="vote_question")
    def vote_question(self, request, question_id):
        from ..questions.views import vote_question

        return vote_question(request, self, question_id)


class SessionSpeaker(Orderable):
    """A speaker of a session, in the order they are introduced."""

    page = ParentalKey(
        SharingSessionPage, on_delete=models.CASCADE, related_name="speakers"
    )
    person = models.ForeignKey(
        "community_sessions.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="speaking_at",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
