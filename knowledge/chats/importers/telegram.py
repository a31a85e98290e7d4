"""Telegram Desktop's JSON export of one chat (``result.json``).

The root object is the chat: ``name``, ``type``, ``id``, then ``messages``.
Messages are decoded one at a time from a sliding buffer (constant memory,
no third-party streaming parser): everything before ``"messages": [`` is the
small chat header, then each element is one ``raw_decode``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from django.utils.translation import gettext_lazy

from ..models import MessageKind, Platform
from . import register
from .base import ChatImporter, ParsedMessage, classify, time_from_epoch

CHUNK = 256 * 1024
#: One message object larger than this is not a Telegram message: stop reading
#: instead of buffering (and re-decoding) the whole file.
MAX_MESSAGE_JSON_CHARS = 8 * 1024 * 1024
MESSAGES_KEY = re.compile(r'"messages"\s*:\s*\[')
# tdesktop writes control characters as \xNN, which JSON does not allow.
BAD_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")
SERVICE_WORDS = {
    "create_group": "创建了群组",
    "invite_members": "邀请 {members} 加入了群组",
    "remove_members": "将 {members} 移出了群组",
    "join_group_by_link": "通过邀请链接加入了群组",
    "join_group_by_request": "加入了群组",
    "edit_group_title": "修改群名为 {title}",
    "pin_message": "置顶了一条消息",
    "migrate_to_supergroup": "将群组升级为超级群组",
}
NOT_INCLUDED = "(File not included"


def string(value) -> str:
    """A JSON scalar as text; objects, lists and null (a broken export) as ''."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def flatten(text) -> str:
    """``text`` is a string, or a list of strings and entity objects."""
    if isinstance(text, list):
        return "".join(
            string(part.get("text")) if isinstance(part, dict) else string(part)
            for part in text
        )
    return string(text)


