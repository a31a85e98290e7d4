"""Admin wiring for FAQ cards: the promote view and its entry points, and the
session page section listing the cards a session's answers became."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies.pages import PagePermissionPolicy

from sessions.extensions import SESSION_PAGE_SECTIONS_HOOK, PageSection
from sessions.lifecycle import Stage
from sessions.models import SessionQuestion, SharingSessionPage

from ..chats.wagtail_hooks import PermissionMenuItem
from . import admin_views
from .models import FaqCardPage


def _may_promote(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "add")


@hooks.register("register_admin_urls")
def faq_admin_urls():
    return [path("faq/promote/", admin_views.promote, name="knowledge_faq_promote")]


@hooks.register("register_admin_menu_item")
def faq_promote_menu_item():
    return PermissionMenuItem(
        _("Promote to FAQ"),
        reverse("knowledge_faq_promote"),
        icon_name="help",
        order=314,
        permission="edit pages",
    )


@hooks.register("register_snippet_listing_buttons")
def promote_answered_question(snippet, user, next_url=None):
    if (
        isinstance(snippet, SessionQuestion)
        and snippet.status == SessionQuestion.Status.ANSWERED
        and _may_promote(user)
    ):
        yield ListingButton(
            _("Promote to FAQ"),
            reverse("knowledge_faq_promote") + f"?question={snippet.pk}",
            icon_name="help",
            priority=30,
        )


@hooks.register("register_page_header_buttons")
def promote_recap_answer(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, SharingSessionPage) and _may_promote(user):
        yield Button(
            _("Promote to FAQ"),
            reverse("knowledge_faq_promote") + f"?session={page.pk}",
            icon_name="help",
            priority=18,
        )


@hooks.register(SESSION_PAGE_SECTIONS_HOOK)
def session_faq_cards(*, page, request, stage):
    """The FAQ cards that grew out of this session's answers, questions or chat
    (there are none before the live share, so earlier stages skip the query)."""
    if stage not in (Stage.LIVE, Stage.ENDED, Stage.ARCHIVED):
        return []
    cards = list(
        FaqCardPage.objects.live()
        .filter(sources__session_id=page.pk)
        .distinct()
        .order_by("title")
    )
    if not cards:
        return []
    return [PageSection("knowledge/faq/session_faq_cards.html", {"cards": cards})]
