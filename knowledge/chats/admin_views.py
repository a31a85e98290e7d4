"""Admin views for chat archives: upload an export, follow its import, remove a sender."""

from __future__ import annotations

import re
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from sessions.community.uploads import validate_upload_size

from ..models import ChatImportJob, ChatMessage
from .importers import get_importer, importer_names
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
            "use_remarks",
        ]
        labels = {
            "upload": _("Export file"),
            "archive_title": _("Archive title"),
            "group_name": _("Group name"),
            "session": _("Sharing session"),
            "privacy": _("Sender names"),
            "timezone": _("Time zone"),
            "use_remarks": _("Use my remarks as names"),
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
            (name, get_importer(name).label) for name in importer_names()
        ]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        validate_upload_size(upload, setting="CHENDIAN_MAX_CHAT_UPLOAD_MB")
        return upload


class ChatImportIndexView(IndexView):
    """Recent imports, newest first; a row opens the job's progress page."""

    add_item_label = _("Import a chat")

    def get_edit_url(self, instance):
        return reverse("knowledge_chat_import", args=[instance.pk])


class ChatImportCreateView(CreateView):
    """Stores the upload, queues the import for the worker, shows its progress."""

    def save_instance(self):
        job = self.form.save(commit=False)
        upload = self.request.FILES["upload"]
        job.original_name = upload.name
        job.bytes_total = upload.size
        job.created_by = self.request.user
        job.save()
        run_chat_import.enqueue(job.pk)
        return job

    def get_success_message(self, instance):
        return None  # the progress page says what happens next

    def get_success_url(self):
        return reverse("knowledge_chat_import", args=[self.object.pk])


class ChatImportViewSet(ModelViewSet):
    """Chat imports in the admin: upload, list with filters, export the list.

    Whoever may add chat archives may import: the permission policy is
    ChatArchive's (registered in wagtail_hooks). Jobs are never edited.
    """

    model = ChatImportJob
    icon = "upload"
    menu_label = _("Import a chat")
    add_to_admin_menu = True
    menu_order = 311
    name = "chat_imports"
    url_prefix = "chat-imports"
    index_view_class = ChatImportIndexView
    add_view_class = ChatImportCreateView
    form_class = ChatImportForm
    list_display = [
        "original_name",
        "status",
        "messages_added",
        "created_by",
        "created_at",
    ]
    list_filter = ["status"]
    list_export = [
        "original_name",
        "status",
        "messages_read",
        "messages_added",
        "created_by",
        "created_at",
        "finished_at",
        "error",
    ]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return ChatImportForm


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
