import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from .analytics import unanswered_search_record
from .engines import get_engine
from .params import SuggestParamsForm
from .registry import kind_labels
from .service import (
    SearchParameterError,
    request_from_params,
    search_run,
)
from .suggestions import SHOWN, suggestions_merged
from .tasks import record_query_hit
from .throttle import search_throttle_check

logger = logging.getLogger(__name__)


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


def _count_query_after_response(response, raw, *, found):
    """Count the search once the response is out: servers close a response
    after sending it, and Django runs its closers then. Counting is a write (a task);
    the visitor never waits for it, and a failed count never fails a search.
    A search that found nothing is also recorded for the editors' report."""
    text = _loggable(raw)
    if not text:
        return

    def count():
        try:
            record_query_hit.enqueue(text=text)
            if not found:
                unanswered_search_record(text=text)
        except Exception:  # noqa: BLE001 - a lost count must not break searching
            logger.exception("search: could not count the query %r", text)

    response._resource_closers.append(count)


def _throttled(request, *, action, api):
    """A clear 429 when an anonymous visitor searches too fast, else None."""
    wait = search_throttle_check(request, action=action)
    if wait is None:
        return None
    message = _(
        "Too many searches from your address in a short time. "
        "Please wait %(seconds)d seconds and try again."
    ) % {"seconds": wait}
    if api:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = TemplateResponse(
            request,
            "search/search.html",
            {
                "q": request.GET.get("q", "")[:MAX_QUERY_STRING_LENGTH],
                "problems": [message],
                "throttled": True,
            },
            status=429,
        )
    response["Retry-After"] = str(wait)
    return response


def _parsed(params):
    """(search request, problems): the request is None when the parameters are bad."""
    try:
        return request_from_params(params), []
    except SearchParameterError as error:
        return None, [str(error)]


def has_query(params):
    """Words or a tag filter: a tag-only search is a search, on the page and in the API."""
    return bool(params.get("q", "").strip() or any(params.getlist("tag")))


def _run(raw, search_request):
    """(results, promoted) for a search the page and the API answer alike."""
    results = search_run(search_request)
    return results, _promotions(raw)


def without_nul(request):
    """Drop NUL characters from the query string: PostgreSQL refuses them in
    any string, so they would turn a search into a server error."""
    lists = list(request.GET.lists())
    if any("\x00" in value for _key, values in lists for value in values):
        cleaned = request.GET.copy()
        for key, values in lists:
            cleaned.setlist(key, [value.replace("\x00", "") for value in values])
        request.GET = cleaned


def search_page(request):
    without_nul(request)
    if throttled := _throttled(request, action="search", api=False):
        return throttled
    raw = request.GET.get("q", "")
    search_request, problems = _parsed(request.GET)
    if problems:
        return TemplateResponse(
            request,
            "search/search.html",
            {"q": raw[:MAX_QUERY_STRING_LENGTH], "problems": problems},
            status=400,
        )
    results, promoted = None, []
    if has_query(request.GET):
        results, promoted = _run(raw, search_request)
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
            "kind_labels": kind_labels(),
            "invalid_filters": search_request.query.errors,
            "filter_count": len(request.GET.getlist("kind"))
            + len(request.GET.getlist("series"))
            + len(request.GET.getlist("tag"))
            + len(request.GET.getlist("year")),
        },
    )
    if results is not None:
        _count_query_after_response(
            response, raw, found=bool(results.total or promoted)
        )
    return response


def _local_day(moment):
    return timezone.localtime(moment).date().isoformat() if moment else None


def _promoted_json(pick):
    if pick.page is not None:
        return {
            "title": pick.page.title,
            "url": pick.page.full_url,
            "description": pick.description,
        }
    return {
        "title": pick.external_link_text or pick.external_link_url,
        "url": pick.external_link_url,
        "description": pick.description,
    }


def _api_problems(problems):
    return JsonResponse(
        {"error": " ".join(problems), "problems": problems},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


def search_api(request):
    without_nul(request)
    if throttled := _throttled(request, action="search", api=True):
        return throttled
    raw = request.GET.get("q", "")
    if not has_query(request.GET):
        return JsonResponse(
            {"error": _("Give a query in the q parameter, or a tag.")}, status=400
        )
    search_request, problems = _parsed(request.GET)
    if problems:
        return _api_problems(problems)
    results, promoted = _run(raw, search_request)
    response = JsonResponse(
        {
            "query": raw,
            "total": results.total,
            "took_ms": results.took_ms,
            "engine": results.engine,
            "notice": results.notice,
            "page": search_request.page,
            "promoted": [_promoted_json(pick) for pick in promoted],
            "results": [
                {
                    "kind": hit.kind,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet": hit.snippet,
                    "date": hit.date.isoformat() if hit.date else None,
                    # The community's local day, as the page shows it.
                    "day": _local_day(hit.date),
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
    _count_query_after_response(response, raw, found=bool(results.total or promoted))
    return response


def suggest_api(request):
    without_nul(request)
    if throttled := _throttled(request, action="suggest", api=True):
        return throttled
    form = SuggestParamsForm(request.GET)
    if not form.is_valid():
        return _api_problems(
            [str(message) for messages in form.errors.values() for message in messages]
        )
    return JsonResponse(
        {
            "suggestions": suggestions_merged(
                # Asked for more than shown: merging near-duplicates drops some.
                get_engine().suggest(form.cleaned_data["q"], limit=SHOWN * 3)
            )
        },
        json_dumps_params={"ensure_ascii": False},
    )
