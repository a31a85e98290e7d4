"""Admin wiring for the organiser dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import (
    VIEW_PERMISSION,
    DormantMembersView,
    MonthlyInsightsView,
    SeriesInsightsView,
)


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path(
            "insights/", MonthlyInsightsView.as_view(), name="knowledge_insights_months"
        ),
        path(
            "insights/series/",
            SeriesInsightsView.as_view(),
            name="knowledge_insights_series",
        ),
        path(
            "insights/dormant/",
            DormantMembersView.as_view(),
            name="knowledge_insights_dormant",
        ),
    ]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"),
        reverse("knowledge_insights_months"),
        icon_name="table",
        order=255,
    )
