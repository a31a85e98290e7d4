"""Template helpers for chat archives (also used by the session page)."""

from __future__ import annotations

import bleach
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _external_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


@register.filter
def chat_text(value: str) -> str:
    """A message's text: escaped, links made clickable with rel="nofollow ugc noopener"."""
    linked = bleach.linkify(escape(value), callbacks=[_external_rel], parse_email=False)
    return mark_safe(linked)  # noqa: S308 (escaped above; bleach only adds <a> tags)
