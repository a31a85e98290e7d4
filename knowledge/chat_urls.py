"""Public URLs of archives and messages, served by the ChatArchiveIndexPage."""

from __future__ import annotations


def chat_index():
    """The live chat archive index page, or None when the site has none."""
    from .models import ChatArchiveIndexPage

    return ChatArchiveIndexPage.objects.live().first()


def archive_url(archive, index=None) -> str:
    index = index or chat_index()
    if index is None:
        return ""
    return index.url + index.reverse_subpage("archive_days", args=[archive.pk])


def message_url_prefix(index=None) -> str:
    """The permalink of message N is this prefix + f"{N}/" (one page lookup for many)."""
    index = index or chat_index()
    if index is None:
        return ""
    return index.url + "m/"


def message_url(message, index=None) -> str:
    prefix = message_url_prefix(index)
    return f"{prefix}{message.pk}/" if prefix else ""
