"""Admin and page wiring for member posts."""

from __future__ import annotations

from wagtail import hooks

from sessions.community.published import cached_until_publish
from sessions.extensions import SESSION_PAGE_SECTIONS_HOOK, PageSection
from sessions.feeds.entries import TAG_FEED_ENTRIES_HOOK

from .feeds import tagged_post_entries
from .models import KnowledgePostPage

#: How many follow-up posts a session page lists.
RELATED_POSTS_SHOWN = 5


@hooks.register(SESSION_PAGE_SECTIONS_HOOK)
def session_related_posts(*, page, request, stage):
    """A session page lists the published member posts that follow it up
    (read once per publish: only publishing a post changes the list)."""

    def read():
        return list(
            KnowledgePostPage.objects.live()
            .filter(related_session_id=page.pk)
            .select_related("author")
            .order_by("-first_published_at")[:RELATED_POSTS_SHOWN]
        )

    posts = cached_until_publish(f"session-related-posts:{page.pk}", read)
    if not posts:
        return []
    return [PageSection("knowledge/posts/session_related_posts.html", {"posts": posts})]


# Tag feeds list the member posts with the tag beside the sessions.
hooks.register(TAG_FEED_ENTRIES_HOOK, tagged_post_entries)
