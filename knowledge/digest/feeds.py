"""RSS and Atom feeds of the published digests (served by the digest index),
built on the site's feed base like the recap, series and tag feeds."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from sessions.feeds.base import CommunityFeed, FeedEntry, atom_feed

FEED_ITEMS = 20


class DigestRssFeed(CommunityFeed):
    """The newest published digests; drafts never appear (``live()`` only)."""

    limit = FEED_ITEMS

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.url

    def description(self, index):
        return strip_tags(index.intro) or _("A weekly round-up of what we deposited.")

    def entries(self, index):
        from .text import digest_text

        return [
            FeedEntry(
                title=digest.title,
                url=digest.url,
                published=digest.first_published_at,
                updated=digest.last_published_at,
                summary=digest_text(
                    page=digest, link=self.request.build_absolute_uri(digest.url)
                ),
            )
            for digest in index.digests()[: self.limit]
        ]


DigestAtomFeed = atom_feed(DigestRssFeed)
