"""QQ's built-in text export (PC QQ 消息管理器 → 导出消息记录, .txt).

Layout: the title line, then per conversation a block of 64 ``=`` lines
around ``消息分组:`` / ``消息对象:``, then messages: a header line
``YYYY-MM-DD H:MM:SS 昵称(QQ号)`` (or ``昵称<email>``, or a bare name in
private chats), body lines, a blank line. Bodies may contain blank lines, so
only a header line after a blank line starts the next message.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.utils.translation import gettext_lazy

from ..models import MessageKind, Platform
from . import register
from .base import ChatImporter, ParsedMessage, classify, classify_system

TITLE = "消息记录（此消息记录为文本格式，不支持重新导入）"
SEPARATOR = re.compile(r"^={60,}\s*$")
META = re.compile(r"^(消息分组|消息对象)\s*[:：]\s*(.*)$")
HEADER = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})\s+"
    r"(?:(?P<ap1>上午|下午|AM|PM)\s*)?"
    r"(?P<time>\d{1,2}:\d{2}:\d{2})"
    r"(?:\s*(?P<ap2>AM|PM|上午|下午))?"
    r"\s+(?P<rest>\S.*?)\s*$"
)
ID_PAREN = re.compile(r"^(?P<name>.*)\((?P<id>\d{4,12})\)$")
ID_MAIL = re.compile(r"^(?P<name>.*)<(?P<id>[^<>\s]+@[^<>\s]+)>$")
TITLE_PREFIX = re.compile(r"^(?:【[^】]*】\s*)+")
SYSTEM_IDS = {"10000", "1000000"}


@register
class QQTextImporter(ChatImporter):
    """QQ 消息记录 .txt."""

    name = "qq"
    platform = Platform.QQ
    label = gettext_lazy("QQ text export")

    def sniff(self, head: str) -> bool:
        head = head.lstrip("\ufeff")
        return (
            head.startswith(TITLE)
            or bool(re.search(r"^消息(?:分组|对象)\s*[:：]", head, re.M))
            or bool(re.search(r"^={64}\s*$", head, re.M))
        )

    def parse(self, stream, *, zone, use_remarks=False):
        self._minutes = {}
        conversation = ""
        header = None  # (match, line number) of the message being read
        body: list[str] = []
        previous_blank = True
        for line in stream.lines():
            # Cheap first-character tests before any regex: this loop runs per line
            # of million-message files.
            first = line[:1]
            if first == "=" and SEPARATOR.match(line):
                if header:
                    yield self._message(stream, header, body, conversation, zone)
                    header, body = None, []
                previous_blank = True
                continue
            if first in ("消", "\ufeff"):
                if stream.lineno == 1 and line.lstrip("\ufeff").strip() == TITLE:
                    continue
                meta = META.match(line.lstrip("\ufeff"))
                if meta and (header is None or previous_blank):
                    if header:
                        yield self._message(stream, header, body, conversation, zone)
                        header, body = None, []
                    if meta.group(1) == "消息对象":
                        conversation = meta.group(2).strip()
                    previous_blank = True
                    continue
            match = HEADER.match(line) if previous_blank and first.isdigit() else None
            if match:
                if header:
                    yield self._message(stream, header, body, conversation, zone)
                header, body = (match, stream.lineno), []
            elif header is None:
                if line.strip():
                    raise stream.error(
                        "expected a message header such as "
                        "'2023-03-05 9:02:41 昵称(12345678)', found "
                        f"{line.strip()[:60]!r}"
                    )
            else:
                body.append(line)
            previous_blank = not line or line.isspace()
        if header:
            yield self._message(stream, header, body, conversation, zone)

    def _message(self, stream, header, body, conversation, zone) -> ParsedMessage:
        match, number = header
        sent_at = self._time(stream, match, number, zone)
        rest = match.group("rest")
        name, platform_id = rest, ""
        last = rest[-1]
        found = (
            ID_PAREN.match(rest)
            if last == ")"
            else ID_MAIL.match(rest)
            if last == ">"
            else None
        )
        if found:
            name, platform_id = found.group("name").strip(), found.group("id")
        if name.startswith("【"):
            name = TITLE_PREFIX.sub("", name).strip()
        while body and not body[-1].strip():
            body.pop()
        text = "\n".join(body)
        if platform_id in SYSTEM_IDS:
            kind = classify_system(text)
        elif not text.strip():
            kind = MessageKind.TEXT
        else:
            kind = classify(text)
        return ParsedMessage(
            sent_at=sent_at,
            sender_name=name,  # never the QQ number: readers get a pseudonym
            sender_id=platform_id or f"name:{name}",
            text=text,
            kind=kind,
            conversation=conversation,
            line=number,
        )

    def _time(self, stream, match, number, zone) -> datetime:
        date_text, time_text = match.group("date", "time")
        marker = match.group("ap1") or match.group("ap2")
        # Messages come seconds apart: build each minute's datetime once and
        # only set the seconds (this runs a million times in a big import).
        minute_key = (date_text, time_text[:-3], marker, zone)
        cache = self._minutes
        minute = cache.get(minute_key)
        try:
            if minute is None:
                # Faster than strptime, which matters for million-message exports.
                year, month, day = date_text.split("-")
                hour, minute_number = (int(part) for part in time_text[:-3].split(":"))
                if marker in ("PM", "下午") and hour < 12:
                    hour += 12
                elif marker in ("AM", "上午") and hour == 12:
                    hour = 0
                minute = datetime(
                    int(year), int(month), int(day), hour, minute_number, tzinfo=zone
                )
                if len(cache) > 10_000:
                    cache.clear()
                cache[minute_key] = minute
            return minute.replace(second=int(time_text[-2:]))
        except ValueError:
            raise stream.error(
                f"expected a valid date and time 'YYYY-MM-DD H:MM:SS' in the message header, "
                f"found {date_text + ' ' + time_text!r}",
                number,
            ) from None
