"""The two POST routes of a session page: ask a question, vote for one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..community.limits import RateLimited
from .forms import QuestionForm
from .models import SessionQuestion
from .services import QuestionsClosed, question_ask, question_vote_toggle

# Messages shown in the questions section, where the page lands, not at the top.
SECTION_TAG = "section-questions"
# A refused question waits here for the GET after the redirect (POST/redirect/GET).
REFUSED_KEY = "refused_question"


def _remember_refused(request, page, form) -> None:
    request.session[REFUSED_KEY] = {
        "page": page.pk,
        "text": form.data.get("text", ""),
        "errors": [str(error) for error in form.non_field_errors()],
    }


def refused_question_form(request, page) -> QuestionForm:
    """The question form: empty, or the one refused just before, with its errors."""
    refused = request.session.get(REFUSED_KEY)
    if not refused or refused.get("page") != page.pk:
        return QuestionForm()
    del request.session[REFUSED_KEY]
    form = QuestionForm({"text": refused["text"]})
    form.is_valid()  # the field's own errors again
    for error in refused["errors"]:
        form.add_error(None, error)
    return form


def _back(page, request, anchor="questions"):
    return HttpResponseRedirect(f"{page.get_url(request)}#{anchor}")


def _refuse(request, page, error) -> HttpResponseRedirect:
    message = error.messages[0] if isinstance(error, ValidationError) else str(error)
    messages.error(request, message or _("You cannot do that."))
    return _back(page, request)


def ask_question(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request) + "#questions")
    form = QuestionForm(request.POST)
    if not form.is_valid():
        # Show the page again with what was typed and why it was refused.
        _remember_refused(request, page, form)
        return _back(page, request)
    try:
        question_ask(session=page, user=request.user, text=form.cleaned_data["text"])
    except (PermissionDenied, QuestionsClosed, RateLimited, ValidationError) as error:
        if isinstance(error, RateLimited):
            form.add_error(None, str(error))
            _remember_refused(request, page, form)
            return _back(page, request)
        return _refuse(request, page, error)
    messages.success(
        request,
        _("Thank you! Your question will be shown once a moderator has approved it."),
        extra_tags=SECTION_TAG,
    )
    return _back(page, request)


def vote_question(request, page, question_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request) + "#questions")
    question = get_object_or_404(
        SessionQuestion,
        pk=question_id,
        session=page,
        status__in=SessionQuestion.PUBLIC_STATUSES,
    )
    try:
        counted = question_vote_toggle(question=question, user=request.user)
    except (PermissionDenied, QuestionsClosed, RateLimited, ValidationError) as error:
        return _refuse(request, page, error)
    messages.success(
        request,
        _("Vote counted.") if counted else _("Vote withdrawn."),
        extra_tags=SECTION_TAG,
    )
    return _back(page, request, question.anchor)
