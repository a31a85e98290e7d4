"""The admin's "Promote to FAQ": pick a source, review the card, create it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.permission_policies.pages import PagePermissionPolicy

from sessions.models import SessionQuestion, SharingSessionPage

from ..chats.excerpts import message_from_reference
from .models import ANSWER_FEATURES, FaqIndexPage
from .services import (
    PromotionError,
    faq_card_promote,
    faq_draft_from_chat,
    faq_draft_from_question,
    faq_draft_from_recap_block,
    recap_questions,
)


class CardForm(forms.Form):
    question = forms.CharField(label=gettext_lazy("Question"), max_length=255)
    answer = forms.CharField(
        label=gettext_lazy("Canonical answer"),
        widget=get_rich_text_editor_widget(features=ANSWER_FEATURES),
    )
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        required=False,
        help_text=gettext_lazy("Separated by commas."),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish now"),
        required=False,
        help_text=gettext_lazy("Otherwise the card is saved as a draft to review."),
    )


def _draft_from(params):
    """The card draft for the source named in the query string, or None."""
    if params.get("question", "").isdigit():
        question = (
            SessionQuestion.objects.select_related("session")
            .filter(pk=int(params["question"]))
            .first()
        )
        if question is None:
            raise PromotionError(_("No such question."))
        return faq_draft_from_question(question=question)
    if params.get("session", "").isdigit() and params.get("block"):
        session = SharingSessionPage.objects.filter(pk=int(params["session"])).first()
        if session is None:
            raise PromotionError(_("No such session."))
        return faq_draft_from_recap_block(session=session, block_id=params["block"])
    if params.get("first") and params.get("last"):
        first = message_from_reference(params["first"])
        last = message_from_reference(params["last"])
        if not first or not last:
            raise PromotionError(_("No message with this permalink or number."))
        return faq_draft_from_chat(first=first, last=last)
    return None


def promote(request):
    if not PagePermissionPolicy().user_has_permission(request.user, "add"):
        raise PermissionDenied
    index = FaqIndexPage.objects.first()
    params = request.GET
    try:
        draft = _draft_from(params)
    except PromotionError as error:
        messages.error(request, str(error))
        draft = None
    if draft is None:
        session = (
            SharingSessionPage.objects.filter(pk=int(params["session"])).first()
            if params.get("session", "").isdigit()
            else None
        )
        return TemplateResponse(
            request,
            "knowledge/faq/admin/choose_source.html",
            {
                "session": session,
                "recap_questions": recap_questions(session) if session else [],
                "answered": SessionQuestion.objects.answered()
                .select_related("session")
                .order_by("-answered_at")[:50],
                "params": params,
            },
        )
    form = CardForm(
        request.POST or None,
        initial={
            "question": draft.question,
            "answer": draft.answer_html,
            "tags": ", ".join(draft.tags),
        },
    )
    if request.method == "POST" and form.is_valid():
        if index is None:
            messages.error(request, _("Create a FAQ index page first."))
        elif not index.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        else:
            draft.question = form.cleaned_data["question"]
            draft.answer_html = form.cleaned_data["answer"]
            draft.tags = [
                tag.strip()
                for tag in form.cleaned_data["tags"].split(",")
                if tag.strip()
            ]
            card = faq_card_promote(
                index=index,
                draft=draft,
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
            messages.success(
                request,
                _("FAQ card “%(title)s” created.") % {"title": card.title},
            )
            return redirect("wagtailadmin_pages:edit", card.pk)
    return TemplateResponse(
        request,
        "knowledge/faq/admin/promote.html",
        {"form": form, "draft": draft, "index": index},
    )
