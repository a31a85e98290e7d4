from wagtail.models import Site

from .navigation import menu_pages


def site_navigation(request):
    """The top-level pages shown in the header menu."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": []}
    root = site.root_page
    return {"nav_root": root, "nav_pages": menu_pages(root)}
