"""Writes to a session's recap that other apps may call."""

from __future__ import annotations

from django.db import transaction


def recap_add_excerpt(*, session, caption: str, lines: list[dict], user):
    """Append a quoted conversation to ``session``'s recap as a new draft revision.

    ``lines`` are dicts with ``sender``, ``time`` ("HH:MM") and ``text``. The
    excerpt goes to the latest revision, so an editor's unpublished changes
    are kept; publishing stays the editor's decision.
    """
    with transaction.atomic():
        page = session.get_latest_revision_as_object()
        page.recap.append(("chat_excerpt", {"caption": caption, "lines": lines}))
        return page.save_revision(user=user, log_action=True)
