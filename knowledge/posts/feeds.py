"""Member posts in the tag feeds (``sessions``' ``tag_feed_entries`` hook)."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import Truncator

from sessions.feeds.base import FeedEntry
from sessions.feeds.entries import SUMMARY_CHARS

from ..models import KnowledgePostPage


def post_entry(post: KnowledgePostPage, *, request) -> FeedEntry:
    # Post bodies are member HTML: readers get the start of it as plain text.
    text = post.search_description or strip_tags(post.body)
    return FeedEntry(
        title=post.title,
        url=post.get_url(request),
        published=post.first_published_at,
        updated=post.last_published_at,
        summary=Truncator(" ".join(text.split())).chars(SUMMARY_CHARS),
        author=post.author_name,
        categories=tuple(tag.name for tag in post.tags.all()),
    )


def tagged_post_entries(*, tag, request, limit) -> list[FeedEntry]:
    """The newest public posts with ``tag``."""
    posts = (
        KnowledgePostPage.objects.live()
        .public()
        .filter(tags=tag)
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-first_published_at")[:limit]
    )
    return [post_entry(post, request=request) for post in posts]
