"""Admin wiring for transcripts: the upload, the list with chapters, a page button."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import SharingSessionPage
from . import admin_views
from .models import Transcript


class NoAddingPolicy(ModelPermissionPolicy):
    """Transcripts come from an upload (which needs a file), never an empty form."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Transcript, NoAddingPolicy(Transcript))


class TranscriptViewSet(SnippetViewSet):
    """Imported transcripts: editors set chapters here; files come in by upload."""

    model = Transcript
    icon = "doc-full"
    menu_label = _("Transcripts")
    add_to_admin_menu = True
    menu_order = 265
    list_display = ["session", "format", "segment_count", "imported_at"]
    search_fields = ["source_name"]
    ordering = ["-imported_at"]


register_snippet(TranscriptViewSet)


@hooks.register("register_admin_urls")
def transcript_admin_urls():
    return [
        path(
            "transcripts/import/",
            admin_views.import_transcript,
            name="community_sessions_import_transcript",
        )
    ]


class PageEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")


@hooks.register("register_admin_menu_item")
def transcript_import_menu_item():
    return PageEditorMenuItem(
        _("Import a transcript"),
        reverse("community_sessions_import_transcript"),
        icon_name="upload",
        order=266,
    )


@hooks.register("register_page_header_buttons")
def import_transcript_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, SharingSessionPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Import a transcript"),
            reverse("community_sessions_import_transcript") + f"?session={page.pk}",
            icon_name="upload",
            priority=17,
        )


@hooks.register("register_log_actions")
def transcript_log_actions(actions):
    actions.register_action(
        "community_sessions.transcript_import",
        _("Import a transcript"),
        _("Transcript imported"),
    )
