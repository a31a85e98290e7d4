"""Organiser views in the Wagtail admin: plan a series, and what to post today."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .attendance.followups import followups_due
from .models import TopicSeriesPage
from .planning import PlanningError, sessions_plan
from .selectors import sessions_missing_recap
from .today import stage_changes


class PlanForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("How many sessions"), min_value=1, max_value=52, initial=4
    )


def plan_series(request, series_id):
    series = get_object_or_404(TopicSeriesPage, pk=series_id)
    if not series.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    # The preview form is sent by GET, creating by POST: both carry the count.
    data = request.POST if request.method == "POST" else request.GET
    form = PlanForm(data if "count" in data else None)
    preview, error = [], None
    count = (
        form.cleaned_data["count"]
        if form.is_valid()
        else PlanForm.base_fields["count"].initial
    )
    try:
        if request.method == "POST" and form.is_valid():
            created = sessions_plan(series=series, count=count)
            messages.success(
                request,
                _("Created %(n)s draft sessions. Fill in speakers and publish them.")
                % {"n": len(created)}
                if created
                else _("Nothing to plan: every upcoming date already has a session."),
            )
            return redirect("wagtailadmin_explore", series.pk)
        preview = sessions_plan(series=series, count=count, dry_run=True)
    except PlanningError as planning_error:
        error = str(planning_error)
    return TemplateResponse(
        request,
        "community_sessions/admin/plan_series.html",
        {"series": series, "form": form, "preview": preview, "error": error},
    )


def today(request):
    now = timezone.now()
    base_url = request.build_absolute_uri("/")
    return TemplateResponse(
        request,
        "community_sessions/admin/today.html",
        {
            "changes": stage_changes(now=now, base_url=base_url),
            "missing_recaps": sessions_missing_recap(now=now),
            "followups": followups_due(now=now, base_url=base_url),
            "now": now,
            "plan_url": reverse("community_sessions_today"),
        },
    )
