from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .calendar import build_calendar
from .community.conf import community_settings
from .models import SharingSessionPage, TopicSeriesPage


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _community_name(request) -> str:
    return (
        getattr(community_settings(request=request), "community_name", "") or "Chendian"
    )


def all_sessions_ics(request):
    sessions = (
        SharingSessionPage.objects.live().select_related("image").order_by("start")
    )
    name = _("%(community)s sessions") % {"community": _community_name(request)}
    return _ics_response(
        build_calendar(sessions, name=name, request=request), "sessions.ics"
    )


def series_ics(request, slug):
    series = get_object_or_404(TopicSeriesPage.objects.live(), slug=slug)
    sessions = SharingSessionPage.objects.live().child_of(series).order_by("start")
    name = f"{_community_name(request)} · {series.title}"
    return _ics_response(
        build_calendar(sessions, name=name, request=request), f"{slug}.ics"
    )


def session_ics(request, page_id):
    session = SharingSessionPage.objects.live().filter(pk=page_id).first()
    if session is None:
        raise Http404
    return _ics_response(
        build_calendar([session], name=session.title, request=request),
        f"session-{page_id}.ics",
    )
