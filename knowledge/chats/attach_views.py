"""Admin: chat days that match no session, and attaching one to a session."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminPageChooser

from sessions.community.conf import community_timezone
from sessions.models import SharingSessionPage

from .models import ChatArchive
from .session_links import chat_messages_attach, unattached_days

PERMISSION = "knowledge.change_chatmessage"


def _attach_url(row) -> str:
    query = urlencode({"archive": row["archive"], "day": row["day"].isoformat()})
    return f"{reverse('knowledge_chat_attach')}?{query}"


def _span(row) -> str:
    zone = community_timezone()
    first, last = row["first"].astimezone(zone), row["last"].astimezone(zone)
    return f"{first:%H:%M}–{last:%H:%M}"


class UnattachedChatDaysView(ReportView):
    """Days of chat attached to no session: editors open one to attach it."""

    page_title = gettext_lazy("Chat days without a session")
    header_icon = "comment"
    index_url_name = "knowledge_chat_days"
    index_results_url_name = "knowledge_chat_days_results"
    columns = [
        TitleColumn(
            "day",
            label=gettext_lazy("Day"),
            accessor=lambda row: row["day"].isoformat(),
            get_url=_attach_url,
        ),
        Column(
            "archive",
            label=gettext_lazy("Chat archive"),
            accessor=lambda row: row["archive__title"],
        ),
        NumberColumn(
            "count",
            label=gettext_lazy("Messages"),
            accessor=lambda row: row["count"],
        ),
        Column("span", label=gettext_lazy("From – to"), accessor=_span),
    ]
    list_export = ["day", "archive__title", "count"]
    export_headings = {
        "day": gettext_lazy("Day"),
        "archive__title": gettext_lazy("Chat archive"),
        "count": gettext_lazy("Messages"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return unattached_days()


class AttachForm(forms.Form):
    session = forms.ModelChoiceField(
        label=gettext_lazy("Sharing session"),
        queryset=SharingSessionPage.objects.all(),
        widget=AdminPageChooser(target_models=[SharingSessionPage]),
    )


def attach_day(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    archive = get_object_or_404(ChatArchive, pk=request.GET.get("archive") or 0)
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError as error:
        raise Http404 from error
    zone: zoneinfo.ZoneInfo = community_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    day_messages = archive.messages.filter(
        session__isnull=True, sent_at__gte=start, sent_at__lt=start + timedelta(days=1)
    )
    nearby = SharingSessionPage.objects.filter(
        start__gte=start - timedelta(days=1), start__lt=start + timedelta(days=2)
    ).order_by("start")
    form = AttachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data["session"]
        count = chat_messages_attach(
            messages=day_messages, session=session, user=request.user
        )
        messages.success(
            request,
            _("%(n)s messages attached to “%(title)s”.")
            % {"n": count, "title": session.title},
        )
        return redirect("knowledge_chat_days")
    return TemplateResponse(
        request,
        "knowledge/chats/admin/chat_attach.html",
        {
            "form": form,
            "archive": archive,
            "day": day,
            "preview": day_messages.order_by("sent_at", "seq")[:20],
            "count": day_messages.count(),
            "nearby": nearby,
            "now": timezone.now(),
        },
    )
