"""Chinese-aware text handling shared by the engines: folding and segmentation.

The same steps as the Elasticsearch analyzer (DESIGN.md §3), so that both
engines index and query the same terms (tests/search/tokenizer_cases.py holds
the contract, checked against the cluster's own analyzer):

- fold: traditional → simplified (OpenCC's table), NFKC (full-width forms,
  ``cjk_width``), lower case;
- cut words the way the ``standard`` tokenizer does (Unicode word breaks,
  UAX #29, the rules that matter for our text): runs of CJK characters stand
  apart from digits and Latin letters (``提前2小时预热`` → 提前 | 2 | 小时预热),
  letters and digits join (``iphone15``, ``2h``), ``.`` joins letters or
  digits on both sides (``example.com``, ``3.5``), ``:`` only letters
  (``10:00`` → 10 | 00), ``,`` ``;`` only digits (``1,000``), ``_`` joins
  anything; an emoji (with its modifiers and ZWJ sequence) is a term of its
  own, spelled as a word (``emoji_1f525``) because not every cluster indexes
  emoji (osmem-server drops them): ``searchable`` writes the same word into
  the text the cluster analyses; other punctuation and symbols separate words
  and vanish;
- ``cjk_bigram``: a CJK run becomes overlapping bigrams; a lone CJK
  character stays a unigram.

``chars`` gives every distinct CJK character on its own: what a
one-character query (表, 王) is matched against.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

T2S_FILE = Path(__file__).resolve().parent / "data" / "t2s.txt"

# Characters the cluster bigrams: ideographs, kana, bopomofo, hangul (a regex
# character class body).
CJK_CHARACTERS = (
    "\u3005-\u3007\u3040-\u30ff\u3100-\u312f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
)
# Extended_Pictographic, as far as people type it: emoji and the few symbols
# the cluster's tokenizer keeps as terms (© ® ™ ★ ☀ …).
_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b"
    "\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0"
    "\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55"
    "\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
# What may follow an emoji inside one term: variation selector, skin tones,
# zero-width joiner with the next emoji, keycap, tags.
_EMOJI_TAIL = "\ufe0f\U0001f3fb-\U0001f3ff\u20e3\U000e0020-\U000e007f"
_WORD_CHAR = rf"[^\W{CJK_CHARACTERS}]"  # a letter, digit or "_" that is not CJK
_WORD = re.compile(
    # letters/digits/_; "." and "'" join letters or digits on both sides, ":"
    # joins letters only, "," and ";" digits only (UAX #29 MidNumLet,
    # MidLetter, MidNum).
    rf"{_WORD_CHAR}+(?:(?:(?<=[^\W\d_])[.:'’·](?=[^\W\d_{CJK_CHARACTERS}])|(?<=\d)[.,;'’](?=\d)){_WORD_CHAR}+)*"
)
_TERM = re.compile(
    rf"(?P<cjk>[{CJK_CHARACTERS}]+)"
    rf"|(?P<emoji>[0-9#*]\ufe0f?\u20e3|[{_EMOJI}][{_EMOJI_TAIL}]*(?:\u200d[{_EMOJI}][{_EMOJI_TAIL}]*)*)"
    rf"|(?P<word>{_WORD.pattern})"
)
_IS_CJK = re.compile(rf"[{CJK_CHARACTERS}]")
_HAS_EMOJI = re.compile(rf"[{_EMOJI}\u20e3]")


@cache
def t2s_table() -> dict[int, str]:
    table = {}
    for line in T2S_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = simplified
    return table


@cache
def _traditional() -> frozenset[str]:
    return frozenset(map(chr, t2s_table()))


# Full-width ASCII forms and the ideographic space are what NFKC changes in
# ordinary Chinese text (，：（）！); replaced directly, they leave most text
# already normalised, and the costly full NFKC pass is skipped.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(match: re.Match) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def fold(text: str) -> str:
    """Simplified, half-width, lower-case: what both engines compare.

    The same as ``NFKC(text)``, then traditional → simplified, then
    lower-case; each step runs only when the text needs it (this runs for
    every indexed document and every highlighted result)."""
    text = _FULL_WIDTH.sub(_half_width, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if not _traditional().isdisjoint(text):
        text = text.translate(t2s_table())
    return text.lower()


def _emoji_word(emoji: str) -> str:
    return "emoji_" + "_".join(f"{ord(char):x}" for char in emoji)


def searchable(text: str) -> str:
    """Folded text with each emoji spelled as its term: what the cluster analyses."""
    text = fold(text)
    return _TERM.sub(_spelled, text) if _HAS_EMOJI.search(text) else text


def _spelled(match: re.Match) -> str:
    emoji = match.group("emoji")
    return f" {_emoji_word(emoji)} " if emoji else match.group()


def tokens(text: str) -> list[str]:
    """Index/query terms: CJK bigrams (a lone character as itself), other words
    and emoji whole."""
    return _folded_tokens(fold(text))


def segment(text: str) -> str:
    """``tokens`` as one space-separated string (what Wagtail's admin search stores)."""
    return " ".join(tokens(text))


def _folded_tokens(folded: str) -> list[str]:
    terms = []
    for match in _TERM.finditer(folded):
        run = match.group("cjk")
        if emoji := match.group("emoji"):
            terms.append(_emoji_word(emoji))
        elif run is None:
            term = match.group()
            if term.strip("_"):  # "_" alone is no word
                terms.append(term)
        elif len(run) == 1:
            terms.append(run)
        else:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


def index_columns(text: str) -> tuple[str, str]:
    """``text``'s terms and its distinct CJK characters, each space-separated:
    the full-text columns; the characters are what a one-character query (表)
    is matched against."""
    folded = fold(text)
    characters = " ".join(dict.fromkeys(_IS_CJK.findall(folded)))
    return " ".join(_folded_tokens(folded)), characters


def is_single_character(word: str) -> bool:
    """A query word that is one CJK character (表, 王): bigrams cannot find it."""
    terms = tokens(word)
    return len(terms) == 1 and len(terms[0]) == 1 and bool(_IS_CJK.match(terms[0]))
