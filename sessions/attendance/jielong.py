"""Read a 群接龙 (a numbered sign-up list pasted from WeChat). Pure: no database.

A typical paste::

    #接龙
    周四晚 8 点读书会 12月10日
    例：城市-名字
    1. 小林
    2、老周 +1
    3. 阿青（北京）可能晚到

Lines before the first numbered line are the header (a title, often a date).
Numbers may be half- or full-width or circled, followed by ``.``, ``、``,
``)``, ``:`` or a space. After the name: a city in brackets, ``+N`` for the
people someone brings, and free notes. The same name twice counts once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_LENGTH = 20_000  # a 500-person group's list is well under this

CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}  # ①..⑳
ENTRY = re.compile(r"^(\d{1,3})(?:\s*[.、,:)\]]\s*|\s+)(?P<rest>\S.*)?$")
BARE_NUMBER = re.compile(r"^(\d{1,3})\s*[.、,:)\]]?\s*$")
PLUS = re.compile(r"\+\s*(\d{1,2})")
BRACKETS = re.compile(r"[(\[【]([^)\]】]*)[)\]】]")
EXAMPLE = re.compile(r"^(例|示例|格式|eg\b|e\.g\.)", re.IGNORECASE)
DATE = re.compile(
    r"(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}月\d{1,2}[日号]|\d{1,2}/\d{1,2})"
)
# Where a name ends and a note begins: spacing or list punctuation.
NAME_END = re.compile(r"[\s,，;；:：/|]")


class JielongError(ValueError):
    """The paste is not a 接龙 list; str() says why, for the organiser."""


@dataclass(frozen=True)
class JielongEntry:
    number: int
    name: str
    city: str = ""
    plus_ones: int = 0
    note: str = ""


@dataclass
class JielongList:
    title: str = ""
    date: str = ""
    entries: list[JielongEntry] = field(default_factory=list)
    duplicates: list[JielongEntry] = field(default_factory=list)


def parse_jielong(text: str) -> JielongList:
    """The entries of a pasted 接龙, or JielongError with a message to show."""
    if not text or not text.strip():
        raise JielongError(_("The paste is empty. Copy the whole 接龙 from the chat."))
    if len(text) > MAX_LENGTH:
        raise JielongError(_("The paste is too long for a sign-up list."))
    result = JielongList()
    header: list[str] = []
    seen: dict[str, JielongEntry] = {}
    for raw in text.splitlines():
        line = _normalise(raw)
        if not line:
            continue
        match = ENTRY.match(line)
        if match and (match.group("rest") or "")[:1].isdigit():
            match = None  # a time or date (“12.10 周四”, “20:00 开始”), not an entry
        if not match or BARE_NUMBER.match(line):
            if not result.entries and not seen and not BARE_NUMBER.match(line):
                header.append(line)
            continue
        entry = _entry(int(match.group(1)), match.group("rest") or "")
        if entry is None:
            continue
        key = name_key(entry.name)
        if key in seen:
            result.duplicates.append(entry)
            continue
        seen[key] = entry
        result.entries.append(entry)
    if not result.entries:
        raise JielongError(
            _(
                "No numbered names found. A 接龙 has lines like “1. 小林” or "
                "“2、老周 +1”; paste it as copied from the chat."
            )
        )
    result.title = next(
        (
            line
            for line in header
            if not line.startswith("#") and not EXAMPLE.match(line)
        ),
        "",
    )
    dates = [DATE.search(line) for line in header]
    result.date = next((found.group(1) for found in dates if found), "")
    return result


def _normalise(line: str) -> str:
    for circled, digit in CIRCLED.items():
        line = line.replace(circled, digit + ".")
    # NFKC folds full-width digits, brackets and plus signs to ASCII.
    line = unicodedata.normalize("NFKC", line)
    line = line.replace("。", ".").replace("．", ".")
    return strip_symbols(line).strip()


def _entry(number: int, rest: str) -> JielongEntry | None:
    if EXAMPLE.match(rest):
        return None
    plus_ones = sum(int(n) for n in PLUS.findall(rest))
    rest = PLUS.sub(" ", rest)
    city = ""
    bracket = BRACKETS.search(rest)
    if bracket:
        city = bracket.group(1).strip()
        rest = (rest[: bracket.start()] + " " + rest[bracket.end() :]).strip()
    rest = rest.strip(" -—·")
    if not rest:
        return None
    end = NAME_END.search(rest)
    name, note = (rest[: end.start()], rest[end.end() :]) if end else (rest, "")
    note = note.strip(" ,，;；:：/|")
    if city and not _looks_like_city(city):
        note, city = (f"{city} {note}").strip(), ""
    return JielongEntry(
        number=number, name=name[:80], city=city, plus_ones=plus_ones, note=note[:120]
    )


def _looks_like_city(text: str) -> bool:
    # Cities in brackets are short and made of letters: （北京）, (Shanghai).
    return 0 < len(text) <= 8 and all(ch.isalpha() for ch in text)


def strip_symbols(text: str) -> str:
    """Drop emoji and pictographs (which members put in names), keep letters."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("So", "Cs", "Co") or ch in "\u200d\ufe0f\ufe0e":
            continue
        kept.append(ch)
    return "".join(kept)


def name_key(name: str) -> str:
    """How names compare: no emoji, no case, no spaces or punctuation."""
    folded = unicodedata.normalize("NFKC", strip_symbols(name)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())
