"""Resolve a page URL in two queries instead of two per level of the tree.

Wagtail's ``Page.route`` looks up the child for the next path component,
then its specific type, at every level: eight queries for a session page
(home → index → series → session). ``route_from`` asks for every page whose
URL path is a prefix of the requested one in one query, takes the deepest,
fetches its specific type once, and hands the remaining components to that
page's own ``route`` (routable pages keep their sub-routes; a non-routable page
answers 404 for unknown children exactly as before).
"""

from __future__ import annotations

from wagtail.models import Page


def route_from(root: Page, request, path_components: list[str]):
    """Route ``path_components`` below ``root`` (normally the site's root page)."""
    prefixes = [
        root.url_path + "/".join(path_components[:depth]) + "/"
        for depth in range(1, len(path_components) + 1)
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(
            url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth
        ).order_by("depth")
    }
    chain = [root]
    for prefix in prefixes:
        page = found.get(prefix)
        if page is None or page.depth != chain[-1].depth + 1:
            break
        chain.append(page)
    if len(chain) == 1:
        return Page.route(root, request, path_components)
    deepest = chain[-1]
    model = deepest.specific_class or Page
    related = getattr(model, "route_select_related", ())
    specific = model._default_manager.select_related(*related).get(pk=deepest.pk)
    # Treebeard's get_parent() uses this, as Wagtail's own route sets it.
    specific._cached_parent_obj = chain[-2]
    return specific.route(request, path_components[len(chain) - 1 :])
