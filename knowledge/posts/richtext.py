"""Member HTML in Wagtail's rich text format, and back to what the member typed.

Decision: a post body is stored exactly as Wagtail's own editor would store
it, so that moderators can open any member post in the page editor. The
cleaned HTML is passed through Draftail's contentstate converter and back;
what the converter cannot hold is reshaped first, so nothing the member
wrote is lost on the way:

- ``<br>`` is written ``<br/>`` (the converter's parser needs void elements
  closed, else "Unmatched tags: expected br, got p");
- paragraphs inside a quote become lines of the quote (a Draftail quote is
  one block);
- a ``<pre>`` block becomes a paragraph of inline code, one line per line.

Links lose their ``rel`` here; it is added again whenever a body is shown
(``clean_member_html``), so stored and edited bodies render the same.
"""

from __future__ import annotations

import re

from bleach._vendor import html5lib  # the parser ugc.py cleans with
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from .models import POST_BODY_FEATURES
from .ugc import (
    ANY_ALLOWED_TAG,
    BLOCK_ELEMENT,
    clean_member_html,
    text_to_member_html,
)

_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_REL = re.compile(r'\s+rel="[^"]*"')
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TOP_LEVEL_BLOCK = re.compile(r"<(ul|ol|blockquote|h2|h3|h4|pre)\b", re.IGNORECASE)


def _serialize(node) -> str:
    return html5lib.serialize(
        node,
        tree="etree",
        omit_optional_tags=False,
        quote_attr_values="always",
        use_trailing_solidus=True,
        space_before_trailing_solidus=False,
    )


def _inner_html(element) -> str:
    text = _serialize_element(element)
    return text[text.index(">") + 1 : text.rindex(f"</{element.tag}>")]


def _reshape_for_draftail(clean_html: str) -> str:
    """Quotes made of one block and ``<pre>`` as code lines, ``<br/>`` closed."""
    fragment = html5lib.parseFragment(
        clean_html, treebuilder="etree", namespaceHTMLElements=False
    )
    pieces = []
    if fragment.text and fragment.text.strip():
        pieces.append(f"<p>{_escape(fragment.text)}</p>")
    for child in fragment:
        if child.tag == "blockquote" and len(child) and child[0].tag == "p":
            lines = [_inner_html(p) for p in child if p.tag == "p"]
            pieces.append("<blockquote>" + "<br/>".join(lines) + "</blockquote>")
        elif child.tag == "pre":
            code = _escape("".join(child.itertext())).strip("\n")
            pieces.append(
                "<p><code>" + code.replace("\n", "</code><br/><code>") + "</code></p>"
            )
        else:
            pieces.append(_serialize_element(child))
        if child.tail and child.tail.strip():
            pieces.append(f"<p>{_escape(child.tail)}</p>")
    return "".join(pieces)


def _serialize_element(element) -> str:
    tail, element.tail = element.tail, None
    try:
        return _serialize(element)
    finally:
        element.tail = tail


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def member_html_to_richtext(clean_html: str) -> str:
    """Cleaned member HTML in the format Wagtail's rich text editor opens."""
    if not clean_html:
        return ""
    converter = ContentstateConverter(POST_BODY_FEATURES)
    contentstate = converter.from_database_format(_reshape_for_draftail(clean_html))
    return _BLOCK_KEY.sub("", converter.to_database_format(contentstate))


def richtext_to_member_text(richtext: str) -> str:
    """A stored body as the member would type it into the post form.

    Paragraphs are text: an empty line between paragraphs and a line break
    for ``<br/>``, inline tags as typed. Lists, quotes and headings stay as
    the HTML the toolbar writes, each on its own paragraph.
    """
    html = _REL.sub("", _BLOCK_KEY.sub("", clean_member_html(richtext)))
    if _TOP_LEVEL_BLOCK.search(html):
        blocks = [
            _BR.sub("\n", block.group()[3:-4])
            if block.group(1).lower() == "p"
            else block.group()
            for block in BLOCK_ELEMENT.finditer(html)
        ]
        return "\n\n".join(blocks).strip()
    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.DOTALL) or [html]
    text = "\n\n".join(_BR.sub("\n", paragraph) for paragraph in paragraphs)
    if ANY_ALLOWED_TAG.search(text):
        return text.strip()  # read back as HTML: entities stay as they are
    # Plain text is escaped again when saved: show it as typed.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def member_text_to_richtext(value: str) -> str:
    """What a member typed in the post form, cleaned, as a stored body."""
    return member_html_to_richtext(text_to_member_html(value))
