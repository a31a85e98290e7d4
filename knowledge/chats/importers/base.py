"""What every chat importer shares: the parsed-message shape, errors, decoding."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from ..models import MessageKind

#: Bytes read to detect the format and the encoding.
SNIFF_BYTES = 64 * 1024
#: Characters decoded per read when splitting a file into lines.
BLOCK_CHARS = 1 << 20
#: Longest line a line-based export may have: a longer one is not a chat export
#: (and would otherwise be held in memory whole).
MAX_LINE_CHARS = 1 << 20
#: Longest message text stored; chat apps cap messages far below this.
MAX_MESSAGE_CHARS = 100_000
#: Message times outside these years are a broken export, not history: chat
#: apps are younger than 1990, and 2100 keeps every date representable.
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: NUL (PostgreSQL refuses it in text) and lone surrogates (not encodable as
#: UTF-8: JSON escapes can produce them) never reach the database.
STORED_TEXT_FIELDS = (
    "text",
    "sender_name",
    "conversation",
    "platform_message_id",
    "reply_to_platform_id",
)
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


class ChatFormatError(Exception):
    """A file that cannot be imported; the message names the file, line and expectation."""

    def __init__(self, filename: str, line: int | None, problem: str):
        self.filename = filename
        self.line = line
        self.problem = problem
        where = f"{filename}, line {line}" if line else filename
        super().__init__(f"{where}: {problem}")


@dataclass
class ParsedMessage:
    """One message as an importer read it, before it gets an archive.

    ``sender_id`` is the platform id (QQ number, wxid, Telegram user id) or,
    when the export has none, the display name; it is hashed before storage.
    ``conversation`` names the chat the message belongs to (one export may
    hold several); empty means "the file's only conversation".
    """

    sent_at: datetime
    sender_name: str
    sender_id: str
    text: str
    kind: str = MessageKind.TEXT
    conversation: str = ""
    platform_message_id: str = ""
    reply_to_platform_id: str = ""
    line: int = 0


class ChatImporter:
    """Base class: one subclass per export format, registered with ``@register``."""

    #: The ``--format`` value.
    name: str = ""
    #: A ``Platform`` value for the archives this format creates.
    platform: str = "other"
    label: str = ""

    def sniff(self, head: str) -> bool:
        """True when the decoded start of a file looks like this format."""
        raise NotImplementedError

    def parse(
        self, stream: TextSource, *, zone, use_remarks: bool = False
    ) -> Iterator[ParsedMessage]:
        """Yield messages one by one, reading the stream as it goes (constant memory).

        ``zone`` is a tzinfo for exports that carry naive local times.
        ``use_remarks`` asks for the exporter's private names for contacts
        where the format has them (WeChat CSV); other formats ignore it.
        Raise ChatFormatError on anything malformed.
        """
        raise NotImplementedError

    def read(
        self, stream: TextSource, *, zone, use_remarks: bool = False
    ) -> Iterator[ParsedMessage]:
        """``parse`` plus the checks every format needs before anything is stored."""
        for message in self.parse(stream, zone=zone, use_remarks=use_remarks):
            year = message.sent_at.year
            if not FIRST_YEAR <= year < LAST_YEAR:
                raise stream.error(
                    f"expected a message time between {FIRST_YEAR} and {LAST_YEAR}, "
                    f"found {message.sent_at:%Y-%m-%d}",
                    message.line or None,
                )
            if len(message.text) > MAX_MESSAGE_CHARS:
                raise stream.error(
                    f"expected a message of at most {MAX_MESSAGE_CHARS} characters, "
                    f"found one of {len(message.text)}",
                    message.line or None,
                )
            for name in STORED_TEXT_FIELDS:
                value = getattr(message, name)
                if _UNSTORABLE.search(value):
                    setattr(
                        message,
                        name,
                        _UNSTORABLE.sub("\N{REPLACEMENT CHARACTER}", value),
                    )
            yield message


def time_from_epoch(value, stream: TextSource, line: int | None) -> datetime:
    """A Unix time (seconds) as an aware datetime, or a ChatFormatError."""
    try:
        seconds = int(value)
        if seconds < 0:
            raise ValueError
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (ValueError, TypeError, OverflowError, OSError):
        raise stream.error(
            f"expected a Unix time (seconds since 1970), found {str(value)[:40]!r}",
            line,
        ) from None


# ---------------------------------------------------------------- decoding


def detect_encoding(head: bytes) -> str:
    """BOM first, then strict UTF-8 on the first bytes, else GB18030."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


