"""StreamField blocks for a session's warm-up material and its recap."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .transcripts.timecodes import parse_clock


class HeadingBlock(blocks.StructBlock):
    """A section heading; its anchor lets search results link to the section."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=60,
        help_text=_(
            "Optional id for links to this section, e.g. 'tools'. "
            "Defaults to the heading's position."
        ),
    )

    class Meta:
        icon = "title"
        template = "community_sessions/blocks/heading.html"
        label = _("Heading")


class RecapHeadingBlock(HeadingBlock):
    """A recap section heading that may also start a chapter of the recording."""

    time = blocks.CharBlock(
        label=_("Time in the recording"),
        required=False,
        max_length=12,
        help_text=_(
            "Optional, mm:ss or h:mm:ss: makes this heading a chapter that "
            "opens the transcript and the recording at that time."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        time = (value.get("time") or "").strip()
        if time and parse_clock(time) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "time": ValidationError(
                        _("Write the time as mm:ss or h:mm:ss, e.g. 12:30 or 1:02:03.")
                    )
                }
            )
        return value


class TakeawaysBlock(blocks.StructBlock):
    """The handful of points a reader should leave with."""

    title = blocks.CharBlock(label=_("Title"), required=False, default="")
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Points"))

    class Meta:
        icon = "tick-inverse"
        template = "community_sessions/blocks/takeaways.html"
        label = _("Key takeaways")


class QuoteBlock(blocks.StructBlock):
    """Something said during the share, attributed."""

    text = blocks.TextBlock(label=_("Quote"))
    speaker = blocks.CharBlock(label=_("Said by"), required=False, max_length=80)

    class Meta:
        icon = "openquote"
        template = "community_sessions/blocks/quote.html"
        label = _("Quote")


class QuestionAnswerBlock(blocks.StructBlock):
    """A question from the audience and the answer given."""

    question = blocks.TextBlock(label=_("Question"))
    asked_by = blocks.CharBlock(label=_("Asked by"), required=False, max_length=80)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        template = "community_sessions/blocks/question_answer.html"
        label = _("Q&A")


class ChatLineBlock(blocks.StructBlock):
    sender = blocks.CharBlock(label=_("Sender"), max_length=80)
    time = blocks.CharBlock(label=_("Time"), required=False, max_length=20)
    text = blocks.TextBlock(label=_("Message"))


class ChatExcerptBlock(blocks.StructBlock):
    """A few lines from the group chat, as they were said."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=120)
    lines = blocks.ListBlock(ChatLineBlock(), label=_("Lines"))

    class Meta:
        icon = "comment"
        template = "community_sessions/blocks/chat_excerpt.html"
        label = _("Chat excerpt")


class ResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Link"))
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)


class ResourcesBlock(blocks.StructBlock):
    """Links mentioned in the share: articles, tools, books."""

    title = blocks.CharBlock(label=_("Title"), required=False, default="")
    items = blocks.ListBlock(ResourceBlock(), label=_("Resources"))

    class Meta:
        icon = "link"
        template = "community_sessions/blocks/resources.html"
        label = _("Resources")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "community_sessions/blocks/image.html"
        label = _("Image")


PARAGRAPH_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "blockquote",
    "code",
]


class WarmUpBlock(blocks.StreamBlock):
    """Reading material and an ice-breaker before the share."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, icon="pilcrow"
    )
    resources = ResourcesBlock()
    image = ImageBlock()
    document = DocumentChooserBlock(
        label=_("Document"),
        icon="doc-full",
        template="community_sessions/blocks/document.html",
    )
    embed = EmbedBlock(label=_("Embed"), icon="media")


class RecapBlock(blocks.StreamBlock):
    """The archived notes of a session."""

    heading = RecapHeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, icon="pilcrow"
    )
    takeaways = TakeawaysBlock()
    quote = QuoteBlock()
    question_answer = QuestionAnswerBlock()
    chat_excerpt = ChatExcerptBlock()
    resources = ResourcesBlock()
    image = ImageBlock()
    document = DocumentChooserBlock(
        label=_("Document"),
        icon="doc-full",
        template="community_sessions/blocks/document.html",
    )
    embed = EmbedBlock(label=_("Embed"), icon="media")
