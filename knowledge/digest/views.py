"""The digest poster: ``/digest/poster/<page id>.png``."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control

from sessions.sharing.session_posters import poster_etag, poster_png

from .models import DigestPage
from .posters import digest_poster_lines


def digest_poster(request, page_id: int):
    """The PNG poster of a published digest; editors also get the draft's."""
    page = get_object_or_404(DigestPage, pk=page_id)
    editor = page.permissions_for_user(request.user).can_edit()
    if editor:
        page = page.get_latest_revision_as_object()
    elif not page.live or page.get_view_restrictions().exists():
        raise Http404("No such poster")
    lines = digest_poster_lines(page, url=page.get_full_url(request))
    etag = poster_etag(lines)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(poster_png(lines), content_type="image/png")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="digest-{page.week}.png"'
        )
    response.headers["ETag"] = etag
    patch_cache_control(
        response,
        **(
            {"private": True, "no_cache": True}
            if editor
            else {"public": True, "max_age": 300}
        ),
    )
    return response
