from wagtail.models import Page, Site

from sessions.community.published import cached_until_publish


def site_navigation(request):
    """The top-level pages shown in the header menu (cached until a publish)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": []}
    root = site.root_page
    return {
        "nav_root": root,
        "nav_pages": cached_until_publish(
            f"navigation:{root.pk}",
            lambda: list(Page.objects.child_of(root).live().in_menu()),
        ),
    }
