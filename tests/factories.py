"""Small builders for page trees and people used across the tests."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from wagtail.models import Page, Site

from sessions.models import Person, SeriesIndexPage, SharingSessionPage, TopicSeriesPage
from website.models import HomePage

_counter = itertools.count(1)


def home_page() -> HomePage:
    """The home page created by the website migrations."""
    return Site.objects.get(is_default_site=True).root_page.specific


def add_child(parent: Page, page: Page, *, publish: bool = True) -> Page:
    """Add ``page`` under ``parent``: published, or as a draft never published."""
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def series_index(parent: Page | None = None, **fields) -> SeriesIndexPage:
    existing = SeriesIndexPage.objects.first()
    if existing and not fields:
        return existing
    fields.setdefault("title", "分享会")
    fields.setdefault("slug", "sessions")
    return add_child(parent or home_page(), SeriesIndexPage(**fields))


def topic_series(parent: SeriesIndexPage | None = None, **fields) -> TopicSeriesPage:
    n = next(_counter)
    fields.setdefault("title", f"工具实践 {n}")
    fields.setdefault("slug", f"series-{n}")
    return add_child(parent or series_index(), TopicSeriesPage(**fields))


def sharing_session(
    series: TopicSeriesPage | None = None,
    *,
    start: datetime,
    publish: bool = True,
    **fields,
) -> SharingSessionPage:
    n = next(_counter)
    fields.setdefault("title", f"第 {n} 次分享")
    fields.setdefault("slug", f"session-{n}")
    fields.setdefault("duration_minutes", 90)
    page = SharingSessionPage(start=start, **fields)
    return add_child(series or topic_series(), page, publish=publish)


def person(**fields) -> Person:
    fields.setdefault("name", f"讲者{next(_counter)}")
    return Person.objects.create(**fields)


def recap_stream(*paragraphs: str) -> list[tuple[str, object]]:
    """A recap StreamField value made of paragraphs."""
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


# Members

PASSWORD = "member-pass-2026"


def member(username: str | None = None, *, status="active", role="member", **profile):
    """An account with a member profile (active unless told otherwise)."""
    from django.contrib.auth import get_user_model

    from knowledge.models import MemberProfile

    username = username or f"member{next(_counter)}"
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD
    )
    profile.setdefault("display_name", f"上海-{username}")
    MemberProfile.objects.create(user=user, status=status, role=role, **profile)
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def moderator(username: str | None = None):
    return member(username or f"moderator{next(_counter)}", role="moderator")


def editor(username: str | None = None):
    """A member who is also in Wagtail's Editors and Moderators groups."""
    from django.contrib.auth.models import Group

    user = member(username or f"editor{next(_counter)}")
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    return type(user).objects.get(pk=user.pk)


def admin(username: str | None = None):
    from django.contrib.auth import get_user_model

    username = username or f"admin{next(_counter)}"
    return get_user_model().objects.create_superuser(
        username, f"{username}@example.com", PASSWORD
    )


def knowledge_index(parent: Page | None = None, **fields):
    from knowledge.models import KnowledgeIndexPage

    existing = KnowledgeIndexPage.objects.first()
    if existing:
        return existing
    fields.setdefault("title", "干货")
    fields.setdefault("slug", "knowledge")
    return add_child(parent or home_page(), KnowledgeIndexPage(**fields))
