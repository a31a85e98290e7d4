"""Cleaning what members write (posts' rich text) against an allowlist.

Decision: members get the formatting a note needs and nothing that can run
or restyle the page — paragraphs, line breaks, bold, italic, lists, quotes,
code, h2–h4 and links. Links keep only ``href``, only with http or https, and
always carry ``rel="nofollow ugc noopener"``: we vouch for none of them.

bleach keeps the text of elements it strips; for elements whose content is
code or hidden markup (script, style, svg, …) that text would be noise at
best, so those elements are dropped with everything inside them first. Both
steps parse with the same HTML5 parser bleach uses, so they see the same
tree a browser would.
"""

from __future__ import annotations

import html
import re

import bleach
from bleach._vendor import html5lib  # the parser bleach itself uses
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "b",
        "strong",
        "i",
        "em",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "h2",
        "h3",
        "h4",
        "a",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https"})
LINK_REL = "nofollow ugc noopener"

# Elements removed together with their content.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "template",
        "noscript",
        "noembed",
        "noframes",
        "textarea",
        "title",
        "xmp",
        "select",
        "frameset",
    }
)
# A whole top-level block element as typed (split keeps it as one piece).
BLOCK_ELEMENT = re.compile(
    r"<(ul|ol|blockquote|pre|h[2-4]|p)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
ANY_ALLOWED_TAG = re.compile(
    r"</?\s*(" + "|".join(sorted(ALLOWED_TAGS)) + r")\b[^<>]*>", re.IGNORECASE
)


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _parse_without_dangerous_elements(text: str):
    fragment = html5lib.parseFragment(
        text, treebuilder="etree", namespaceHTMLElements=False
    )

    def prune(parent):
        for child in list(parent):
            if _local_name(child.tag) in DROPPED_WITH_CONTENT:
                # Keep the text that followed the element.
                tail = child.tail or ""
                index = list(parent).index(child)
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
                parent.remove(child)
            else:
                prune(child)

    prune(fragment)
    return fragment


def _drop_dangerous_elements(text: str) -> str:
    return html5lib.serialize(
        _parse_without_dangerous_elements(text),
        tree="etree",
        omit_optional_tags=False,
        quote_attr_values="always",
    )


def _set_rel(attrs, new=False):
    href_key = (None, "href")
    href = attrs.get(href_key, "")
    scheme, separator, rest = href.partition("://")
    if not separator or scheme.lower() not in ALLOWED_PROTOCOLS or not rest:
        attrs.pop(href_key, None)
        attrs.pop((None, "rel"), None)
        return attrs
    # "HTTPS://…" works in browsers; lower-case it so every stored link is uniform.
    attrs[href_key] = scheme.lower() + separator + rest
    attrs[(None, "rel")] = LINK_REL
    return attrs


def _no_new_links(attrs, new=False):
    # Only rewrite links the member wrote; never turn plain text into links.
    return None if new else attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        lambda source: LinkifyFilter(
            source=source,
            callbacks=[_no_new_links, _set_rel],
            skip_tags={"pre", "code"},
        )
    ],
)


def clean_member_html(value: str) -> str:
    """Member HTML reduced to the allowlist; safe to output unescaped."""
    if not value:
        return ""
    return _cleaner.clean(_drop_dangerous_elements(value)).strip()


def text_to_member_html(value: str) -> str:
    """What a member typed, as clean HTML.

    Typed without any allowed tag, it is plain text: escaped (a typed "<" stays
    visible), with empty lines starting paragraphs and single line breaks
    kept. With inline tags only, empty lines still make paragraphs. With block
    tags it is taken as HTML. Either way the result is cleaned.
    """
    value = (value or "").replace("\r\n", "\n").strip()
    if value and not ANY_ALLOWED_TAG.search(value):
        paragraphs = [
            part.strip() for part in re.split(r"\n\s*\n", value) if part.strip()
        ]
        value = "".join(
            "<p>" + html.escape(part).replace("\n", "<br>") + "</p>"
            for part in paragraphs
        )
    elif value:
        # Markup (e.g. "<b>置顶</b> 群规", a toolbar list): typed text between
        # block elements keeps its paragraphs and line breaks.
        pieces, done = [], 0
        for block in BLOCK_ELEMENT.finditer(value):
            pieces += [_typed_paragraphs(value[done : block.start()]), block.group()]
            done = block.end()
        value = "".join(pieces) + _typed_paragraphs(value[done:])
    return clean_member_html(value)


def _typed_paragraphs(text: str) -> str:
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join("<p>" + part.replace("\n", "<br>") + "</p>" for part in paragraphs)


# Elements whose edges separate words ("<p>a</p><p>b</p>" reads "a b", not "ab").
WORD_BREAKING_TAGS = frozenset(
    {"p", "br", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3"}
    | {"h4", "h5", "h6", "tr", "td", "th", "table", "section", "article"}
)


def member_html_to_text(value: str) -> str:
    """Plain text of member HTML, for search and summaries.

    Tags go, entities are decoded, the content of script/style/… is dropped
    (it is not text a reader saw), and whitespace collapses to single spaces.
    """
    if not value:
        return ""
    pieces = []

    def collect(element):
        if not isinstance(element.tag, str):
            return  # a comment; its tail is collected by the parent
        breaks = _local_name(element.tag) in WORD_BREAKING_TAGS
        if breaks:
            pieces.append(" ")
        pieces.append(element.text or "")
        for child in element:
            collect(child)
            pieces.append(child.tail or "")
        if breaks:
            pieces.append(" ")

    collect(_parse_without_dangerous_elements(value))
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
