"""Keep the waitlist moving when an editor publishes a session with more
places, and the cached RSVP counts current when an answer changes."""

from __future__ import annotations

from wagtail.signals import page_published


def promote_after_publish(sender, instance, **kwargs):
    from .services import waitlist_promote

    waitlist_promote(session=instance)


def forget_counts(sender, instance, **kwargs):
    from .services import forget_rsvp_counts

    forget_rsvp_counts(instance.session_id)


def connect():
    from django.db.models.signals import post_delete, post_save

    from ..models import SessionRsvp, SharingSessionPage

    for signal in (post_save, post_delete):
        signal.connect(
            forget_counts,
            sender=SessionRsvp,
            dispatch_uid="community_sessions_rsvp_counts",
        )

    page_published.connect(
        promote_after_publish,
        sender=SharingSessionPage,
        dispatch_uid="community_sessions_waitlist_after_publish",
    )
