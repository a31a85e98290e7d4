"""The organiser dashboard: figures per month and per series, dormant members.

Each table is a Wagtail ``ReportView`` (CSV/XLSX export built in) over rows
computed by ``figures.community_figures``, the same function the
``community_report`` command prints.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from sessions.community.conf import community_timezone
from sessions.models import TopicSeriesPage

from .charts import bar_chart
from .figures import (
    community_figures,
    dormant_profiles,
    dormant_weeks_default,
    last_activity,
)
from .wakeup import wake_up_message

VIEW_PERMISSION = "knowledge.view_memberprofile"

FIGURE_LABELS = {
    "sessions_held": _("Sessions held"),
    "rsvps": _("“I'll come” answers"),
    "attended": _("Came"),
    "questions_asked": _("Questions asked"),
    "questions_answered": _("Questions answered"),
    "recaps_published": _("Recaps published"),
    "recap_rate": _("Recap rate"),
    "median_days_to_recap": _("Median days to recap"),
    "active_members": _("Active members"),
    "new_members": _("New members"),
    "dormant_members": _("Dormant members"),
}


def figure_chart(rows, labels, keys, *, title):
    """A bar chart of some figures of the table's rows."""
    return bar_chart(
        labels=labels,
        series=[(str(FIGURE_LABELS[key]), [row[key] for row in rows]) for key in keys],
        title=str(title),
    )


def today() -> date:
    return timezone.localtime(timezone.now(), community_timezone()).date()


class InsightsFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False
    )
    since = forms.DateField(label=_("From"), required=False)
    until = forms.DateField(label=_("To"), required=False)
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=TopicSeriesPage.objects.order_by("title"),
        required=False,
        empty_label=_("All series"),
    )
    weeks = forms.IntegerField(
        label=_("Dormant after (weeks)"), min_value=1, max_value=52, required=False
    )


class InsightsReportView(ReportView):
    """Shared plumbing: permission, the filter form, figure columns and export."""

    template_name = "knowledge/insights/report.html"
    paginate_by = None
    figure_keys = list(FIGURE_LABELS)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def filter_form(self):
        if not hasattr(self, "_filter_form"):
            form = InsightsFilterForm(self.request.GET)
            self._filter_form = form
            self.chosen = form.cleaned_data if form.is_valid() else {}
        return self._filter_form

    def option(self, name, default=None):
        self.filter_form  # noqa: B018 - validates once
        value = self.chosen.get(name)
        return default if value in (None, "") else value

    @property
    def weeks(self) -> int:
        return self.option("weeks", dormant_weeks_default())

    @property
    def list_export(self):
        return [self.row_key, *self.figure_keys]

    @property
    def export_headings(self):
        return {self.row_key: self.row_label, **FIGURE_LABELS}

    @property
    def columns(self):
        return [Column(self.row_key, label=self.row_label)] + [
            Column(key, label=FIGURE_LABELS[key]) for key in self.figure_keys
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(filter_form=self.filter_form, chart=self.chart(self.object_list))
        return context

    def chart(self, rows):
        return None


class MonthlyInsightsView(InsightsReportView):
    """One row per month of a year (up to this month), optionally one series."""

    page_title = _("Community insights by month")
    header_icon = "date"
    row_key = "period"
    row_label = _("Month")
    filter_fields = ("year", "series", "weeks")

    def get_filename(self):
        return f"community-by-month-{self.option('year', today().year)}"

    def get_queryset(self):
        year = self.option("year", today().year)
        last_month = 12 if year < today().year else today().month
        rows = []
        for month in range(1, last_month + 1):
            since = date(year, month, 1)
            until = date(year, month, calendar.monthrange(year, month)[1])
            figures = community_figures(
                since=since,
                until=until,
                series=self.option("series"),
                dormant_weeks=self.weeks,
            )
            rows.append({"period": f"{year}-{month:02d}", **figures.as_dict()})
        return rows

    def chart(self, rows):
        labels = [row["period"][5:] for row in rows]
        return [
            figure_chart(
                rows,
                labels,
                ["rsvps", "attended"],
                title=_("“I'll come” answers and attendance"),
            ),
            figure_chart(
                rows,
                labels,
                ["active_members", "new_members", "dormant_members"],
                title=_("Members"),
            ),
        ]


class SeriesInsightsView(InsightsReportView):
    """One row per topic series for a period (default: the last 30 days)."""

    page_title = _("Community insights by series")
    header_icon = "folder-open-1"
    row_key = "series"
    row_label = _("Series")
    filter_fields = ("since", "until", "weeks")
    figure_keys = [
        key for key in FIGURE_LABELS if key not in ("new_members", "dormant_members")
    ]

    def get_filename(self):
        return f"community-by-series-{self.period[0]}-{self.period[1]}"

    @property
    def period(self):
        until = self.option("until", today())
        return self.option("since", until - timedelta(days=29)), until

    def get_queryset(self):
        since, until = self.period
        return [
            {
                "series": series.title,
                **community_figures(
                    since=since, until=until, series=series, dormant_weeks=self.weeks
                ).as_dict(),
            }
            for series in TopicSeriesPage.objects.live().order_by("title")
        ]

    def chart(self, rows):
        labels = [row["series"][:8] for row in rows]
        keys = ["sessions_held", "recaps_published"]
        return [figure_chart(rows, labels, keys, title=_("Sessions and recaps"))]


class DormantMembersView(InsightsReportView):
    """Members who went quiet, with a message to wake them up."""

    page_title = _("Dormant members")
    header_icon = "user"
    filter_fields = ("weeks",)
    list_export = ["display_name", "username", "city", "joined_at", "last_active"]
    export_headings = {
        "display_name": _("Display name"),
        "username": _("User name"),
        "city": _("City"),
        "joined_at": _("Joined"),
        "last_active": _("Last activity"),
    }

    @property
    def columns(self):
        return [Column(key, label=label) for key, label in self.export_headings.items()]

    def get_filename(self):
        return f"dormant-members-{today()}"

    def get_queryset(self):
        profiles = list(dormant_profiles(until=today(), weeks=self.weeks))
        last = last_activity(profiles)
        return [
            {
                "display_name": profile.display_name,
                "username": profile.user.get_username(),
                "city": profile.city,
                "joined_at": profile.joined_at,
                "last_active": last.get(profile.user_id),
            }
            for profile in profiles
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["wake_up"] = wake_up_message(
            names=[row["display_name"] for row in self.object_list], weeks=self.weeks
        )
        context["wake_up_card"] = {"label": _("Wake-up message")}
        return context
