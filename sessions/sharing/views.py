"""Poster downloads: ``/sessions/poster/<page id>/<variant>.png``."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control

from ..models import SharingSessionPage
from .session_posters import (
    POSTER_VARIANTS,
    poster_etag,
    poster_png,
    session_poster_lines,
)


def session_poster(request, page_id: int, variant: str):
    """The PNG poster of one session and stage variant.

    Everyone gets the posters of live pages open to all; editors of the page
    also get its latest draft, so a poster can be checked before publishing.
    Anything else is a 404, as for the page itself.
    """
    chosen = POSTER_VARIANTS.get(variant)
    if chosen is None:
        raise Http404("No such poster")
    page = get_object_or_404(SharingSessionPage, pk=page_id)
    editor = page.permissions_for_user(request.user).can_edit()
    if editor:
        page = page.get_latest_revision_as_object()
    elif not page.live or page.get_view_restrictions().exists():
        raise Http404("No such poster")
    lines = session_poster_lines(page, chosen, url=page.get_full_url(request))
    etag = poster_etag(lines)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(poster_png(lines), content_type="image/png")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="{page.slug}-{chosen.slug}.png"'
        )
    response.headers["ETag"] = etag
    if editor:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
