from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .attendance import wagtail_hooks as attendance_hooks  # noqa: F401
from .models import Person, TopicSeriesPage
from .questions import wagtail_hooks as questions_hooks  # noqa: F401
from .transcripts import wagtail_hooks as transcripts_hooks  # noqa: F401


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Speakers & hosts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "title"]
    search_fields = ["name", "title"]


register_snippet(PersonViewSet)


@hooks.register("register_admin_urls")
def register_organiser_urls():
    return [
        path("sessions/today/", admin_views.today, name="community_sessions_today"),
        path(
            "sessions/plan/<int:series_id>/",
            admin_views.plan_series,
            name="community_sessions_plan",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_today_menu_item():
    return MenuItem(
        _("Today"), reverse("community_sessions_today"), icon_name="date", order=250
    )


@hooks.register("register_page_header_buttons")
def plan_sessions_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, TopicSeriesPage)
        and page.permissions_for_user(user).can_add_subpage()
    ):
        yield Button(
            _("Plan next sessions"),
            reverse("community_sessions_plan", args=[page.pk]),
            icon_name="calendar",
            priority=16,
        )
