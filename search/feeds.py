"""RSS and Atom feeds of a search: ``/search/feed/?q=…`` lists the newest matches.

Any search page can be followed in a feed reader: the feed takes the page's
query parameters (checked by the same ``request_from_params``) and answers
with the newest matches first, whatever order the page was sorted in. Not
cached: results change with every indexed post and chat, not only on publish.
"""

from __future__ import annotations

import dataclasses

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .registry import kind_labels
from .service import SearchParameterError, request_from_params, search_run
from .throttle import search_throttle_check

# The search page's own reading of the query string.
from .views import has_query, without_nul

# Feed readers show the newest entries; the search page has the rest.
FEED_SIZE = 30


def _text_response(message, status):
    return HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8"
    )


class SearchFeed(Feed):
    """The newest results of one search, in RSS 2.0."""

    def __call__(self, request, *args, **kwargs):
        without_nul(request)
        wait = search_throttle_check(request, action="search")
        if wait is not None:
            response = _text_response(
                _("Too many searches from your address. Try again in %(s)d seconds.")
                % {"s": wait},
                429,
            )
            response["Retry-After"] = str(wait)
            return response
        if not has_query(request.GET):
            return _text_response(
                _("Give a query in the q parameter, or a tag."), status=400
            )
        try:
            search_request = request_from_params(request.GET)
        except SearchParameterError as error:
            return _text_response(str(error), status=400)
        request.search_request = dataclasses.replace(
            search_request, sort="date", page=1, page_size=FEED_SIZE
        )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        return request

    def title(self, request):
        words = request.GET.get("q", "").strip()
        tags = " ".join(f"#{tag}" for tag in request.search_request.tags)
        return _("Search: %(query)s") % {"query": " ".join(filter(None, [words, tags]))}

    def description(self, request):
        return _("The newest results of this search.")

    def subtitle(self, request):
        return self.description(request)

    def link(self, request):
        return f"{reverse('search:search')}?{request.GET.urlencode()}"

    def feed_url(self, request):
        # The feed's own address keeps its query (Django's default drops it).
        return request.get_full_path()

    def items(self, request):
        results = search_run(request.search_request)
        labels = kind_labels()
        for hit in results.hits:
            hit.kind_label = str(labels.get(hit.kind, hit.kind))
        return results.hits

    def item_title(self, hit):
        return hit.title

    def item_link(self, hit):
        return hit.url

    def item_description(self, hit):
        # The snippet marks the matched words in HTML; readers get plain text.
        return strip_tags(hit.snippet)

    def item_pubdate(self, hit):
        return hit.date

    def item_author_name(self, hit):
        return "、".join(hit.people) or None

    def item_categories(self, hit):
        return [hit.kind_label, *hit.tags]


class SearchAtomFeed(SearchFeed):
    """The same feed in Atom 1.0."""

    feed_type = Atom1Feed


search_rss = SearchFeed()
search_atom = SearchAtomFeed()
