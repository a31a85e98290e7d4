"""Folding takes shortcuts for speed; it must still equal the plain definition."""

import unicodedata

import pytest

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
