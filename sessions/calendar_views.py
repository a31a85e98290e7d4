from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .calendar import (
    CalendarFilterError,
    build_calendar,
    calendar_filters,
    in_feed_window,
)
from .community.conf import community_name
from .community.published import cached_until_publish
from .models import SharingSessionPage, TopicSeriesPage


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed_cache_name(request, feed: str) -> str:
    # Absolute URLs name the host; the calendar's name is translated.
    return f"calendar:{feed}:{request.get_host()}:{get_language()}"


def all_sessions_ics(request):
    """Every session, or only those of ``?series=<slug>`` and/or ``?tag=<slug>``
    (both: sessions of that series with that tag)."""
    try:
        series, tag = calendar_filters(request.GET)
    except CalendarFilterError as error:
        return HttpResponseBadRequest(
            str(error), content_type="text/plain; charset=utf-8"
        )

    def build():
        sessions = SharingSessionPage.objects.live().public().order_by("start")
        if series is not None:
            sessions = sessions.child_of(series)
        if tag is not None:
            sessions = sessions.filter(tags=tag)
        sessions = in_feed_window(sessions, now=timezone.now())
        name = " · ".join(
            [_("%(community)s sessions") % {"community": community_name(request)}]
            + ([series.title] if series else [])
            + ([f"#{tag.name}"] if tag else [])
        )
        return build_calendar(sessions, name=name, request=request)

    feed = f"all:{series.pk if series else ''}:{tag.pk if tag else ''}"
    body = cached_until_publish(_feed_cache_name(request, feed), build)
    return _ics_response(body, "sessions.ics")


def series_ics(request, slug):
    series = get_object_or_404(TopicSeriesPage.objects.live(), slug=slug)

    def build():
        sessions = in_feed_window(
            SharingSessionPage.objects.live()
            .public()
            .child_of(series)
            .order_by("start"),
            now=timezone.now(),
        )
        name = f"{community_name(request)} · {series.title}"
        return build_calendar(sessions, name=name, request=request)

    body = cached_until_publish(_feed_cache_name(request, f"series:{series.pk}"), build)
    return _ics_response(body, f"{slug}.ics")


def session_ics(request, page_id):
    session = SharingSessionPage.objects.live().filter(pk=page_id).first()
    if session is None:
        raise Http404
    return _ics_response(
        build_calendar([session], name=session.title, request=request),
        f"session-{page_id}.ics",
    )
