"""Template helpers for chat archives (also used by the session page)."""

from __future__ import annotations

import re
import threading

from bleach.linkifier import Linker
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# bleach only turns ``domain.tld`` (with or without a scheme) into a link, so
# text without a dot before a letter holds none: most chat lines, in Chinese.
_MAY_HOLD_LINK = re.compile(r"\.[A-Za-z]")
# A Linker builds its html5lib parser once; building one per message was most of
# a long day's render time. Parsers keep state, so one per thread.
_linkers = threading.local()


def _external_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


def _linker() -> Linker:
    linker = getattr(_linkers, "linker", None)
    if linker is None:
        linker = _linkers.linker = Linker(callbacks=[_external_rel], parse_email=False)
    return linker


@register.filter
def chat_text(value: str) -> str:
    """A message's text: escaped, links made clickable with rel="nofollow ugc noopener"."""
    escaped = escape(value)
    if not _MAY_HOLD_LINK.search(escaped):
        return escaped
    return mark_safe(_linker().linkify(escaped))  # noqa: S308 (escaped; bleach adds <a> only)
