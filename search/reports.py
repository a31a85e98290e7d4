"""Admin report: searches that found nothing, from the counts stored when they
happened (``search.analytics``) — viewing it runs no search."""

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.permission_policies import ModelPermissionPolicy

from .models import UnansweredSearch

#: Whoever may promote results may see what members could not find.
promotions_policy = ModelPermissionPolicy(SearchPromotion)
REPORT_PERMISSIONS = ["add", "change"]


class UnansweredFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget, method="filter_date"
    )

    class Meta:
        model = UnansweredSearch
        fields = []

    def filter_date(self, queryset, name, value):
        # The period is applied inside the counts (see get_base_queryset); here
        # only the searches not made in the period are left out.
        return queryset.filter(hits__gt=0)


class SearchLinkColumn(Column):
    """The query, linking to the site's search so an editor sees what members saw."""

    cell_template_name = "search/admin/search_link_cell.html"


class UnansweredSearchReportView(ReportView):
    page_title = _("Searches that found nothing")
    template_name = "search/admin/unanswered_report.html"
    header_icon = "search"
    model = UnansweredSearch
    permission_policy = promotions_policy
    any_permission_required = REPORT_PERMISSIONS
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = UnansweredFilterSet
    default_ordering = "-hits"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"
    columns = [
        SearchLinkColumn("query_string", label=_("Search"), sort_key="query_string"),
        NumberColumn("hits", label=_("Times asked"), sort_key="hits"),
        Column("last_day", label=_("Last asked"), sort_key="last_day"),
    ]
    list_export = ["query_string", "hits", "last_day"]
    export_headings = {
        "query_string": _("Search"),
        "hits": _("Times asked"),
        "last_day": _("Last asked"),
    }

    def get_base_queryset(self):
        in_period = Q()
        period = self.date_period()
        if period and period.start:
            in_period &= Q(days__date__gte=period.start.date())
        if period and period.stop:
            in_period &= Q(days__date__lte=period.stop.date())
        return UnansweredSearch.objects.annotate(
            hits=Sum("days__hits", filter=in_period),
            last_day=Max("days__date", filter=in_period),
        )

    def date_period(self):
        """The chosen date range (a slice of datetimes), or None."""
        filters = self.filters
        if filters is None or not filters.is_valid():
            return None
        return filters.form.cleaned_data.get("date")


class UnansweredSearchMenuItem(MenuItem):
    def is_shown(self, request):
        return promotions_policy.user_has_any_permission(
            request.user, REPORT_PERMISSIONS
        )
