"""Page types for planning: the series index and topic series with their cadence."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import cadence as cadence_rules
from ..blocks import PARAGRAPH_FEATURES
from ..community.conf import default_offsets
from ..fields import WeekdaysField
from ..lifecycle import StageOffsets

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class Cadence(models.TextChoices):
    NONE = "none", _("Does not repeat")
    WEEKLY = cadence_rules.WEEKLY, _("Weekly")
    MONTHLY = cadence_rules.MONTHLY, _("Monthly")


NTH_CHOICES = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]


class SeriesIndexPage(Page):
    """Lists every topic series, with the upcoming and past sessions."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two above the list of series."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # Any parent: a host site puts the index under its own home page.
    subpage_types = ["community_sessions.TopicSeriesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("series index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import past_sessions, upcoming_sessions

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        # A concrete-type query: the page type is known, no ``specific()`` needed.
        # The sessions below take their series from this list.
        series_list = list(TopicSeriesPage.objects.child_of(self).live())
        context["series_list"] = series_list
        context["upcoming"] = upcoming_sessions(
            now=now, within=self, limit=12, known_series=series_list
        )
        context["past"] = past_sessions(
            now=now, within=self, limit=12, known_series=series_list
        )
        context["now"] = now
        return context


class TopicSeriesPage(Page):
    """A run of sessions on one theme, with a cadence and a host."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        DISCUSSION = "discussion", _("Discussion")
        QA = "qa", _("Q&A")
        OFFLINE = "offline", _("Offline meet-up")

    description = RichTextField(
        _("description"),
        blank=True,
        features=PARAGRAPH_FEATURES,
        help_text=_("What the series is about and who it is for."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.TALK)
    host = models.ForeignKey(
        "community_sessions.Person",
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_series",
        help_text=_("Who runs the series; new sessions start with this host."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the series page and when a link is shared."),
    )
    default_weekday = models.PositiveSmallIntegerField(
        _("usual weekday"), choices=WEEKDAY_CHOICES, null=True, blank=True
    )
    default_start_time = models.TimeField(
        _("usual start time"),
        null=True,
        blank=True,
        help_text=_("Local time in the community's time zone, e.g. 20:00."),
    )
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("usual duration (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    default_venue_name = models.CharField(
        _("usual venue"),
        max_length=120,
        blank=True,
        help_text=_("Group or channel name, e.g. '沉淀交流 2 群'."),
    )
    default_join_url = models.URLField(_("usual join link"), blank=True)
    announce_days_before = models.PositiveSmallIntegerField(
        _("announce (days before)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text=_("Leave empty to use the community default."),
    )
    questions_days_before = models.PositiveSmallIntegerField(
        _("open questions (days before)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text=_("Leave empty to use the community default."),
    )
    warmup_hours_before = models.PositiveSmallIntegerField(
        _("warm-up (hours before)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(72)],
        help_text=_("Leave empty to use the community default."),
    )
    cadence_frequency = models.CharField(
        _("repeats"),
        max_length=10,
        choices=Cadence.choices,
        default=Cadence.NONE,
        help_text=_("How often the series meets; used to plan the next sessions."),
    )
    cadence_interval = models.PositiveSmallIntegerField(
        _("every N weeks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("For weekly series: 1 = every week, 2 = every other week."),
    )
    cadence_weekdays = WeekdaysField(
        _("on weekdays"),
        help_text=_("Monthly series use the first weekday ticked."),
    )
    cadence_nth = models.SmallIntegerField(
        _("which one in the month"),
        choices=NTH_CHOICES,
        default=1,
        help_text=_("For monthly series, e.g. the second Saturday."),
    )
    cadence_starts_on = models.DateField(
        _("first date"),
        null=True,
        blank=True,
        help_text=_("The series meets from this date on."),
    )
    cadence_ends_on = models.DateField(
        _("last date"), null=True, blank=True, help_text=_("Optional.")
    )
    cadence_count = models.PositiveSmallIntegerField(
        _("number of meetings"),
        null=True,
        blank=True,
        help_text=_("Optional: the series ends after this many dates."),
    )
    carry_over_questions = models.BooleanField(
        _("carry unanswered questions over"),
        default=False,
        help_text=_(
            "When a session ends, its approved questions that were not answered "
            "move to the next session of the series, votes and all "
            "(run by manage.py carry_over_questions)."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("host")]),
        FieldPanel("image"),
    ]
    schedule_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("default_weekday"), FieldPanel("default_start_time")]
                ),
                FieldPanel("default_duration_minutes"),
                FieldRowPanel(
                    [FieldPanel("default_venue_name"), FieldPanel("default_join_url")]
                ),
            ],
            heading=_("Usual time and place"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("cadence_frequency"), FieldPanel("cadence_interval")]
                ),
                FieldPanel("cadence_weekdays"),
                FieldPanel("cadence_nth"),
                FieldRowPanel(
                    [
                        FieldPanel("cadence_starts_on"),
                        FieldPanel("cadence_ends_on"),
                        FieldPanel("cadence_count"),
                    ]
                ),
                InlinePanel("skip_dates", label=_("Dates to skip")),
            ],
            heading=_("Cadence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("announce_days_before"),
                FieldPanel("questions_days_before"),
                FieldPanel("warmup_hours_before"),
            ],
            heading=_("Stage offsets"),
        ),
        FieldPanel("carry_over_questions"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(schedule_panels, heading=_("Schedule")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    search_fields = Page.search_fields + [index.SearchField("description")]

    parent_page_types = ["community_sessions.SeriesIndexPage"]
    subpage_types = ["community_sessions.SharingSessionPage"]
    # Read with the page when a request routes to it (website.routing).
    route_select_related = ("host", "image")
    # The series page lists this many coming sessions (the calendar has all)
    # and pages through the past ones.
    UPCOMING_SHOWN = 12
    PAST_PAGE_SIZE = 20

    class Meta:
        verbose_name = _("topic series")

    def stage_offsets(self, fallback: StageOffsets | None = None) -> StageOffsets:
        """This series' offsets, each falling back to the community default."""
        fallback = fallback or default_offsets(self.get_site())
        return StageOffsets(
            announce_before=(
                timedelta(days=self.announce_days_before)
                if self.announce_days_before is not None
                else fallback.announce_before
            ),
            questions_before=(
                timedelta(days=self.questions_days_before)
                if self.questions_days_before is not None
                else fallback.questions_before
            ),
            warmup_before=(
                timedelta(hours=self.warmup_hours_before)
                if self.warmup_hours_before is not None
                else fallback.warmup_before
            ),
        )

    def clean(self):
        super().clean()
        if self.cadence_frequency == Cadence.NONE:
            return
        errors = {}
        if not self.cadence_weekdays:
            errors["cadence_weekdays"] = _("Tick at least one weekday.")
        if self.default_start_time is None:
            errors["default_start_time"] = _("A repeating series needs a start time.")
        if self.cadence_starts_on is None:
            errors["cadence_starts_on"] = _("A repeating series needs a first date.")
        if (
            self.cadence_ends_on
            and self.cadence_starts_on
            and (self.cadence_ends_on < self.cadence_starts_on)
        ):
            errors["cadence_ends_on"] = _("The last date is before the first date.")
        if errors:
            raise ValidationError(errors)

    def cadence(self) -> cadence_rules.Cadence | None:
        """The series' recurrence, or None if it does not repeat."""
        if self.cadence_frequency == Cadence.NONE or not self.cadence_weekdays:
            return None
        if self.default_start_time is None or self.cadence_starts_on is None:
            return None
        return cadence_rules.Cadence(
            frequency=self.cadence_frequency,
            weekdays=tuple(self.cadence_weekdays),
            start_time=self.default_start_time,
            starts_on=self.cadence_starts_on,
            interval=self.cadence_interval,
            nth=self.cadence_nth,
            ends_on=self.cadence_ends_on,
            count=self.cadence_count,
            skip=frozenset(item.date for item in self.skip_dates.all()),
        )

    def get_context(self, request, *args, **kwargs):
        from ..paging import page_number
        from ..selectors import past_sessions, upcoming_sessions

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        page = page_number(request.GET.get("page"))
        size = self.PAST_PAGE_SIZE
        # One more than shown tells whether an older page exists, without a count.
        past = past_sessions(
            now=now, within=self, limit=size + 1, offset=(page - 1) * size
        )
        context.update(
            now=now,
            upcoming=upcoming_sessions(now=now, within=self, limit=self.UPCOMING_SHOWN),
            past=past[:size],
            past_page=page,
            has_older=len(past) > size,
        )
        return context


class SeriesSkipDate(Orderable):
    """A date the series does not meet (a holiday, a break)."""

    page = ParentalKey(
        TopicSeriesPage, on_delete=models.CASCADE, related_name="skip_dates"
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]

    class Meta(Orderable.Meta):
        verbose_name = _("date to skip")
        verbose_name_plural = _("dates to skip")
