"""Admin views for chat archives: upload an export, follow its import, remove a sender."""

from __future__ import annotations

import re
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessions.community.uploads import validate_upload_size

from ..models import ChatImportJob, ChatMessage
from .importers import importer_names
from .services import chat_remove_sender
from .tasks import job_progress, run_chat_import

#: A job still queued after this long most likely has no worker to run it.
WORKER_PATIENCE = timedelta(seconds=30)


class ChatImportForm(forms.ModelForm):
    """The upload form; the same options as manage.py import_chat."""

    format = forms.ChoiceField(
        label=_("Export format"),
        required=False,
        help_text=_("Leave on “detect” unless the file is not recognised."),
    )

    class Meta:
        model = ChatImportJob
        fields = [
            "upload",
            "format",
            "archive_title",
            "group_name",
            "session",
            "privacy",
            "timezone",
        ]
        labels = {
            "upload": _("Export file"),
            "archive_title": _("Archive title"),
            "group_name": _("Group name"),
            "session": _("Sharing session"),
            "privacy": _("Sender names"),
            "timezone": _("Time zone"),
        }
        help_texts = {
            "archive_title": _(
                "Import into the archive with this title (empty: one per group)."
            ),
            "group_name": _("The group's name, when the file does not say it."),
            "session": _("The session whose live share this chat records."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", _("detect"))] + [
            (name, name) for name in importer_names()
        ]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        validate_upload_size(upload, setting="CHENDIAN_MAX_CHAT_UPLOAD_MB")
        return upload


def import_list(request):
    """Upload form and the recent import jobs."""
    if not request.user.has_perm("knowledge.add_chatarchive"):
        raise PermissionDenied
    form = ChatImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = form.save(commit=False)
        job.original_name = request.FILES["upload"].name
        job.bytes_total = request.FILES["upload"].size
        job.created_by = request.user
        job.save()
        run_chat_import.enqueue(job.pk)
        return redirect("knowledge_chat_import", job.pk)
    return TemplateResponse(
        request,
        "knowledge/chats/admin/chat_imports.html",
        {"form": form, "jobs": ChatImportJob.objects.all()[:20]},
    )


def import_detail(request, job_id):
    """One job: progress while it runs, then its result or its error."""
    if not request.user.has_perm("knowledge.add_chatarchive"):
        raise PermissionDenied
    job = get_object_or_404(ChatImportJob, pk=job_id)
    return TemplateResponse(
        request,
        "knowledge/chats/admin/chat_import.html",
        {
            "job": job,
            "progress": job_progress(job),
            "archives": job.archives.all(),
            "waiting_for_worker": job.status == ChatImportJob.Status.QUEUED
            and timezone.now() - job.created_at > WORKER_PATIENCE,
        },
    )


class RemoveSenderForm(forms.Form):
    """Pick a message (by its permalink or id) whose sender asked to be removed."""

    message = forms.CharField(
        label=_("A message of the sender"),
        help_text=_("Paste the message's permalink (…/chats/m/123/) or its number."),
    )
    everywhere = forms.TypedChoiceField(
        label=_("Remove from"),
        choices=[("0", _("this archive")), ("1", _("all archives"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="0",
    )

    def clean_message(self):
        found = re.search(r"(\d+)/?$", self.cleaned_data["message"].strip())
        message = found and ChatMessage.objects.filter(pk=int(found.group(1))).first()
        if not message:
            raise forms.ValidationError(_("No message with this permalink or number."))
        return message


def remove_sender(request):
    """Remove every message of one sender, after a confirmation step."""
    if not request.user.has_perm("knowledge.delete_chatmessage"):
        raise PermissionDenied
    form = RemoveSenderForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        message = form.cleaned_data["message"]
        everywhere = form.cleaned_data["everywhere"]
        if request.POST.get("confirm") == "yes":
            removed = chat_remove_sender(
                message=message, everywhere=everywhere, user=request.user
            )
            messages.success(
                request,
                _("Removed %(count)d messages of this sender.") % {"count": removed},
            )
            return redirect("knowledge_chat_remove_sender")
        scope = ChatMessage.objects.filter(sender_key=message.sender_key)
        if not everywhere:
            scope = scope.filter(archive_id=message.archive_id)
        context.update(
            {
                "message": message,
                "sender": message.archive.display_sender(message),
                "count": scope.count(),
                "archive_count": scope.values("archive_id").distinct().count(),
            }
        )
    return TemplateResponse(
        request, "knowledge/chats/admin/chat_remove_sender.html", context
    )