class TextSource:
    """A decoded, line-numbered view of an export file, read lazily.

    Line endings are normalised (CRLF and CR become LF). A decoding error
    anywhere becomes a ChatFormatError naming the line.
    """

    def __init__(self, binary: BinaryIO, filename: str, encoding: str | None = None):
        self.filename = filename
        self.binary = binary
        head = binary.read(SNIFF_BYTES)
        binary.seek(0)
        self.encoding = encoding or detect_encoding(head)
        self.head = head.decode(self.encoding, errors="replace")
        self.lineno = 0

    def error(self, problem: str, line: int | None = None) -> ChatFormatError:
        return ChatFormatError(
            self.filename, line if line is not None else self.lineno, problem
        )

    def text_stream(self, newline=None) -> io.TextIOWrapper:
        self.binary.seek(0)
        return io.TextIOWrapper(self.binary, encoding=self.encoding, newline=newline)

    def lines(self) -> Iterator[str]:
        """Lines without their line ending; ``self.lineno`` is the current line's number.

        Reads blocks and splits them (much cheaper per line than iterating the
        text stream, which matters for million-line exports).
        """
        stream = self.text_stream()
        self.lineno = 0
        carry = ""
        try:
            while block := stream.read(BLOCK_CHARS):
                parts = (carry + block).split("\n")
                carry = parts.pop()
                if len(carry) > MAX_LINE_CHARS:
                    raise self.error(
                        f"expected lines of at most {MAX_LINE_CHARS} characters; "
                        "this one goes on and on (is it a chat export?)",
                        self.lineno + len(parts) + 1,
                    )
                for line in parts:
                    self.lineno += 1
                    yield line
            if carry:
                self.lineno += 1
                yield carry
        except UnicodeDecodeError as exc:
            raise self.decode_error(exc, self.line_at_decode_error(exc)) from exc
        finally:
            stream.detach()

    def line_at_decode_error(self, exc: UnicodeDecodeError) -> int:
        """The line holding the undecodable bytes, counted in the raw file."""
        offset = max(0, self.binary.tell() - len(exc.object) + exc.start)
        self.binary.seek(0)
        newlines = 0
        while offset > 0:
            piece = self.binary.read(min(offset, 1 << 20))
            if not piece:
                break
            newlines += piece.count(b"\n")
            offset -= len(piece)
        return newlines + 1

    def decode_error(self, exc: UnicodeDecodeError, line: int) -> ChatFormatError:
        declared = {
            "utf-8-sig": "UTF-8 (the file starts with a UTF-8 byte-order mark)",
            "utf-8": "UTF-8",
        }.get(self.encoding, self.encoding)
        return self.error(
            f"the text is not valid {declared}; expected one encoding throughout "
            "(UTF-8, or GB18030 without a byte-order mark). Re-save the export as UTF-8.",
            line,
        )


# ---------------------------------------------------------------- classification

_PLACEHOLDER = re.compile(r"^[\[【](?P<what>[^\]】]{1,8})[\]】]")
IMAGE_WORDS = {
    "图片",
    "表情",
    "表情包",
    "动画表情",
    "Photo",
    "Sticker",
    "照片",
    "image",
    "sticker",
}
FILE_WORDS = {
    "文件",
    "语音",
    "视频",
    "File",
    "Video",
    "Voice",
    "file",
    "video",
    "voice",
}
RECALL = re.compile(r"撤回了一条消息|recalled a message|This message was deleted")
SYSTEM_TEXT = re.compile(
    r"加入(?:了)?(?:本群|群聊)|退出(?:了)?(?:本群|群聊)|移出(?:了)?(?:本群|群聊)|修改群名为"
    r"|拍了拍|invited .* to the group|joined the group|left the group"
)
_MAYBE_RECALL = re.compile("撤回|recalled|deleted")
URL_ONLY = re.compile(r"^https?://\S+$")


def classify(text: str) -> str:
    """The kind of a message from its text alone (placeholders, links, recalls)."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[【h" and not _MAYBE_RECALL.search(stripped):
        return MessageKind.TEXT  # the common case, decided without the regexes below
    if RECALL.search(stripped) and len(stripped) < 80:
        return MessageKind.RECALLED
    match = _PLACEHOLDER.match(stripped)
    if match:
        what = match.group("what").split(":")[0].split("：")[0].strip()
        rest = stripped[match.end() :].strip()
        if what in IMAGE_WORDS and not rest:
            return MessageKind.IMAGE
        if what in FILE_WORDS:
            return MessageKind.FILE
        if what in ("链接", "分享链接"):
            return MessageKind.LINK
    if URL_ONLY.match(stripped):
        return MessageKind.LINK
    return MessageKind.TEXT


def classify_system(text: str) -> str:
    return MessageKind.RECALLED if RECALL.search(text) else MessageKind.SYSTEM


def strip_markup(text: str) -> str:
    """WeChat wraps some system texts in CDATA and <a> tags; keep the words."""
    text = text.replace("<![CDATA[", "").replace("]]>", "")
    return re.sub(r"<[^>]+>", "", text).strip()
