"""The session page's RSVP route: one POST form per answer, no JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..community.limits import RateLimited
from .services import RsvpClosed, rsvp_answer


def rsvp_submit(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = HttpResponseRedirect(f"{page.get_url(request)}#rsvp")
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request) + "#rsvp")
    try:
        rsvp = rsvp_answer(
            session=page, user=request.user, answer=request.POST.get("answer", "")
        )
    except (PermissionDenied, RsvpClosed, RateLimited, ValidationError) as error:
        text = error.messages[0] if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or _("You cannot do that."))
        return back
    if rsvp.waitlisted:
        messages.warning(
            request,
            _(
                "The session is full, so you are on the waitlist. If someone drops "
                "out, you move up and this page will say so."
            ),
        )
    elif rsvp.answer == rsvp.Answer.YES:
        calendar_url = reverse("community_sessions:calendar_session", args=[page.pk])
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("See you there!"),
                calendar_url,
                _("Add it to your calendar"),
            ),
        )
    else:
        messages.success(request, _("Thanks for letting us know."))
    return back
