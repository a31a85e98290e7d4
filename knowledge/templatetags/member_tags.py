"""Showing what members wrote, safely."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..posts.ugc import clean_member_html

register = template.Library()


@register.filter
def member_html(value) -> str:
    """Rich text written by a member, cleaned against the allowlist on the way out.

    Cleaned on the way in as well; doing it again here also covers what an
    editor changed in the admin and any row written by other means.
    """
    return mark_safe(clean_member_html(expand_db_html(str(value or ""))))  # noqa: S308 (cleaned by bleach)
