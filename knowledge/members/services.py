"""The one place member profiles are created."""

from __future__ import annotations

from sessions.community.members import display_name

from .models import MemberProfile


def profile_ensure(*, user, **defaults) -> MemberProfile:
    """``user``'s profile, created with ``defaults`` if they have none yet.

    A profile created without a display name takes the account's name, and
    without a status starts pending (an organiser decides).
    """
    defaults.setdefault("display_name", display_name(user))
    defaults.setdefault("status", MemberProfile.Status.PENDING)
    profile, _created = MemberProfile.objects.get_or_create(
        user=user, defaults=defaults
    )
    return profile
