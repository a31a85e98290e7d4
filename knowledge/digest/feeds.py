"""RSS and Atom feeds of the published digests (served by the digest index)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

FEED_ITEMS = 20


class DigestRssFeed(Feed):
    """The newest published digests; drafts never appear (``live()`` only)."""

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.url

    def description(self, index):
        return strip_tags(index.intro) or _("A weekly round-up of what we deposited.")

    def items(self, index):
        return index.digests()[:FEED_ITEMS]

    def item_title(self, digest):
        return digest.title

    def item_description(self, digest):
        from .text import digest_text

        return digest_text(
            page=digest, link=self.request.build_absolute_uri(digest.url)
        )

    def item_link(self, digest):
        return digest.url

    def item_pubdate(self, digest):
        return digest.first_published_at

    def item_updateddate(self, digest):
        return digest.last_published_at


class DigestAtomFeed(DigestRssFeed):
    feed_type = Atom1Feed
    subtitle = DigestRssFeed.description
