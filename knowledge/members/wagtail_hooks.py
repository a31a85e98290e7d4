"""Admin wiring for members: profiles (approval, roles) and invite codes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import InviteCode, MemberProfile


class MemberProfileViewSet(SnippetViewSet):
    """Owners and moderators approve newcomers and set roles here."""

    model = MemberProfile
    icon = "user"
    menu_label = _("Members")
    list_display = [
        "display_name",
        "user",
        "role",
        "status",
        "city",
        "joined_at",
        "invited_with",
    ]
    list_filter = ["status", "role"]
    search_fields = ["display_name", "city", "organisation"]
    panels = [
        FieldPanel("display_name"),
        FieldPanel("status"),
        FieldPanel("role"),
        FieldPanel("city"),
        FieldPanel("organisation"),
        FieldPanel("introduction"),
        FieldPanel("joined_at"),
        FieldPanel("invited_with", read_only=True),
    ]


class InviteCodeViewSet(SnippetViewSet):
    """Codes organisers hand out; each shows who created it and who joined with it."""

    model = InviteCode
    icon = "key"
    menu_label = _("Invite codes")
    list_display = [
        "code",
        "note",
        "created_by",
        "max_uses",
        "use_count",
        "expires_at",
        "invited_names",
    ]
    search_fields = ["code", "note"]
    panels = [
        FieldPanel("code"),
        FieldPanel("note"),
        FieldPanel("max_uses"),
        FieldPanel("expires_at"),
        FieldPanel("created_by", read_only=True),
    ]


class MembersGroup(SnippetViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 270
    items = (MemberProfileViewSet, InviteCodeViewSet)


register_snippet(MembersGroup)


@hooks.register("after_create_snippet")
def record_invite_creator(request, instance):
    if isinstance(instance, InviteCode) and instance.created_by_id is None:
        instance.created_by = request.user
        instance.save(update_fields=["created_by"])
