"""Editors pick a run of chat messages into a session recap's chat-excerpt block."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sessions.models import SharingSessionPage
from sessions.recaps import recap_add_excerpt

from ..models import ChatMessage, MessageKind

MAX_LINES = 50


def message_from_reference(reference: str) -> ChatMessage | None:
    found = re.search(r"(\d+)/?$", (reference or "").strip())
    return (
        found
        and ChatMessage.objects.select_related("archive")
        .filter(pk=int(found.group(1)))
        .first()
    )


class ExcerptForm(forms.Form):
    session = forms.ModelChoiceField(
        label=gettext_lazy("Session whose recap gets the excerpt"),
        queryset=SharingSessionPage.objects.order_by("-start"),
    )
    first = forms.CharField(
        label=gettext_lazy("First message"),
        help_text=gettext_lazy("Its permalink (…/chats/m/123/) or number."),
    )
    last = forms.CharField(label=gettext_lazy("Last message"))
    caption = forms.CharField(
        label=gettext_lazy("Caption"), required=False, max_length=120
    )

    def clean(self):
        data = super().clean()
        first, last = (
            message_from_reference(data.get("first")),
            message_from_reference(data.get("last")),
        )
        if not first or not last:
            raise forms.ValidationError(_("No message with this permalink or number."))
        if first.archive_id != last.archive_id:
            raise forms.ValidationError(
                _("Both messages must come from the same archive.")
            )
        if (first.sent_at, first.seq) > (last.sent_at, last.seq):
            first, last = last, first
        lines = list(
            first.archive.messages.filter(
                sent_at__gte=first.sent_at, sent_at__lte=last.sent_at
            )
            .exclude(kind__in=[MessageKind.SYSTEM, MessageKind.RECALLED])
            .order_by("sent_at", "seq")[: MAX_LINES + 1]
        )
        if len(lines) > MAX_LINES:
            raise forms.ValidationError(
                _("An excerpt holds at most %(n)s messages; pick a shorter range.")
                % {"n": MAX_LINES}
            )
        data["lines"] = lines
        data["archive"] = first.archive
        return data


def recap_add_chat_excerpt(*, session, archive, lines, caption, user):
    """Quote chat ``lines`` in the session's recap (a new draft revision)."""
    tz = timezone.get_current_timezone()
    return recap_add_excerpt(
        session=session,
        caption=caption,
        lines=[
            {
                "sender": archive.display_sender(line),
                "time": timezone.localtime(line.sent_at, tz).strftime("%H:%M"),
                "text": line.text,
            }
            for line in lines
        ],
        user=user,
    )


def add_excerpt(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    form = ExcerptForm(
        request.POST or None, initial={"first": request.GET.get("first", "")}
    )
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data["session"]
        if not session.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        recap_add_chat_excerpt(
            session=session,
            archive=form.cleaned_data["archive"],
            lines=form.cleaned_data["lines"],
            caption=form.cleaned_data["caption"],
            user=request.user,
        )
        messages.success(
            request,
            _("Added %(n)s messages to the recap as a draft. Review and publish it.")
            % {"n": len(form.cleaned_data["lines"])},
        )
        return redirect("wagtailadmin_pages:edit", session.pk)
    return TemplateResponse(
        request, "knowledge/chats/admin/chat_excerpt.html", {"form": form}
    )
