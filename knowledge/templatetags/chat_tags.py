"""Template helpers for chat archives (also used by the session page)."""

from __future__ import annotations

import bleach
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..chat_urls import archive_url, chat_index
from ..models import ChatArchive

register = template.Library()


def _external_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


@register.filter
def chat_text(value: str) -> str:
    """A message's text: escaped, links made clickable with rel="nofollow ugc noopener"."""
    linked = bleach.linkify(escape(value), callbacks=[_external_rel], parse_email=False)
    return mark_safe(linked)  # noqa: S308 (escaped above; bleach only adds <a> tags)


@register.simple_tag
def chat_archives_for(page):
    """Archives that record this session's live share, each with its ``url``."""
    if page is None or not getattr(page, "pk", None):
        return []
    archives = list(ChatArchive.objects.filter(session_id=page.pk, message_count__gt=0))
    index = chat_index() if archives else None
    for archive in archives:
        archive.url = archive_url(archive, index) if index else ""
    return [archive for archive in archives if archive.url]
