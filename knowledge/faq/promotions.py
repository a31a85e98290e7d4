"""A published card is what search shows first for its question.

Each phrasing of a live card (its title and "other ways to ask") becomes a
Wagtail search promotion pointing at the card, which the search page shows
above every engine result. Kept in step on publish; unpublishing drops them
(the search page also skips promotions of pages that are not live).
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django.utils.html import strip_tags
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string
from wagtail.signals import page_published, page_unpublished

from .models import FaqCardPage


def _summary(card: FaqCardPage) -> str:
    text = " ".join(strip_tags(card.answer).split())
    return text if len(text) <= 140 else f"{text[:139]}…"


def faq_promotions_sync(*, card: FaqCardPage) -> None:
    """Promote the live card for each of its phrasings; drop promotions it no longer has.

    The card owns every promotion pointing at it: its phrasings are where
    editors change what it is promoted for.
    """
    wanted = set()
    if card.live:
        for phrasing in card.phrasings():
            normalised = normalise_query_string(phrasing)
            if normalised and len(normalised) <= MAX_QUERY_STRING_LENGTH:
                wanted.add(normalised)
    with transaction.atomic():
        SearchPromotion.objects.filter(page=card).exclude(
            query__query_string__in=wanted
        ).delete()
        for query_string in wanted:
            SearchPromotion.objects.update_or_create(
                query=Query.get(query_string),
                page=card,
                defaults={"sort_order": -1, "description": _summary(card)},
            )


@receiver(page_published, sender=FaqCardPage)
@receiver(page_unpublished, sender=FaqCardPage)
def card_changed(sender, instance, **kwargs):
    faq_promotions_sync(card=instance)
