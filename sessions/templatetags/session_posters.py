"""``{% poster_url session stage %}``: the poster download of a stage, or ""."""

from django import template
from django.urls import reverse

from ..sharing.session_posters import VARIANT_FOR_STAGE

register = template.Library()


@register.simple_tag
def poster_url(session, stage) -> str:
    variant = VARIANT_FOR_STAGE.get(stage)
    if variant is None or getattr(session, "pk", None) is None:
        return ""
    return reverse(
        "community_sessions:session_poster",
        kwargs={"page_id": session.pk, "variant": variant.slug},
    )
