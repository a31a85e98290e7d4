"""Writes that span several steps. Views, commands and admin actions call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .cadence import occurrences
from .community.conf import community_timezone
from .models import SharingSessionPage, TopicSeriesPage


class PlanningError(Exception):
    """The series cannot be planned; the message says why, for people."""


@dataclass
class PlannedSession:
    start: datetime
    episode: int
    page: SharingSessionPage | None = None  # None on a dry run

    @property
    def date(self) -> date:
        return self.start.date()


def sessions_plan(
    *,
    series: TopicSeriesPage,
    count: int,
    now: datetime | None = None,
    dry_run: bool = False,
) -> list[PlannedSession]:
    """Make sure each of the next ``count`` cadence dates has a session.

    ``count`` is a horizon, not a quantity: of the next ``count`` dates after
    ``now``, those without a session get a draft, so running this again (or
    daily from cron) creates nothing while they exist. A date counts as taken
    when any session of the series (draft or live) was planned for it or
    starts on it, so a session moved by hand is not re-created on its original
    date. Episodes follow date order (see ``_renumber_drafts``); host, venue,
    join link and duration come from the series.
    """
    if count < 1:
        raise PlanningError(_("Plan at least one session."))
    cadence = series.cadence()
    if cadence is None:
        raise PlanningError(
            _(
                "“%(series)s” has no cadence yet: set how often it repeats, on which "
                "weekdays, its start time and its first date."
            )
            % {"series": series.title}
        )
    tz = community_timezone(series.get_site())
    now = now or timezone.now()
    existing = SharingSessionPage.objects.child_of(series)
    taken = {
        planned for planned in existing.values_list("planned_for", flat=True) if planned
    }
    taken |= {
        timezone.localtime(start, tz).date()
        for start in existing.values_list("start", flat=True)
    }
    episode = max(
        (e for e in existing.values_list("episode", flat=True) if e), default=0
    )

    plan = []
    for start in islice(occurrences(cadence, tz, after=now), count):
        if start.date() in taken:
            continue
        episode += 1
        plan.append(PlannedSession(start=start, episode=episode))
    if dry_run:
        return plan
    with transaction.atomic():
        for item in plan:
            item.page = _create_draft(series, item)
        _renumber_drafts(series)
    for item in plan:
        item.page.refresh_from_db()
        item.episode = item.page.episode
    return plan


def _renumber_drafts(series: TopicSeriesPage) -> None:
    """Number never-published sessions so episodes follow date order.

    Published episode numbers never change (they are announced and linked):
    walking the sessions by date, a published one sets the count, a draft
    takes the next number not used by a published session. A plan title that
    still names the draft's old number follows it.
    """
    sessions = list(SharingSessionPage.objects.child_of(series).order_by("start"))
    published = {page.episode for page in sessions if page.first_published_at}
    episode = 0
    for page in sessions:
        if page.first_published_at:
            episode = max(episode, page.episode or 0)
            continue
        episode += 1
        while episode in published:
            episode += 1
        if page.episode == episode:
            continue
        draft = page.get_latest_revision_as_object()
        if draft.title == _plan_title(series, page.episode):
            draft.title = _plan_title(series, episode)
        draft.episode = episode
        draft.save()  # never published, so the page row may follow the draft
        draft.save_revision()


def _plan_title(series: TopicSeriesPage, episode) -> str:
    return _("%(series)s · Episode %(n)s") % {"series": series.title, "n": episode}


def _create_draft(series: TopicSeriesPage, item: PlannedSession) -> SharingSessionPage:
    page = SharingSessionPage(
        title=_plan_title(series, item.episode),
        slug=_unique_slug(series, f"{series.slug}-{item.date.isoformat()}"),
        start=item.start,
        duration_minutes=series.default_duration_minutes,
        episode=item.episode,
        host=series.host,
        venue_name=series.default_venue_name,
        join_url=series.default_join_url,
        planned_for=item.date,
        live=False,
    )
    series.add_child(instance=page)
    page.save_revision()
    return page


def _unique_slug(parent, base: str) -> str:
    base = slugify(base) or "session"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
