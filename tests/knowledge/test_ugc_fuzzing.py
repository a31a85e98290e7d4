"""Property tests: whatever HTML a member sends, the cleaner never emits an
on* attribute, a javascript: URL or a <script> element.

The output is read back with html5lib, the parser bleach uses and the one
closest to a browser's, so "emits" means what a browser would build.
"""

from __future__ import annotations

import re

import pytest
from bleach._vendor import html5lib
from hypothesis import given
from hypothesis import strategies as st

from knowledge.posts.ugc import clean_member_html, text_to_member_html

pytestmark = pytest.mark.fuzz

TAGS = [
    "script", "SCRIPT", "ScRiPt", "img", "a", "A", "svg", "math", "iframe", "p",
    "b", "style", "object", "embed", "form", "input", "button", "details",
    "body", "template", "noscript", "xmp", "textarea", "title", "base", "meta",
    "link", "video", "source", "animate", "set", "use", "pre", "code", "li",
    "blockquote", "h2", "table", "select", "option", "frameset", "image",
]  # fmt: skip
ATTRIBUTES = [
    "onerror", "ONLOAD", "onmouseover", "onfocus", "autofocus", "href", "HREF",
    "src", "xlink:href", "formaction", "action", "style", "srcdoc", "data",
    "rel", "to", "values", "attributeName", "from", "content", "http-equiv",
    "background", "poster", "dynsrc", "lowsrc", "/onerror", "on error",
]  # fmt: skip
VALUES = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:x",
    "&#0000106avascript:x", " \x01javascript:x", "javascript&colon;x",
    "http://example.com", "https://example.com/a?b=1&c=2", "vbscript:x",
    "data:text/html,<script>alert(1)</script>", "alert(1)", "x\" onerror=\"alert(1)",
    "'><script>alert(1)</script>", "//example.com", "0;url=javascript:alert(1)",
]  # fmt: skip
RAW = [
    "<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", '"', "'", "&", "&lt;",
    "\x00", "<!DOCTYPE html>", "<?xml ?>", "<scr<script>ipt>", "</script>",
    "\n\n", "社群",
]  # fmt: skip


@st.composite
def open_tag(draw) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(ATTRIBUTES))
        value = draw(st.sampled_from(VALUES) | st.text(max_size=12))
        quote = draw(st.sampled_from(['"', "'", ""]))
        attributes.append(f"{name}={quote}{value}{quote}")
    separator = draw(st.sampled_from([" ", "/", "\t", "\n"]))
    closing = draw(st.sampled_from([">", "/>", ""]))
    return (
        f"<{tag}{separator if attributes else ''}{separator.join(attributes)}{closing}"
    )


member_html = st.lists(
    open_tag()
    | st.sampled_from(TAGS).map(lambda tag: f"</{tag}>")
    | st.sampled_from(RAW)
    | st.text(max_size=20),
    max_size=25,
).map("".join)

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def executable_parts(markup: str) -> list[str]:
    """What in ``markup`` a browser would run: script elements, on* handlers,
    javascript: URLs in any attribute."""
    found = []
    tree = html5lib.parseFragment(markup, treebuilder="etree")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        if element.tag.rsplit("}", 1)[-1].lower() == "script":
            found.append(f"<script> element in {markup!r}")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                found.append(f"{name} attribute in {markup!r}")
            if (
                _INVISIBLE.sub("", value)
                .lower()
                .startswith(("javascript:", "vbscript:"))
            ):
                found.append(f"{name}={value!r} in {markup!r}")
    if "<script" in markup.lower():
        found.append(f"'<script' text in {markup!r}")
    return found


@given(member_html)
def test_cleaned_html_has_no_script_handler_or_javascript_url(html):
    assert executable_parts(clean_member_html(html)) == []


@given(member_html)
def test_typed_text_turned_to_html_has_no_script_handler_or_javascript_url(html):
    assert executable_parts(text_to_member_html(html)) == []


@given(st.text(max_size=300))
def test_arbitrary_unicode_is_cleaned_without_anything_executable(text):
    assert executable_parts(clean_member_html(text)) == []


def test_the_checker_sees_what_a_browser_would_run():
    # The property tests mean something only if the check catches each kind.
    assert len(executable_parts("<svg><script>alert(1)</script></svg>")) == 2
    assert executable_parts("<img src=x onerror=alert(1)>")
    assert executable_parts('<a href=" java\tscript:alert(1)">x</a>')
    assert executable_parts('<a href="https://example.com">x</a>') == []