@register
class TelegramImporter(ChatImporter):
    """Telegram Desktop result.json (one chat)."""

    name = "telegram"
    platform = Platform.TELEGRAM
    label = gettext_lazy("Telegram Desktop JSON")

    def sniff(self, head: str) -> bool:
        head = head.lstrip("\ufeff").lstrip()
        return head.startswith("{") and '"messages"' in head and '"type"' in head

    def parse(self, stream, *, zone, use_remarks=False):
        text_stream = stream.text_stream()
        buffer = ""
        consumed_lines = 1  # line number at the start of ``buffer``
        eof = False

        def read_more() -> bool:
            nonlocal buffer, eof
            try:
                chunk = text_stream.read(CHUNK)
            except UnicodeDecodeError as exc:
                raise stream.decode_error(
                    exc, consumed_lines + buffer.count("\n")
                ) from exc
            if not chunk:
                eof = True
                return False
            buffer += chunk
            return True

        try:
            while not MESSAGES_KEY.search(buffer):
                if not read_more():
                    raise stream.error(
                        "expected a Telegram chat export: a JSON object with a "
                        '"messages" list (Export chat history → JSON)',
                        1,
                    )
            match = MESSAGES_KEY.search(buffer)
            header = buffer[: match.start()]
            if '"chats"' in header or '"personal_information"' in header:
                raise stream.error(
                    "this is a full Telegram account export; expected the export of one chat "
                    "(open the group, ⋮ → Export chat history, format JSON)",
                    1,
                )
            name = re.search(r'"name"\s*:\s*("(?:[^"\\]|\\.)*")', header)
            chat_id = re.search(r'"id"\s*:\s*(-?\d+)', header)
            try:
                conversation = string(json.loads(name.group(1))) if name else ""
            except json.JSONDecodeError:
                raise stream.error(
                    'expected the chat\'s "name" to be a JSON string', 1
                ) from None
            chat_key = chat_id.group(1) if chat_id else conversation
            consumed_lines += buffer[: match.end()].count("\n")
            buffer = buffer[match.end() :]
            decoder = json.JSONDecoder()
            pos = 0  # read position in ``buffer``; the buffer is compacted only on refills

            def refill() -> bool:
                nonlocal buffer, pos
                buffer = buffer[pos:]
                pos = 0
                return read_more()

            while True:
                start = pos
                while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                    pos += 1
                consumed_lines += buffer.count("\n", start, pos)
                if pos >= len(buffer):
                    if refill():
                        continue
                    raise stream.error(
                        "the JSON ends in the middle of the message list; "
                        "expected ']' (is the file truncated?)",
                        consumed_lines,
                    )
                if buffer[pos] == "]":
                    return
                try:
                    item, end = decoder.raw_decode(buffer, pos)
                except RecursionError:
                    raise stream.error(
                        "the JSON is nested too deeply; expected message objects "
                        "with text, date and sender",
                        consumed_lines,
                    ) from None
                except json.JSONDecodeError as exc:
                    error_line = consumed_lines + buffer.count("\n", pos, exc.pos)
                    tail = buffer[pos:]
                    fixed = (
                        BAD_ESCAPE.sub(r"\1\\u00\2", tail) if "\\x" in tail else tail
                    )
                    try:
                        item, end = decoder.raw_decode(fixed)
                        buffer, pos, end = fixed, 0, end
                    except RecursionError:
                        raise stream.error(
                            "the JSON is nested too deeply; expected message objects "
                            "with text, date and sender",
                            error_line,
                        ) from None
                    except json.JSONDecodeError:
                        # Most likely the object continues in the next chunk,
                        # unless it is already bigger than any message can be.
                        if len(buffer) - pos <= MAX_MESSAGE_JSON_CHARS and refill():
                            continue
                        at_end = exc.pos >= len(buffer.rstrip()) - 1
                        problem = (
                            "the JSON ends in the middle of a message; expected a complete "
                            "message object (is the file truncated?)"
                            if at_end or exc.msg.startswith("Unterminated")
                            else f"expected a JSON message object ({exc.msg})"
                        )
                        raise stream.error(problem, error_line) from None
                line = consumed_lines
                consumed_lines += buffer.count("\n", pos, end)
                pos = end
                if not isinstance(item, dict):
                    raise stream.error(
                        "expected a message object in the messages list", line
                    )
                message = self._message(
                    item, line, stream, zone, conversation, chat_key
                )
                if message:
                    yield message
        finally:
            text_stream.detach()

    def _local_time(self, item, stream, line, zone) -> datetime:
        try:
            return datetime.fromisoformat(item["date"]).replace(tzinfo=zone)
        except (KeyError, ValueError, TypeError):
            raise stream.error(
                "expected a message 'date' (ISO time) or 'date_unixtime'", line
            ) from None

    def _message(self, item, line, stream, zone, conversation, chat_key):
        if "date_unixtime" in item:
            sent_at = time_from_epoch(item["date_unixtime"], stream, line)
        else:
            sent_at = self._local_time(item, stream, line, zone)
        kind_name = item.get("type")
        text = flatten(item.get("text", ""))
        if kind_name == "service":
            actor = string(item.get("actor"))
            action = string(item.get("action"))
            members = item.get("members")
            members = "、".join(
                string(m) for m in (members if isinstance(members, list) else [])
            )
            # Only our own templates are formatted: the file's words never are.
            words = (
                SERVICE_WORDS[action].format(
                    members=members, title=string(item.get("title"))
                )
                if action in SERVICE_WORDS
                else action
            )
            return ParsedMessage(
                sent_at,
                "",
                "system",
                f"{actor} {words}".strip(),
                MessageKind.SYSTEM,
                conversation,
                platform_message_id=string(item.get("id")),
                line=line,
            )
        if kind_name != "message":
            return None
        if "photo" in item or item.get("media_type") == "sticker":
            kind = MessageKind.IMAGE if not text else MessageKind.TEXT
            if not text:
                text = (
                    "[图片]"
                    if "photo" in item
                    else f"[表情] {string(item.get('sticker_emoji'))}".strip()
                )
        elif "file" in item:
            kind = MessageKind.FILE if not text else MessageKind.TEXT
            if not text:
                text = f"[文件] {string(item.get('file_name'))}".strip()
        else:
            kind = classify(text)
        sender = string(item.get("from"))
        sender_id = string(item.get("from_id")) or f"name:{sender}"
        return ParsedMessage(
            sent_at,
            sender,
            sender_id,
            text,
            kind,
            conversation,
            platform_message_id=string(item.get("id")),
            reply_to_platform_id=string(item.get("reply_to_message_id")),
            line=line,
        )
