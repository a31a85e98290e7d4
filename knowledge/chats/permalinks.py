"""Public URLs of archives and messages, served by the ChatArchiveIndexPage.

The index page is looked up once per request (remembered on the request) and
for the request's own site, so a list of permalinks costs one query, not one
per message. Without a request (feeds, search indexing) the caller looks the
index up once with ``chat_index()`` and passes it on.
"""

from __future__ import annotations

_NOT_LOOKED_UP = object()


def chat_index(request=None):
    """The live chat archive index of the request's site (else any), or None."""
    from wagtail.models import Site

    from .pages import ChatArchiveIndexPage

    remembered = getattr(request, "chat_archive_index", _NOT_LOOKED_UP)
    if remembered is not _NOT_LOOKED_UP:
        return remembered
    pages = ChatArchiveIndexPage.objects.live()
    site = Site.find_for_request(request) if request is not None else None
    index = (pages.in_site(site).first() if site else None) or pages.first()
    if request is not None:
        request.chat_archive_index = index
    return index


def _index_url(index, request) -> str:
    return index.get_url(request=request) or ""


def archive_url(archive, index=None, request=None) -> str:
    index = index or chat_index(request)
    if index is None:
        return ""
    return _index_url(index, request) + index.reverse_subpage(
        "archive_days", args=[archive.pk]
    )


def message_url_prefix(index=None, request=None) -> str:
    """The permalink of message N is this prefix + f"{N}/" (one page lookup for many)."""
    index = index or chat_index(request)
    if index is None:
        return ""
    return _index_url(index, request) + "m/"


def message_url(message, index=None, request=None) -> str:
    prefix = message_url_prefix(index, request)
    return f"{prefix}{message.pk}/" if prefix else ""


def session_chat_url(session_id: int, index=None, request=None) -> str:
    """The page showing exactly the chat attached to one session."""
    index = index or chat_index(request)
    if index is None:
        return ""
    return _index_url(index, request) + index.reverse_subpage(
        "session_chat", args=[session_id]
    )
