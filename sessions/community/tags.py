"""The one rule for reading tags people type, on the site and in the admin.

A Chinese keyboard types "，" (and "、", "；") where an English one types
",": "求职，面试" is two tags, as are "求职 面试" and "求职, 面试". Django-taggit
calls ``tags_from_string`` for every tag field (TAGGIT_TAGS_FROM_STRING), so
the member post form and Wagtail's tag fields read tags the same way.
"""

from __future__ import annotations

import re

# ASCII and full-width commas and semicolons, the enumeration comma, any
# whitespace (incl. the ideographic space), and the quotes taggit writes
# around tags when it turns them back into a string.
TAG_SEPARATORS = re.compile(r"[,，、;；\s\"“”]+")


def tags_from_string(text: str) -> list[str]:
    """Distinct tags in the order typed, separators and empty pieces dropped."""
    tags = []
    for piece in TAG_SEPARATORS.split(text or ""):
        if piece and piece not in tags:
            tags.append(piece)
    return tags


def string_from_tags(tags) -> str:
    """Tags as the field shows them for editing; read back by ``tags_from_string``."""
    return ", ".join(sorted(tag.name for tag in tags))


# Taggit's slug column is this long; a longer value names no tag.
TAG_SLUG_MAX = 100


def tag_by_slug(slug: str):
    """The tag with this slug, or None. ``slug`` comes from a URL: a NUL
    (PostgreSQL refuses it in any string) or an overlong value names no tag."""
    from taggit.models import Tag

    if not slug or len(slug) > TAG_SLUG_MAX or "\x00" in slug:
        return None
    return Tag.objects.filter(slug=slug).first()
