"""The groups that give members and moderators their permissions.

Kept in step after every ``migrate`` (post_migrate), so a fresh site and an
upgraded one end up with the same groups; editors may add permissions to
them in the admin, and this only ever adds the ones listed here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission

from .models import MEMBERS_GROUP, MODERATORS_GROUP, OWNERS_GROUP


def community_settings_permission() -> list[str]:
    """Changing the community's site settings (named by setting: apps never
    import the project that defines the model)."""
    model = getattr(settings, "CHENDIAN_COMMUNITY_SETTINGS_MODEL", "")
    if not model:
        return []
    app_label, model_name = model.split(".")
    return [f"{app_label}.change_{model_name.lower()}"]


GROUP_PERMISSIONS = {
    # What an approved member may do on the site (never in the admin).
    MEMBERS_GROUP: [
        "community_sessions.add_sessionquestion",
        "community_sessions.add_questionvote",
        "community_sessions.add_sessionrsvp",
        "knowledge.add_knowledgepostpage",
    ],
    # Owners and moderators: review questions, approve members, hand out codes.
    MODERATORS_GROUP: [
        "wagtailadmin.access_admin",
        "community_sessions.view_sessionquestion",
        "community_sessions.change_sessionquestion",
        # Sign-up lists, check-in and the organiser dashboard.
        "community_sessions.view_sessionrsvp",
        "community_sessions.change_sessionrsvp",
        "knowledge.view_memberprofile",
        "knowledge.change_memberprofile",
        "knowledge.add_invitecode",
        "knowledge.view_invitecode",
        "knowledge.change_invitecode",
        "knowledge.delete_invitecode",
    ],
    # The owner (群主) also decides how the community runs: name, entry gate,
    # time zone, stage timings, group-message wording. Moderators do not;
    # superusers may do everything anyway.
    OWNERS_GROUP: community_settings_permission(),
    # Wagtail's own editor groups review member posts (the workflow) and may
    # also moderate questions.
    "Editors": [
        "community_sessions.view_sessionquestion",
        "community_sessions.change_sessionquestion",
        "community_sessions.view_sessionrsvp",
        "community_sessions.change_sessionrsvp",
    ],
    "Moderators": [
        "community_sessions.view_sessionquestion",
        "community_sessions.change_sessionquestion",
        "community_sessions.view_sessionrsvp",
        "community_sessions.change_sessionrsvp",
    ],
}


def ensure_member_groups(**kwargs) -> None:
    for group_name, codenames in GROUP_PERMISSIONS.items():
        if group_name in ("Editors", "Moderators"):
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue  # the site removed Wagtail's default group
        else:
            group, _created = Group.objects.get_or_create(name=group_name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
