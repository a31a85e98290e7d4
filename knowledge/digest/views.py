"""The digest poster: ``/digest/poster/<page id>.png``."""

from __future__ import annotations

from sessions.sharing.views import poster_response, poster_source

from .models import DigestPage
from .posters import digest_poster_lines


def digest_poster(request, page_id: int):
    """The PNG poster of a published digest; its editors also get the draft's."""
    page, editor = poster_source(request, DigestPage, page_id)
    lines = digest_poster_lines(page, url=page.get_full_url(request))
    return poster_response(
        request, lines, filename=f"digest-{page.week}.png", editor=editor
    )
