from wagtail.models import Page, Site


def site_navigation(request):
    """The top-level pages shown in the header menu."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": []}
    root = site.root_page
    return {
        "nav_root": root,
        "nav_pages": Page.objects.child_of(root).live().in_menu(),
    }
