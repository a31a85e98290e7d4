"""The digest's sections: each a heading and a list of links editors may adjust."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SectionKind:
    """What a section gathers. Sections of a gathered kind are rebuilt by
    ``digest_build``; the editor's own sections (``CUSTOM``) never are."""

    RECAPS = "recaps"
    ANSWERS = "answers"
    FAQ = "faq"
    TOP_QUESTIONS = "top_questions"
    POSTS = "posts"
    UPCOMING = "upcoming"
    CUSTOM = "custom"

    CHOICES = [
        (RECAPS, _("New recaps")),
        (ANSWERS, _("Answered questions")),
        (FAQ, _("New FAQ cards")),
        (TOP_QUESTIONS, _("Most-voted questions")),
        (POSTS, _("New member posts")),
        (UPCOMING, _("Next week's sessions")),
        (CUSTOM, _("Editor's section")),
    ]
    GATHERED = [RECAPS, ANSWERS, FAQ, TOP_QUESTIONS, POSTS, UPCOMING]


class DigestItemValue(blocks.StructValue):
    def url(self) -> str:
        """Where the item opens: the page, at the fragment if there is one."""
        page = self.get("page")
        if page is None:
            return ""
        fragment = self.get("fragment")
        base = page.url or ""
        return f"{base}#{fragment}" if fragment and base else base

    def is_shown(self) -> bool:
        """Items whose page was unpublished since the digest was built are hidden."""
        page = self.get("page")
        return page is not None and page.live


class DigestItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("linked page"), help_text=_("The recap, session, post or FAQ card.")
    )
    fragment = blocks.CharBlock(
        label=_("place on the page"),
        required=False,
        max_length=60,
        help_text=_("Optional anchor, e.g. question-12 for one question."),
    )
    title = blocks.CharBlock(label=_("link text"), max_length=200)
    note = blocks.CharBlock(
        label=_("note"),
        required=False,
        max_length=200,
        help_text=_("A few words after the link: the series, a date, who wrote it."),
    )

    class Meta:
        icon = "link"
        value_class = DigestItemValue
        label = _("Item")


class DigestSectionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=SectionKind.CHOICES,
        default=SectionKind.CUSTOM,
        help_text=_(
            "Rebuilding the digest replaces the gathered sections; "
            "an editor's section is kept as it is."
        ),
    )
    heading = blocks.CharBlock(label=_("heading"), max_length=80)
    items = blocks.ListBlock(DigestItemBlock(), label=_("items"))

    class Meta:
        icon = "list-ul"
        template = "knowledge/digest/blocks/section.html"
        label = _("Section")


class DigestBodyBlock(blocks.StreamBlock):
    section = DigestSectionBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link"], icon="pilcrow"
    )
