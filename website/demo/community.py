"""The demo community: settings, people, series, sessions and standard pages."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from sessions.cadence import occurrences
from sessions.community.conf import community_timezone
from sessions.lifecycle import SessionTimes, stage_at
from sessions.models import (
    Person,
    SeriesIndexPage,
    SessionSpeaker,
    SharingSessionPage,
    TopicSeriesPage,
)
from website.models import CommunitySettings, HomePage, StandardPage

from . import content

SERIES_COLOURS = {
    "tools": (11, 110, 79),
    "cases": (29, 78, 137),
    "career-qa": (140, 70, 20),
}


def load(*, now: datetime, stdout=None):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    _community_settings(site)
    if isinstance(home, HomePage) and home.intro != content.HOME_INTRO:
        home.title = "首页"
        home.intro = content.HOME_INTRO
        home.save_revision().publish()
    people = {name: _person(name, title, bio) for name, title, bio in content.PEOPLE}
    index = _child(
        home,
        SeriesIndexPage,
        slug="sessions",
        title="分享会",
        intro="<p>所有主题系列与每一场分享：预告、问题征集、直播和回顾。</p>",
        show_in_menus=True,
    )
    series_by_slug = {
        spec["slug"]: _series(index, spec, people, now=now) for spec in content.SERIES
    }
    for spec in content.SESSIONS:
        _session(series_by_slug[spec["series"]], spec, people, now=now)
    for spec in content.STANDARD_PAGES:
        _child(home, StandardPage, show_in_menus=True, **spec)
    if stdout:
        stdout.write(
            f"Community: {len(content.SERIES)} series, {len(content.SESSIONS)} sessions."
        )


def _community_settings(site):
    settings = CommunitySettings.for_site(site)
    changed = False
    for field, value in content.COMMUNITY.items():
        if getattr(settings, field) != value:
            setattr(settings, field, value)
            changed = True
    if changed:
        settings.save()


def _person(name, title, bio):
    person, _ = Person.objects.get_or_create(
        name=name, defaults={"title": title, "bio": bio}
    )
    return person


def _child(parent: Page, page_class, *, slug, **fields):
    """The child page with this slug, created and published if missing."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page_class.objects.get(pk=page.pk)


def _series(index, spec, people, *, now):
    hour, minute = (int(part) for part in spec["time"].split(":"))
    return _child(
        index,
        TopicSeriesPage,
        slug=spec["slug"],
        title=spec["title"],
        kind=spec["kind"],
        description=spec["description"],
        host=people[spec["host"]],
        default_weekday=spec["weekday"],
        default_start_time=time(hour, minute),
        cadence_frequency="weekly",
        cadence_interval=spec.get("every_weeks", 1),
        cadence_weekdays=[spec["weekday"]],
        cadence_starts_on=(now - timedelta(days=90)).date(),
        default_duration_minutes=spec["duration"],
        default_venue_name=spec["venue"],
        default_join_url="https://example.com/join/" + spec["slug"],
        image=_cover_image(spec["slug"], spec["title"]),
    )


def _cover_image(slug, title):
    """A plain generated cover, so shared links show a picture."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=f"{title} 封面").first()
    if existing:
        return existing
    colour = SERIES_COLOURS.get(slug, (60, 60, 60))
    picture = PillowImage.new("RGB", (1200, 630), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(8):
        shade = tuple(min(255, c + 18 * step) for c in colour)
        draw.ellipse(
            [700 + step * 30, 80 + step * 30, 1150 - step * 20, 560 - step * 20],
            outline=shade,
            width=6,
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return image_model.objects.create(
        title=f"{title} 封面", file=ImageFile(buffer, name=f"demo-{slug}.png")
    )


def _demo_start(now: datetime, spec, series) -> datetime:
    hours_from_now = spec["hours_from_now"]
    start = now + timedelta(hours=hours_from_now)
    if abs(hours_from_now) >= 24 and series.default_start_time:
        # A day or more away: on the series' cadence if a date near enough
        # shows the same stage, else at the series' usual time on that day.
        local = timezone.localtime(start, community_timezone())
        usual = local.replace(
            hour=series.default_start_time.hour,
            minute=series.default_start_time.minute,
            second=0,
            microsecond=0,
        )
        return _on_cadence(usual, spec, series, now=now) or usual
    # Whole five minutes read better; rounding down keeps every stage in place.
    return start.replace(
        minute=start.minute - start.minute % 5, second=0, microsecond=0
    )


def _on_cadence(start: datetime, spec, series, *, now) -> datetime | None:
    """The cadence date nearest ``start`` (within a cadence period) with the same stage."""
    cadence = series.cadence()
    if cadence is None:
        return None
    reach = timedelta(days=7 * cadence.interval)

    def stage(at):
        return stage_at(
            SessionTimes(
                start=at,
                duration=timedelta(
                    minutes=spec.get("duration", series.default_duration_minutes)
                ),
                offsets=series.stage_offsets(),
                cancelled=spec.get("status") == SharingSessionPage.Status.CANCELLED,
                has_recap=bool(spec.get("recap")),
            ),
            now,
        )

    wanted = stage(start)
    near = []
    for candidate in occurrences(cadence, community_timezone(), after=start - reach):
        if candidate > start + reach:
            break
        near.append(candidate)
    for candidate in sorted(near, key=lambda at: abs(at - start)):
        if stage(candidate) == wanted:
            return candidate
    return None


def _session(series, spec, people, *, now):
    start = _demo_start(now, spec, series)
    existing = (
        SharingSessionPage.objects.child_of(series).filter(slug=spec["slug"]).first()
    )
    if existing:
        # Re-running the demo moves it back into place relative to now, so that
        # every stage is still visible days later. Content is left alone.
        if abs(existing.start - start) >= timedelta(minutes=5):
            existing.start = start
            existing.save_revision().publish()
        return existing
    page = SharingSessionPage(
        slug=spec["slug"],
        title=spec["title"],
        start=start,
        duration_minutes=spec.get("duration", series.default_duration_minutes),
        episode=spec.get("episode"),
        host=series.host,
        venue_name=series.default_venue_name,
        join_url=series.default_join_url,
        summary=spec.get("summary", ""),
        status=spec.get("status", SharingSessionPage.Status.SCHEDULED),
        status_reason=spec.get("status_reason", ""),
        announcement=spec.get("announcement", ""),
        warmup=spec.get("warmup", []),
        live_url=spec.get("live_url", ""),
        live_notes=spec.get("live_notes", ""),
        recap=spec.get("recap", []),
    )
    for name in spec.get("speakers", []):
        page.speakers.add(SessionSpeaker(person=people[name]))
    page.tags.add(*spec.get("tags", []))
    series.add_child(instance=page)
    page.save_revision().publish()
    return page
