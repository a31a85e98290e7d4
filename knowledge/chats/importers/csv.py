"""A plain CSV with a header row naming time, sender and text columns.

Recognised column names (case-insensitive): time/date/datetime/timestamp/
sent_at/时间/日期, sender/author/from/name/发送人/发送者/昵称, text/message/
content/body/内容/消息; optional sender_id/user_id/发送人ID. Times are ISO 8601
(naive ones are read in the archive's time zone) or Unix epochs.
"""

from __future__ import annotations

from datetime import datetime

from dateutil import parser as date_parser
from django.utils.translation import gettext_lazy

from ..models import MessageKind, Platform
from . import register
from .base import (
    ChatImporter,
    ParsedMessage,
    classify,
    classify_system,
    time_from_epoch,
)
from .csvutil import csv_rows, header_of

COLUMNS = {
    "time": {
        "time",
        "date",
        "datetime",
        "timestamp",
        "sent_at",
        "时间",
        "日期",
        "发送时间",
    },
    "sender": {"sender", "author", "from", "name", "发送人", "发送者", "昵称", "用户"},
    "text": {"text", "message", "content", "body", "内容", "消息", "消息内容"},
    "sender_id": {"sender_id", "user_id", "author_id", "发送人id"},
    "kind": {"kind", "type", "类型"},
}


def column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, column in enumerate(header):
        key = column.strip().lower()
        for role, names in COLUMNS.items():
            if key in names and role not in found:
                found[role] = index
    return found


@register
class PlainCSVImporter(ChatImporter):
    """Any CSV with time, sender and text columns."""

    name = "csv"
    platform = Platform.OTHER
    label = gettext_lazy("CSV (time, sender, text)")

    def sniff(self, head: str) -> bool:
        return {"time", "sender", "text"} <= set(column_map(header_of(head)))

    def parse(self, stream, *, zone, use_remarks=False):
        columns = column_map(header_of(stream.head))
        missing = {"time", "sender", "text"} - set(columns)
        if missing:
            raise stream.error(
                "expected a header row naming time, sender and text columns; missing "
                + ", ".join(sorted(missing)),
                1,
            )
        width = max(columns.values()) + 1
        for line, row in csv_rows(stream):
            if not any(row):
                continue
            if len(row) < width:
                raise stream.error(f"expected {width} columns, found {len(row)}", line)
            sent_at = self._time(row[columns["time"]], zone, stream, line)
            sender = row[columns["sender"]].strip()
            text = row[columns["text"]]
            sender_id = (
                row[columns["sender_id"]].strip() if "sender_id" in columns else ""
            )
            declared = row[columns["kind"]].strip().lower() if "kind" in columns else ""
            if declared == "system" or not sender:
                kind = classify_system(text)
            elif declared in MessageKind.values:
                kind = declared
            else:
                kind = classify(text)
            yield ParsedMessage(
                sent_at,
                sender,
                sender_id or (f"name:{sender}" if sender else "system"),
                text,
                kind,
                line=line,
            )

    def _time(self, value, zone, stream, line) -> datetime:
        value = value.strip()
        if value.isdigit():
            return time_from_epoch(value, stream, line)
        try:
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                parsed = date_parser.parse(value)
        except (ValueError, OverflowError):
            raise stream.error(
                f"expected a date and time, found {value[:40]!r}", line
            ) from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
