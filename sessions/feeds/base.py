"""The base of the site's RSS 2.0 and Atom 1.0 feeds (Django's syndication).

A feed subclasses ``CommunityFeed`` and returns ``FeedEntry`` objects from
``entries(obj)``; ``feed_views(MyFeed)`` gives its RSS and Atom views. Links
may be paths: Django's syndication makes every link absolute from the request's
host. Other apps (the digest feed, the search feed) build on this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language

from ..community.published import cached_until_publish

# Feed readers show the newest entries; older ones stay on the site.
FEED_LIMIT = 30


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, whatever content it comes from."""

    title: str
    url: str  # a path or an absolute URL
    published: datetime
    updated: datetime | None = None
    summary: str = ""  # plain text
    author: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)
    # A stable id that survives moves and renames; the absolute link if empty.
    guid: str = ""


class CommunityFeed(Feed):
    """RSS 2.0 by default; ``feed_views`` makes the Atom twin.

    Subclasses set ``title``/``description``/``link`` (attributes or methods
    taking ``obj``, as in Django) and implement ``entries(obj)``. The response
    is cached until the next publish when ``cache_until_publish`` is true: feed
    readers poll often and the content only changes with a publish.
    """

    feed_type = Rss201rev2Feed
    limit = FEED_LIMIT
    cache_until_publish = True

    def entries(self, obj) -> list[FeedEntry]:
        raise NotImplementedError

    def __call__(self, request, *args, **kwargs):
        if not self.cache_until_publish:
            return super().__call__(request, *args, **kwargs)

        def render():
            response = super(CommunityFeed, self).__call__(request, *args, **kwargs)
            kept = ("Content-Type", "Last-Modified")
            return response.content, {k: response[k] for k in kept if k in response}

        content, headers = cached_until_publish(self.cache_name(request), render)
        return HttpResponse(content, headers=headers)

    def cache_name(self, request) -> str:
        # Links are absolute (scheme and host) and titles translated.
        return ":".join(
            [
                "feed",
                type(self).__name__,
                request.scheme,
                request.get_host(),
                get_language(),
                request.get_full_path(),
            ]
        )

    def subtitle(self, obj):
        # Atom calls the feed's description its subtitle.
        return self._get_dynamic_attr("description", obj)

    def items(self, obj):
        return self.entries(obj)[: self.limit]

    def item_title(self, entry: FeedEntry):
        return entry.title

    def item_link(self, entry: FeedEntry):
        return entry.url

    def item_description(self, entry: FeedEntry):
        return entry.summary

    def item_pubdate(self, entry: FeedEntry):
        return entry.published

    def item_updateddate(self, entry: FeedEntry):
        return entry.updated or entry.published

    def item_author_name(self, entry: FeedEntry):
        return entry.author or None

    def item_categories(self, entry: FeedEntry):
        return entry.categories

    def item_guid(self, entry: FeedEntry):
        return entry.guid or None

    def item_guid_is_permalink(self, entry: FeedEntry):
        return not entry.guid

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for item in feed.items:
            # An entry without its own id is known by its (now absolute) link.
            item["unique_id"] = item["unique_id"] or item["link"]
        return feed


def atom_feed(feed_class: type[CommunityFeed]) -> type[CommunityFeed]:
    """The Atom 1.0 twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed})


def feed_views(feed_class: type[CommunityFeed]):
    """(RSS view, Atom view) of one feed, for two URL patterns."""
    return feed_class(), atom_feed(feed_class)()
