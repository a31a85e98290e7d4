"""The digest index and one digest page per ISO week."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import DigestBodyBlock
from .panels import PasteTextPanel

DIGESTS_PER_PAGE = 12


class DigestIndexPage(RoutablePageMixin, Page):
    """Every published weekly digest, newest first, with RSS and Atom feeds."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list: what the weekly digest is."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["knowledge.DigestPage"]
    max_count = 1
    template = "knowledge/digest/digest_index_page.html"

    class Meta:
        verbose_name = _("weekly digest index")

    def digests(self):
        return DigestPage.objects.live().child_of(self).order_by("-week")

    @path("")
    def digest_list(self, request):
        paginator = Paginator(self.digests(), DIGESTS_PER_PAGE)
        return self.render(
            request,
            context_overrides={"digests": paginator.get_page(request.GET.get("page"))},
        )

    @path("feed/rss/", name="rss")
    def rss(self, request):
        from .feeds import DigestRssFeed

        return DigestRssFeed()(request, index=self)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        from .feeds import DigestAtomFeed

        return DigestAtomFeed()(request, index=self)


class DigestPage(Page):
    """What one week deposited: drafted by ``digest_build``, adjusted and
    published by editors."""

    week = models.CharField(
        _("week"),
        max_length=8,
        unique=True,
        help_text=_("The ISO week this digest covers, e.g. 2026-W49."),
    )
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words from the editors, shown above the sections."),
    )
    body = StreamField(
        DigestBodyBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_(
            "Gathered by the weekly build; remove, reorder or add items freely."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("week", read_only=True),
        FieldPanel("intro"),
        FieldPanel("body"),
        PasteTextPanel(heading=_("Paste-ready text")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("week"),
    ]
    parent_page_types = ["knowledge.DigestIndexPage"]
    subpage_types: list[str] = []
    template = "knowledge/digest/digest_page.html"

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.permissions_for_user(request.user).can_edit():
            from .text import digest_text

            context["paste_text"] = digest_text(
                page=self, link=request.build_absolute_uri(self.url or "/")
            )
        return context

    def sections(self):
        """The sections with at least one item still published, and paragraphs."""
        return [
            block
            for block in self.body
            if block.block_type != "section"
            or any(item.is_shown() for item in block.value["items"])
        ]
