"""``{% poster_url session stage %}``: the poster download of a stage, or ""."""

from django import template
from django.urls import reverse

from ..lifecycle import Stage
from ..sharing.session_posters import VARIANT_FOR_STAGE

register = template.Library()


@register.simple_tag
def poster_url(session, stage) -> str:
    # Other message cards (follow-ups, reminders) pass their own kind of stage.
    variant = VARIANT_FOR_STAGE.get(stage) if isinstance(stage, Stage) else None
    if variant is None or getattr(session, "pk", None) is None:
        return ""
    return reverse(
        "community_sessions:session_poster",
        kwargs={"page_id": session.pk, "variant": variant.slug},
    )
