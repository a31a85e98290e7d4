"""Keep the waitlist moving when an editor publishes a session with more places."""

from __future__ import annotations

from wagtail.signals import page_published


def promote_after_publish(sender, instance, **kwargs):
    from .services import waitlist_promote

    waitlist_promote(session=instance)


def connect():
    from ..models import SharingSessionPage

    page_published.connect(
        promote_after_publish,
        sender=SharingSessionPage,
        dispatch_uid="community_sessions_waitlist_after_publish",
    )
