"""The FAQ index and its cards, each with the sources it was distilled from."""

from __future__ import annotations

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sessions.transcripts import timecodes

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul", "blockquote", "code"]


class FaqIndexPage(RoutablePageMixin, Page):
    """Every published card, grouped by tag: ``/faq/`` and ``/faq/tag/<slug>/``."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the cards: what the FAQ is for."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["knowledge.FaqCardPage"]
    max_count = 1
    template = "knowledge/faq/faq_index_page.html"

    class Meta:
        verbose_name = _("FAQ index")

    def cards(self):
        return (
            FaqCardPage.objects.live()
            .child_of(self)
            .prefetch_related("tags")
            .order_by("title")
        )

    def tags(self):
        """Tags used by published cards, with how many cards each has."""
        return (
            Tag.objects.filter(
                knowledge_faqcardpagetag_items__content_object__in=self.cards()
            )
            .annotate(count=models.Count("knowledge_faqcardpagetag_items"))
            .order_by("name")
        )

    @path("")
    def all_cards(self, request):
        return self.render(
            request, context_overrides={"cards": self.cards(), "tags": self.tags()}
        )

    @path("tag/<str:tag>/")
    def cards_by_tag(self, request, tag):
        chosen = get_object_or_404(Tag, slug=tag)
        return self.render(
            request,
            context_overrides={
                "cards": self.cards().filter(tags=chosen),
                "tags": self.tags(),
                "chosen_tag": chosen,
            },
        )


class FaqCardPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.FaqCardPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class FaqCardPage(Page):
    """One frequently asked question: the title is the question as members ask it."""

    answer = RichTextField(
        _("canonical answer"),
        features=ANSWER_FEATURES,
        help_text=_("The answer the community stands by, short and complete."),
    )
    tags = ClusterTaggableManager(through=FaqCardPageTag, blank=True)
    other_phrasings = models.TextField(
        _("other ways to ask"),
        blank=True,
        help_text=_(
            "One per line. Searching for the question or any of these shows "
            "this card first."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("answer"),
        FieldPanel("tags"),
        FieldPanel("other_phrasings"),
        MultiFieldPanel(
            [InlinePanel("sources", label=_("Source"))], heading=_("Sources")
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("answer")]
    parent_page_types = ["knowledge.FaqIndexPage"]
    subpage_types: list[str] = []
    template = "knowledge/faq/faq_card_page.html"

    class Meta:
        verbose_name = _("FAQ card")
        verbose_name_plural = _("FAQ cards")

    def phrasings(self) -> list[str]:
        """The question and each other way to ask it (what search promotes)."""
        others = [line.strip() for line in self.other_phrasings.splitlines()]
        return list(dict.fromkeys([self.title, *filter(None, others)]))


class FaqSource(Orderable):
    """Where a card's answer was given: a question, a recap section, chat, a moment."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Answered question")
        RECAP = "recap", _("Recap section")
        CHAT = "chat", _("Chat message")
        TRANSCRIPT = "transcript", _("Moment in the recording")

    card = ParentalKey(FaqCardPage, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        verbose_name=_("sharing session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For questions, recap sections and moments in the recording."),
    )
    question = models.ForeignKey(
        "community_sessions.SessionQuestion",
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="faq_sources",
    )
    chat_message = models.ForeignKey(
        "knowledge.ChatMessage",
        verbose_name=_("chat message"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="faq_sources",
    )
    anchor = models.CharField(
        _("anchor or time"),
        max_length=60,
        blank=True,
        help_text=_(
            "Recap section: its anchor, e.g. section-3. "
            "Moment in the recording: its time, e.g. 12:30."
        ),
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("How the link reads; defaults to what it points at."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("session"),
        FieldPanel("question"),
        FieldPanel("chat_message"),
        FieldPanel("anchor"),
        FieldPanel("label"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("FAQ source")
        verbose_name_plural = _("FAQ sources")

    def get_url(self, request=None) -> str:
        """Where the source opens: the question or section in its recap, the chat
        message's permalink, or the session at that moment."""
        if self.kind == self.Kind.CHAT:
            return self.chat_message.get_absolute_url() if self.chat_message else ""
        if self.kind == self.Kind.QUESTION and self.question_id:
            session = self.question.session
            return f"{session.get_url(request) or ''}#{self.question.anchor}"
        if self.session_id is None:
            return ""
        url = self.session.get_url(request) or ""
        if self.kind == self.Kind.TRANSCRIPT:
            seconds = timecodes.parse_clock(self.anchor)
            return (
                f"{url}#{timecodes.fragment(seconds)}" if seconds is not None else url
            )
        return f"{url}#{self.anchor}" if self.anchor else url
