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
    page, editor = poster_source(request, SharingSessionPage, page_id)
    lines = session_poster_lines(page, chosen, url=page.get_full_url(request))
    return poster_response(
        request, lines, filename=f"{page.slug}-{chosen.slug}.png", editor=editor
    )


def poster_source(request, model, page_id: int):
    """The page a poster is drawn from, and whether the visitor edits it: its
    latest draft for its editors, the live page open to all for everyone else."""
    page = get_object_or_404(model, pk=page_id)
    editor = page.permissions_for_user(request.user).can_edit()
    if editor:
        return page.get_latest_revision_as_object(), True
    if not page.live or page.get_view_restrictions().exists():
        raise Http404("No such poster")
    return page, False


def poster_response(request, lines, *, filename: str, editor: bool) -> HttpResponse:
    """The PNG download, answered with a 304 when the browser has this poster;
    kept private for editors, who may be looking at a draft."""
    etag = poster_etag(lines)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(poster_png(lines), content_type="image/png")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["ETag"] = etag
    if editor:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
