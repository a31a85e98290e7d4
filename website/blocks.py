from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from sessions.blocks import PARAGRAPH_FEATURES, HeadingBlock, ImageBlock, QuoteBlock


class StandardBlock(blocks.StreamBlock):
    """Body of a standard page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, icon="pilcrow"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media")
