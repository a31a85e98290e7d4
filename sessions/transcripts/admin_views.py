"""The admin's transcript upload: the same service as manage.py import_transcript."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminPageChooser

from ..models import SharingSessionPage
from .formats import FORMATS, TranscriptFormatError
from .services import transcript_import

#: Bigger than any transcript of a day-long event (about 1 MB of text an hour).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class TranscriptImportForm(forms.Form):
    session = forms.ModelChoiceField(
        label=gettext_lazy("Sharing session"),
        queryset=SharingSessionPage.objects.all(),
        widget=AdminPageChooser(target_models=[SharingSessionPage]),
    )
    file = forms.FileField(
        label=gettext_lazy("Transcript file"),
        help_text=gettext_lazy(
            "SRT, WebVTT, or the text export of Tencent Meeting or Feishu Minutes. "
            "Replaces the session's transcript."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Detect"))]
        + [(name, fmt.label) for name, fmt in FORMATS.items()],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


def import_transcript(request):
    initial = {}
    if request.GET.get("session", "").isdigit():
        initial["session"] = request.GET["session"]
    form = TranscriptImportForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data["session"]
        if not session.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        upload = form.cleaned_data["file"]
        try:
            transcript = transcript_import(
                session=session,
                data=upload.read(),
                filename=upload.name,
                format=form.cleaned_data["format"],
                user=request.user,
            )
        except TranscriptFormatError as error:
            form.add_error("file", f"{upload.name}: {error}")
        else:
            messages.success(
                request,
                _("%(n)s segments imported onto “%(title)s”.")
                % {"n": transcript.segment_count, "title": session.title},
            )
            return redirect("wagtailadmin_pages:edit", session.pk)
    return TemplateResponse(
        request, "community_sessions/admin/import_transcript.html", {"form": form}
    )
