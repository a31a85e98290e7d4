"""Extension points: how other apps add to session pages without sessions knowing them.

A session page shows its stage's own sections, then the sections other apps
contribute through the ``session_page_sections`` Wagtail hook. A hook
function is called as ``fn(page=…, request=…, stage=…)`` and returns a list
of ``PageSection`` (empty when it has nothing for this page). For example the
app that keeps chat archives adds the chat of the live share and related
member posts::

    @hooks.register(SESSION_PAGE_SECTIONS_HOOK)
    def chat_archives(*, page, request, stage):
        return [PageSection("myapp/section.html", {"items": ...})]

The template is included with the page's context plus ``section`` (the
section's own context).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

SESSION_PAGE_SECTIONS_HOOK = "session_page_sections"


@dataclass(frozen=True)
class PageSection:
    """A block another app adds to a session page: its template and context."""

    template_name: str
    context: dict = field(default_factory=dict)


def contributed_sections(*, page, request, stage) -> list[PageSection]:
    """Every section the installed apps contribute to ``page``, in hook order."""
    sections = []
    for contribute in hooks.get_hooks(SESSION_PAGE_SECTIONS_HOOK):
        sections.extend(contribute(page=page, request=request, stage=stage) or [])
    return sections
