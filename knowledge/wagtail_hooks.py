"""Admin wiring for knowledge: chat archive snippets, import upload, sender removal."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import chat_admin, chat_excerpts
from .models import ChatArchive, InviteCode, MemberProfile


class ChatArchiveViewSet(SnippetViewSet):
    """Imported archives: editors rename them, link a session, choose the privacy mode."""

    model = ChatArchive
    icon = "comment"
    menu_label = _("Chat archives")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "title",
        "group_name",
        "platform",
        "message_count",
        "first_message_at",
    ]
    search_fields = ["title", "group_name"]
    panels = [
        FieldPanel("title"),
        FieldPanel("group_name"),
        FieldPanel("session"),
        FieldPanel("privacy"),
    ]


register_snippet(ChatArchiveViewSet)


@hooks.register("register_admin_urls")
def chat_admin_urls():
    return [
        path("chat-imports/", chat_admin.import_list, name="knowledge_chat_imports"),
        path(
            "chat-imports/<int:job_id>/",
            chat_admin.import_detail,
            name="knowledge_chat_import",
        ),
        path(
            "chat-archives/excerpt/",
            chat_excerpts.add_excerpt,
            name="knowledge_chat_excerpt",
        ),
        path(
            "chat-archives/remove-sender/",
            chat_admin.remove_sender,
            name="knowledge_chat_remove_sender",
        ),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users who may use what it opens (no dead ends).

    ``permission`` is a model permission, or "edit pages" for views that
    change pages (moderators without page rights do not see them).
    """

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        if self.permission == "edit pages":
            return PagePermissionPolicy().user_has_permission(request.user, "change")
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def chat_import_menu_item():
    return PermissionMenuItem(
        _("Import a chat"),
        reverse("knowledge_chat_imports"),
        icon_name="upload",
        order=311,
        permission="knowledge.add_chatarchive",
    )


@hooks.register("register_admin_menu_item")
def chat_excerpt_menu_item():
    return PermissionMenuItem(
        _("Quote chat in a recap"),
        reverse("knowledge_chat_excerpt"),
        icon_name="comment",
        order=313,
        permission="edit pages",
    )


@hooks.register("register_admin_menu_item")
def chat_remove_sender_menu_item():
    return PermissionMenuItem(
        _("Remove a chat sender"),
        reverse("knowledge_chat_remove_sender"),
        icon_name="bin",
        order=312,
        permission="knowledge.delete_chatmessage",
    )


@hooks.register("register_log_actions")
def chat_log_actions(actions):
    actions.register_action(
        "knowledge.chat_import", _("Import chat messages"), _("Chat messages imported")
    )
    actions.register_action(
        "knowledge.chat_remove_sender",
        _("Remove a sender's messages"),
        _("A sender's messages removed on request"),
    )


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
