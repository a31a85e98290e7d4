"""Searches that found nothing, recorded when they happen."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from .models import UnansweredSearch, UnansweredSearchDay


def unanswered_search_record(*, text: str) -> None:
    """Count one search for ``text`` that found nothing, today (local day).

    An UPDATE … SET hits = hits + 1 in the common case; the first search of
    the day adds the row, and a concurrent first search that loses the race
    to insert falls back to the update.
    """
    query_string = normalise_query_string(text)[:255]
    if not query_string:
        return
    today = timezone.localdate()
    with transaction.atomic():
        search, _ = UnansweredSearch.objects.get_or_create(query_string=query_string)
        days = UnansweredSearchDay.objects.filter(search=search, date=today)
        if days.update(hits=F("hits") + 1):
            return
        try:
            with transaction.atomic():
                UnansweredSearchDay.objects.create(search=search, date=today, hits=1)
        except IntegrityError:
            days.update(hits=F("hits") + 1)
