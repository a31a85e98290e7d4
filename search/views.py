import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from .engines import get_engine
from .service import request_from_params, search_run
from .tasks import record_query_hit

logger = logging.getLogger(__name__)

KIND_LABELS = {
    "session": gettext_lazy("Sessions"),
    "recap": gettext_lazy("Recaps"),
    "post": gettext_lazy("Member posts"),
    "question": gettext_lazy("Answered questions"),
    "chat": gettext_lazy("Chat history"),
    "page": gettext_lazy("Pages"),
}


def _loggable(raw):
    text = raw.strip()
    return text if text and len(text) <= MAX_QUERY_STRING_LENGTH else ""


def _promotions(raw):
    """What editors promoted for this query (Wagtail search promotions)."""
    text = _loggable(raw)
    if not text:
        return []
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(text)
    ).select_related("page")
    return [pick for pick in picks if pick.page is None or pick.page.live]


def _count_query_after_response(response, raw):
    """Count the search once the response is out: servers close a response
    after sending it, and Django runs its closers then. Counting is a write (a task);
    the visitor never waits for it, and a failed count never fails a search."""
    text = _loggable(raw)
    if not text:
        return

    def count():
        try:
            record_query_hit.enqueue(text=text)
        except Exception:  # noqa: BLE001 - a lost count must not break searching
            logger.exception("search: could not count the query %r", text)

    response._resource_closers.append(count)


def search_page(request):
    search_request = request_from_params(request.GET)
    raw = request.GET.get("q", "")
    results = search_run(search_request) if raw.strip() or search_request.tags else None
    promoted = _promotions(raw) if results is not None else []
    paginator = None
    page_obj = None
    if results is not None and results.total:
        paginator = Paginator(range(results.total), search_request.page_size)
        page_obj = paginator.get_page(search_request.page)
    params = request.GET.copy()
    params.pop("page", None)
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "q": raw,
            "search_request": search_request,
            "results": results,
            "promoted": promoted,
            "page_obj": page_obj,
            "base_params": params.urlencode(),
            "kind_labels": KIND_LABELS,
            "invalid_filters": search_request.query.errors,
        },
    )
    if results is not None:
        _count_query_after_response(response, raw)
    return response


def search_api(request):
    raw = request.GET.get("q", "")
    if not raw.strip():
        return JsonResponse(
            {"error": _("Give a query in the q parameter.")}, status=400
        )
    search_request = request_from_params(request.GET)  # reads the synonyms
    results = search_run(search_request)
    response = JsonResponse(
        {
            "query": raw,
            "total": results.total,
            "took_ms": results.took_ms,
            "engine": results.engine,
            "notice": results.notice,
            "page": search_request.page,
            "results": [
                {
                    "kind": hit.kind,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet": hit.snippet,
                    "date": hit.date.isoformat() if hit.date else None,
                    "series": hit.series,
                    "tags": hit.tags,
                    "people": hit.people,
                }
                for hit in results.hits
            ],
            "facets": {
                name: [{"value": v, "count": c} for v, c in counts]
                for name, counts in results.facets.items()
            },
            # True when a huge match set's facet counts were estimated from a sample.
            "facets_approximate": results.facets_approximate,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    _count_query_after_response(response, raw)
    return response


def suggest_api(request):
    prefix = request.GET.get("q", "")[:50]
    return JsonResponse(
        {"suggestions": get_engine().suggest(prefix)},
        json_dumps_params={"ensure_ascii": False},
    )
