"""Admin wiring for search: synonyms editors maintain, queries that found nothing,
and a dashboard warning when changes stop reaching the index."""

from datetime import timedelta

from django.db.models import Count, Min
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OutboxEntry, SynonymGroup
from .reports import UnansweredSearchMenuItem, UnansweredSearchReportView


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["words"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [
        path(
            "reports/unanswered-searches/",
            UnansweredSearchReportView.as_view(),
            name="search_unanswered",
        ),
        path(
            "reports/unanswered-searches/results/",
            UnansweredSearchReportView.as_view(results_only=True),
            name="search_unanswered_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_menu_item():
    return UnansweredSearchMenuItem(
        _("Searches that found nothing"),
        reverse("search_unanswered"),
        name="searches-that-found-nothing",
        icon_name="search",
        order=1310,  # after Wagtail's "Search terms"
    )


#: Changes normally reach the index within seconds; older ones mean no worker
#: is draining the outbox, or the engine keeps refusing them.
BACKLOG_AFTER = timedelta(minutes=10)


class SearchBacklogPanel(Component):
    """Dashboard warning: content changes are waiting to reach the search index."""

    name = "search_backlog"
    order = 90  # above the moderation panels: new content cannot be found yet
    template_name = "search/admin/backlog_panel.html"

    def __init__(self, *, count, oldest, last_error):
        self.count, self.oldest, self.last_error = count, oldest, last_error

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "oldest": self.oldest,
            "last_error": self.last_error,
        }


@hooks.register("construct_homepage_panels")
def add_search_backlog_panel(request, panels):
    waiting = OutboxEntry.objects.filter(created_at__lt=timezone.now() - BACKLOG_AFTER)
    backlog = waiting.aggregate(count=Count("pk"), oldest=Min("created_at"))
    if backlog["count"]:
        latest_error = waiting.exclude(last_error="").order_by("-pk").first()
        panels.append(
            SearchBacklogPanel(
                **backlog, last_error=latest_error.last_error if latest_error else ""
            )
        )
