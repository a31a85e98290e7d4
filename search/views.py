from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.search_promotions.models import Query

from .engines import get_engine
from .service import request_from_params, search_run

KIND_LABELS = {
    "session": gettext_lazy("Sessions"),
    "recap": gettext_lazy("Recaps"),
    "post": gettext_lazy("Member posts"),
    "question": gettext_lazy("Answered questions"),
    "chat": gettext_lazy("Chat history"),
    "page": gettext_lazy("Pages"),
}


def _log_query(raw, results):
    text = raw.strip()
    if not text or len(text) > 255:
        return [], None
    query = Query.get(text)
    query.add_hit()
    promoted = list(query.editors_picks.select_related("page").all()) if query else []
    return promoted, query


def search_page(request):
    search_request = request_from_params(request.GET)
    raw = request.GET.get("q", "")
    results = search_run(search_request) if raw.strip() or search_request.tags else None
    promoted = []
    if results is not None:
        promoted, _query = _log_query(raw, results)
    paginator = None
    page_obj = None
    if results is not None and results.total:
        paginator = Paginator(range(results.total), search_request.page_size)
        page_obj = paginator.get_page(search_request.page)
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "q": raw,
            "search_request": search_request,
            "results": results,
            "promoted": [pick for pick in promoted if pick.page.live],
            "page_obj": page_obj,
            "base_params": params.urlencode(),
            "kind_labels": KIND_LABELS,
            "invalid_filters": search_request.query.errors,
        },
    )


def search_api(request):
    search_request = request_from_params(request.GET)
    raw = request.GET.get("q", "")
    if not raw.strip():
        return JsonResponse(
            {"error": _("Give a query in the q parameter.")}, status=400
        )
    results = search_run(search_request)
    _log_query(raw, results)
    return JsonResponse(
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
        },
        json_dumps_params={"ensure_ascii": False},
    )


def suggest_api(request):
    prefix = request.GET.get("q", "")[:50]
    return JsonResponse(
        {"suggestions": get_engine().suggest(prefix)},
        json_dumps_params={"ensure_ascii": False},
    )
