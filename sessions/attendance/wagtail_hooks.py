"""Admin wiring for attendance: the answers list, and the organiser screens
(paste a 接龙, check in, import participants) linked from each session."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import SessionRsvp
from .services import can_organise


class SessionRsvpViewSet(SnippetViewSet):
    """Who answered what, for organisers: filter by session, export the list."""

    model = SessionRsvp
    icon = "list-ol"
    menu_label = _("Sign-ups")
    menu_order = 265
    add_to_admin_menu = True
    list_display = [
        "name",
        "session",
        "status_label",
        "plus_ones",
        "note",
        "promoted_at",
        "attended",
        "source",
    ]
    list_export = [
        "name",
        "session",
        "status_label",
        "plus_ones",
        "note",
        "answered_at",
        "promoted_at",
        "attended",
        "joined_at",
        "left_at",
        "source",
    ]
    list_filter = ["session", "answer", "waitlisted", "attended", "source"]
    search_fields = ["guest_name", "note", "member__first_name", "member__username"]
    ordering = ["session", "answered_at"]
    panels = [
        FieldPanel("session"),
        FieldPanel("member"),
        FieldPanel("guest_name"),
        FieldPanel("answer"),
        FieldPanel("waitlisted"),
        FieldPanel("plus_ones"),
        FieldPanel("note"),
        FieldPanel("attended"),
    ]


register_snippet(SessionRsvpViewSet)


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path(
            "sessions/<int:session_id>/jielong/",
            admin_views.jielong_paste,
            name="community_sessions_jielong",
        ),
        path(
            "sessions/<int:session_id>/check-in/",
            admin_views.check_in,
            name="community_sessions_check_in",
        ),
        path(
            "sessions/<int:session_id>/participants/",
            admin_views.participants_import,
            name="community_sessions_participants",
        ),
    ]


@hooks.register("register_page_header_buttons")
def attendance_buttons(page, user, view_name, next_url=None):
    from ..models import SharingSessionPage

    if not isinstance(page.specific_deferred, SharingSessionPage) or not page.pk:
        return
    if not can_organise(user):
        return
    yield Button(
        _("Sign-ups"),
        reverse("wagtailsnippets_community_sessions_sessionrsvp:list")
        + f"?session={page.pk}",
        icon_name="list-ol",
        priority=20,
    )
    yield Button(
        _("Paste a 接龙"),
        reverse("community_sessions_jielong", args=[page.pk]),
        icon_name="clipboard-list",
        priority=21,
    )
    yield Button(
        _("Check-in"),
        reverse("community_sessions_check_in", args=[page.pk]),
        icon_name="tick",
        priority=22,
    )
