"""Admin wiring for chat archives: the archive snippets, the import upload,
quoting chat in a recap, and removing a sender on request."""

from __future__ import annotations

from django.db.models import Count, Max, Min
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sessions.extensions import SESSION_PAGE_SECTIONS_HOOK, PageSection
from sessions.lifecycle import Stage

from . import admin_views, attach_views, excerpts
from .jobs import ChatImportJob
from .models import ChatArchive, ChatMessage
from .permalinks import session_chat_url


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
        path(
            "chat-imports/<int:job_id>/progress/",
            admin_views.import_detail,
            name="knowledge_chat_import",
        ),
        path(
            "chat-archives/excerpt/",
            excerpts.add_excerpt,
            name="knowledge_chat_excerpt",
        ),
        path(
            "chat-days/",
            attach_views.UnattachedChatDaysView.as_view(),
            name="knowledge_chat_days",
        ),
        path(
            "chat-days/results/",
            attach_views.UnattachedChatDaysView.as_view(results_only=True),
            name="knowledge_chat_days_results",
        ),
        path(
            "chat-days/attach/", attach_views.attach_day, name="knowledge_chat_attach"
        ),
        path(
            "chat-archives/remove-sender/",
            admin_views.remove_sender,
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


# Import jobs follow the archives' permissions: who may add archives may import.
register_permission_policy(ChatImportJob, ModelPermissionPolicy(ChatArchive))


@hooks.register("register_admin_viewset")
def chat_import_viewset():
    return admin_views.ChatImportViewSet()


@hooks.register("register_reports_menu_item")
def chat_days_menu_item():
    return PermissionMenuItem(
        _("Chat days without a session"),
        reverse("knowledge_chat_days"),
        icon_name="comment",
        order=720,
        permission=attach_views.PERMISSION,
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
        "knowledge.chat_attach",
        _("Attach chat messages to a session"),
        _("Chat messages attached to a session"),
    )
    actions.register_action(
        "knowledge.chat_remove_sender",
        _("Remove a sender's messages"),
        _("A sender's messages removed on request"),
    )


@hooks.register(SESSION_PAGE_SECTIONS_HOOK)
def session_chat_archives(*, page, request, stage):
    """Once a session has ended, its page links exactly its part of the chat."""
    if stage not in (Stage.ENDED, Stage.ARCHIVED):
        return []
    span = ChatMessage.objects.filter(session_id=page.pk).aggregate(
        count=Count("pk"), first=Min("sent_at"), last=Max("sent_at")
    )
    if not span["count"]:
        return []
    url = session_chat_url(page.pk, request=request)
    if not url:
        return []
    return [
        PageSection("knowledge/chats/session_chat_archives.html", {"url": url, **span})
    ]
