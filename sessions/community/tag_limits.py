"""Limits on the tags of a page: how long one tag, how many per page.

A tag longer than taggit's column (100 characters) is an error on
PostgreSQL and silently kept whole on SQLite; thousands of tags make a page
no reader can use. Both are refused with a message in the member's language,
in the member's post form and in the admin, before anything is stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from taggit.models import Tag

#: taggit's ``Tag.name`` column.
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
TAG_MAX_COUNT = 20


def validate_tag_limits(names: list[str]) -> None:
    """Refuse more than TAG_MAX_COUNT tags, or one longer than TAG_MAX_LENGTH."""
    if len(names) > TAG_MAX_COUNT:
        raise ValidationError(
            ngettext_lazy(
                "At most %(limit)d tag, please (you gave %(count)d).",
                "At most %(limit)d tags, please (you gave %(count)d).",
                "limit",
            ),
            code="too_many_tags",
            params={"limit": TAG_MAX_COUNT, "count": len(names)},
        )
    for name in names:
        if len(name) > TAG_MAX_LENGTH:
            raise ValidationError(
                _(
                    "A tag may have at most %(limit)d characters; “%(start)s…” "
                    "has %(length)d."
                ),
                code="tag_too_long",
                params={
                    "limit": TAG_MAX_LENGTH,
                    "start": name[:20],
                    "length": len(name),
                },
            )
