"""Member rich text: nothing executable survives, ordinary formatting does."""

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from knowledge.posts.ugc import (
    ALLOWED_TAGS,
    LINK_REL,
    clean_member_html,
    member_html_to_text,
    text_to_member_html,
)

VECTORS = [
    line
    for line in (Path(__file__).parent / "xss_vectors.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(markup):
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser.found


def test_the_corpus_is_large_enough():
    assert len(VECTORS) >= 50


@pytest.mark.parametrize("vector", VECTORS)
def test_nothing_executable_survives(vector):
    cleaned = clean_member_html(vector.replace("\\0", "\0"))
    for tag, attrs in elements(cleaned):
        assert tag in ALLOWED_TAGS, cleaned
        assert set(attrs) <= {"href", "rel"}, cleaned
        if tag == "a" and "href" in attrs:
            assert attrs["href"].startswith(("http://", "https://")), cleaned
            assert attrs["rel"] == LINK_REL, cleaned
        else:
            assert "href" not in attrs, cleaned
    text = unescape(cleaned).lower()
    assert "<script" not in cleaned.lower()
    assert "javascript:" not in text.replace(" ", "")
    assert "onerror=" not in cleaned.lower()


def test_script_content_is_dropped_not_shown():
    cleaned = clean_member_html("<script>alert(1)</script>hello")
    assert "hello" in cleaned
    assert "alert" not in cleaned


def test_ordinary_formatting_survives():
    markup = (
        "<h2>小结</h2><p>第一行<br>第二行，<b>粗体</b>、<strong>加粗</strong>、"
        "<i>斜体</i>、<em>强调</em>、<code>print()</code></p>"
        "<ul><li>一</li><li>二</li></ul><ol><li>甲</li></ol>"
        "<blockquote><p>引用的话</p></blockquote><pre>缩进\n  保留</pre>"
        "<h3>三级</h3><h4>四级</h4>"
    )
    assert clean_member_html(markup) == markup


def test_links_keep_their_address_and_get_rel():
    cleaned = clean_member_html('<a href="https://example.com/a?b=1&amp;c=2">指南</a>')
    assert cleaned == (
        '<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc noopener">指南</a>'
    )


def test_plain_text_becomes_paragraphs_and_stays_visible():
    assert text_to_member_html("第一段\n第二行\n\n第二段") == (
        "<p>第一段<br>第二行</p><p>第二段</p>"
    )
    assert text_to_member_html("1 < 2 and a<b") == "<p>1 &lt; 2 and a&lt;b</p>"
    assert text_to_member_html("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_uppercase_scheme_is_kept_and_lower_cased():
    assert clean_member_html('<a href="HTTPS://Example.com/A">x</a>') == (
        '<a href="https://Example.com/A" rel="nofollow ugc noopener">x</a>'
    )


def test_a_link_that_lost_its_address_keeps_its_text():
    assert clean_member_html('<a href="javascript:alert(1)" rel="x">文字</a>') == (
        "<a>文字</a>"
    )


def test_plain_text_for_search():
    assert member_html_to_text("<p>社群&amp;社区</p><p>运营</p>") == "社群&社区 运营"
    assert member_html_to_text("第一行<br>第二行<!-- 注释 -->") == "第一行 第二行"
    assert member_html_to_text("<script>alert(1)</script>正文") == "正文"
