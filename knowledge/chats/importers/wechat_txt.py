"""WeChat TXT exports of WeChatMsg/MemoTrace.

v1: ``{YYYY-MM-DD HH:MM:SS} {name}`` then the body, then a blank line; a
system message is one line ``{time} {text}`` followed by a blank line.
v2: like v1, but a system message has only ``{time}`` on its header line and
the text on the next line. Bodies may contain blank lines, so only a header
line after a blank line starts a new message.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePath

from django.utils.translation import gettext_lazy

from ..models import MessageKind, Platform
from . import register
from .base import ChatImporter, ParsedMessage, classify, classify_system

HEADER = re.compile(
    r"^(?P<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?: (?P<name>\S.*?))?\s*$"
)


@register
class WeChatTextImporter(ChatImporter):
    """WeChatMsg/MemoTrace .txt."""

    name = "wechat-txt"
    platform = Platform.WECHAT
    label = gettext_lazy("WeChat TXT (WeChatMsg/MemoTrace)")

    def sniff(self, head: str) -> bool:
        for line in head.lstrip("\ufeff").splitlines():
            if line.strip():
                return bool(HEADER.match(line))
        return False

    def parse(self, stream, *, zone, use_remarks=False):
        conversation = PurePath(stream.filename).stem
        header = None
        body: list[str] = []
        previous_blank = True
        for line in stream.lines():
            if stream.lineno == 1:
                line = line.lstrip("\ufeff")
            match = HEADER.match(line) if previous_blank else None
            if match:
                if header:
                    yield self._message(stream, header, body, conversation, zone)
                header, body = (match, stream.lineno), []
            elif header is None:
                if line.strip():
                    raise stream.error(
                        "expected a message header 'YYYY-MM-DD HH:MM:SS name', "
                        f"found {line.strip()[:60]!r}"
                    )
            else:
                body.append(line)
            previous_blank = not line.strip()
        if header:
            yield self._message(stream, header, body, conversation, zone)

    def _message(self, stream, header, body, conversation, zone) -> ParsedMessage:
        match, number = header
        try:
            sent_at = datetime.strptime(match.group("time"), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise stream.error(
                f"expected a valid time 'YYYY-MM-DD HH:MM:SS', found {match.group('time')!r}",
                number,
            ) from None
        sent_at = sent_at.replace(tzinfo=zone)
        while body and not body[-1].strip():
            body.pop()
        text = "\n".join(body)
        name = match.group("name") or ""
        if not name or not text:
            # v2 system line (time only, text below) or v1 system line (text on the
            # header, nothing below): WeChatMsg writes every other message with a body.
            system_text = text if not name else name
            return ParsedMessage(
                sent_at,
                "",
                "system",
                system_text,
                classify_system(system_text),
                conversation,
                line=number,
            )
        kind = classify(text) if text else MessageKind.TEXT
        return ParsedMessage(
            sent_at, name, f"name:{name}", text, kind, conversation, line=number
        )
