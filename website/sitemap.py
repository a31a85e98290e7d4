"""The sitemap, built once per publish instead of on every crawl."""

from django.http import HttpResponse
from wagtail.contrib.sitemaps.views import sitemap

from sessions.community.published import cached_until_publish


def cached_sitemap(request):
    """Wagtail's sitemap, cached until the next publish, per host (its URLs
    name it). Only the plain URL is cached: query strings are visitor input."""
    if request.GET:
        return sitemap(request)

    def build():
        response = sitemap(request)
        response.render()
        return response.content

    body = cached_until_publish(f"sitemap:{request.get_host()}", build)
    return HttpResponse(body, content_type="application/xml")
