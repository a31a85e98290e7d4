"""What one week deposited, read from each source in one bounded query each.

Only what every visitor may see is gathered: live pages, answered or approved
questions of live sessions, published (that is, approved) member posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from wagtail.models import Page

from sessions.models import SessionQuestion, SharingSessionPage

from ..models import FaqCardPage, KnowledgePostPage

# Per section: a digest is a round-up, not an archive; editors can add more.
SECTION_LIMIT = 20
TOP_QUESTIONS = 5


@dataclass(frozen=True)
class WeekContent:
    """Each source's items for one week (and the sessions of the week after)."""

    recaps: list
    answers: list
    faq_cards: list
    top_questions: list
    posts: list
    upcoming: list
    #: recap's pk → its series' title
    series_titles: dict


def week_content(*, start: datetime, end: datetime, next_end: datetime) -> WeekContent:
    """What was deposited in [start, end), and the sessions in [end, next_end)."""
    recaps = list(
        SharingSessionPage.objects.live()
        .filter(
            has_recap=True, recap_published_at__gte=start, recap_published_at__lt=end
        )
        .order_by("recap_published_at", "pk")[:SECTION_LIMIT]
    )
    return WeekContent(
        recaps=recaps,
        series_titles=_parent_titles(recaps),
        answers=list(
            SessionQuestion.objects.answered()
            .filter(answered_at__gte=start, answered_at__lt=end, session__live=True)
            .select_related("session")
            .order_by("answered_at", "pk")[:SECTION_LIMIT]
        ),
        faq_cards=list(
            FaqCardPage.objects.live()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .order_by("first_published_at", "pk")[:SECTION_LIMIT]
        ),
        top_questions=list(
            SessionQuestion.objects.visible()
            .filter(session__live=True)
            .annotate(
                week_votes=Count(
                    "votes",
                    filter=Q(votes__created_at__gte=start, votes__created_at__lt=end),
                )
            )
            .filter(week_votes__gt=0)
            .select_related("session")
            .order_by("-week_votes", "-vote_count", "pk")[:TOP_QUESTIONS]
        ),
        posts=list(
            KnowledgePostPage.objects.live()
            .filter(first_published_at__gte=start, first_published_at__lt=end)
            .select_related("author")
            .order_by("first_published_at", "pk")[:SECTION_LIMIT]
        ),
        upcoming=list(
            SharingSessionPage.objects.live()
            .exclude(status=SharingSessionPage.Status.CANCELLED)
            .filter(start__gte=end, start__lt=next_end)
            .order_by("start", "pk")[:SECTION_LIMIT]
        ),
    )


def _parent_titles(pages) -> dict:
    """Each page's parent's title, read in one query."""
    parents = {page.pk: page.path[: -Page.steplen] for page in pages}
    titles = dict(
        Page.objects.filter(path__in=set(parents.values())).values_list("path", "title")
    )
    return {pk: titles.get(path, "") for pk, path in parents.items()}
