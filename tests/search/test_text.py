"""Folding and highlighting take shortcuts for speed; they must still find
what the plain definition (NFKC, simplified, lower case) finds."""

import unicodedata

import pytest

from search.engines.highlight import highlight
from search.text import fold, t2s_table


def folded_the_long_way(text):
    return unicodedata.normalize("NFKC", text).translate(t2s_table()).lower()


@pytest.mark.parametrize(
    "text",
    [
        "三天漲了八百人，一週後只剩百分之五在發言。",
        "Ｗａｇｔａｉｌ　教程（入門）！",
        "运营……复盘",
        "ﬁle ① ｶﾞ 豈",  # ligature, circled digit, half-width kana, compatibility ideograph
        "plain ascii, Mixed Case",
        "",
    ],
)
def test_fold_equals_nfkc_then_simplified_then_lower_case(text):
    assert fold(text) == folded_the_long_way(text)


@pytest.mark.parametrize(
    ("text", "needle", "marked"),
    [
        ("三天漲了八百人", "涨了", "<mark>漲了</mark>"),
        ("用 Ｗａｇｔａｉｌ 搭建", "wagtail", "<mark>Ｗａｇｔａｉｌ</mark>"),
        ("Wagtail 教程", "WAGTAIL", "<mark>Wagtail</mark>"),
        ("第①期", "1", "<mark>①</mark>"),  # only NFKC folds it: the slow path
        ("<b>裂变</b>", "裂變", "&lt;b&gt;<mark>裂变</mark>&lt;/b&gt;"),
    ],
)
def test_highlights_mark_every_spelling_in_the_original_text(text, needle, marked):
    assert marked in highlight(text, [needle])
