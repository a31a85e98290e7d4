"""WeChat CSV exports made by the common open-source tools.

Three header variants:

* WeChatMsg/MemoTrace v1: ``localId,TalkerId,Type,SubType,IsSender,CreateTime,
  Status,StrContent,StrTime[,Remark,NickName,Sender]`` (epoch ``CreateTime``;
  the three sender columns are missing on private-chat rows of older builds;
  ``Type`` may be a WeChat 4.x packed number ``(SubType << 32) | Type``);
* MemoTrace v2: ``消息ID,类型,发送人,时间,内容,备注,昵称,更多信息`` (Chinese type
  names, local times, no wxid);
* PyWxDump: ``id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime``.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePath

from django.utils.translation import gettext_lazy

from ..models import MessageKind, Platform
from . import register
from .base import (
    ChatImporter,
    ParsedMessage,
    classify,
    classify_system,
    strip_markup,
    time_from_epoch,
)
from .csvutil import csv_rows, header_of

V1 = [
    "localId",
    "TalkerId",
    "Type",
    "SubType",
    "IsSender",
    "CreateTime",
    "Status",
    "StrContent",
]
V2 = ["消息ID", "类型", "发送人", "时间", "内容"]
PYWXDUMP = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg"]

# (Type, SubType) of the WeChat PC MSG table -> our kind; SubType None = any.
TYPE_KINDS = {
    (3, None): MessageKind.IMAGE,
    (47, None): MessageKind.IMAGE,
    (34, None): MessageKind.FILE,
    (43, None): MessageKind.FILE,
    (49, 6): MessageKind.FILE,
    (49, 74): MessageKind.FILE,
    (49, 4): MessageKind.LINK,
    (49, 5): MessageKind.LINK,
    (49, 8): MessageKind.IMAGE,
    (10000, None): MessageKind.SYSTEM,
    (10002, None): MessageKind.SYSTEM,
}
NAME_KINDS = {
    "图片": MessageKind.IMAGE,
    "表情包": MessageKind.IMAGE,
    "动画表情": MessageKind.IMAGE,
    "视频": MessageKind.FILE,
    "语音": MessageKind.FILE,
    "文件": MessageKind.FILE,
    "分享链接": MessageKind.LINK,
    "(分享)卡片式链接": MessageKind.LINK,
    "系统消息": MessageKind.SYSTEM,
    "系统通知": MessageKind.SYSTEM,
    "拍一拍": MessageKind.SYSTEM,
    "邀请加群": MessageKind.SYSTEM,
}
PLACEHOLDERS = {3: "[图片]", 47: "[表情]", 34: "[语音]", 43: "[视频]"}
WXID_PREFIX = re.compile(r"^[A-Za-z][\w-]{4,}:\n")
XML_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
XML_URL = re.compile(r"<url>(.*?)</url>", re.S)
SELF = "我"


def _local(text: str, zone, source) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
    except ValueError:
        raise source.error(
            f"expected a time 'YYYY-MM-DD HH:MM:SS', found {text[:40]!r}"
        ) from None


@register
class WeChatCSVImporter(ChatImporter):
    """WeChatMsg/MemoTrace v1 and v2 CSV, PyWxDump CSV."""

    name = "wechat-csv"
    platform = Platform.WECHAT
    label = gettext_lazy("WeChat CSV (WeChatMsg/MemoTrace, PyWxDump)")

    def variant(self, head: str) -> str:
        header = header_of(head)
        for name, columns in (("v1", V1), ("v2", V2), ("pywxdump", PYWXDUMP)):
            if header[: len(columns)] == columns:
                return name
        return ""

    def sniff(self, head: str) -> bool:
        return bool(self.variant(head))

    def parse(self, stream, *, zone, use_remarks=False):
        variant = self.variant(stream.head)
        if not variant:
            raise stream.error(
                "expected a WeChat CSV header (WeChatMsg 'localId,TalkerId,Type,…', "
                "MemoTrace '消息ID,类型,发送人,时间,内容,…' or PyWxDump 'id,MsgSvrID,type_name,…')",
                1,
            )
        conversation = PurePath(stream.filename).stem.removesuffix("_utf8")
        row_parser = getattr(self, f"_{variant}")
        for line, row in csv_rows(stream):
            if not any(row):
                continue
            message = row_parser(row, line, stream, zone, conversation, use_remarks)
            if message:
                message.line = line
                message.conversation = message.conversation or conversation
                yield message

    def _need(self, row, count, line, stream, what):
        if len(row) < count:
            raise stream.error(
                f"expected at least {count} columns ({what}), found {len(row)}", line
            )

    def _v1(self, row, line, stream, zone, conversation="", use_remarks=False):
        self._need(row, 9, line, stream, "localId … StrTime")
        try:
            packed = int(row[2])
            sub = int(row[3] or 0)
            epoch = int(row[5])
        except ValueError:
            raise stream.error(
                "expected numbers in the Type, SubType and CreateTime columns", line
            ) from None
        msg_type = packed & 0xFFFFFFFF
        if packed > 0xFFFFFFFF:  # WeChat 4.x: (SubType << 32) | Type
            sub = packed >> 32
        sent_at = time_from_epoch(epoch, stream, line)
        is_self = row[4] == "1"
        remark, nickname, wxid = (row[9:12] + ["", "", ""])[:3]
        content = row[7]
        match = WXID_PREFIX.match(content)
        if match:
            wxid = wxid or match.group(0)[:-2]
            content = content[match.end() :]
        if msg_type in (10000, 10002):
            text = strip_markup(content)
            return ParsedMessage(sent_at, "", "system", text, classify_system(text), "")
        kind = TYPE_KINDS.get((msg_type, sub)) or TYPE_KINDS.get((msg_type, None))
        text = content
        if content.lstrip().startswith("<"):
            title = XML_TITLE.search(content)
            url = XML_URL.search(content)
            text = " ".join(strip_markup(m.group(1)) for m in (title, url) if m)
        if kind is None:
            kind = classify(text) if msg_type in (1, 49) else MessageKind.TEXT
        placeholder = PLACEHOLDERS.get(
            msg_type, "[文件]" if kind == MessageKind.FILE else ""
        )
        if placeholder and not text.startswith(placeholder):
            text = (
                f"{placeholder} {text}".strip()
                if kind == MessageKind.FILE
                else placeholder
            )
        # Older builds leave the sender columns empty on private chats: the
        # other person is the contact the file is named after.
        # The remark is the exporter's private label for a contact (often a real
        # name or a note): published only when the importer asked for it.
        preferred = (remark, nickname) if use_remarks else (nickname,)
        name = next((n for n in preferred if n), SELF if is_self else conversation)
        if not wxid:
            wxid = "self" if is_self else f"name:{name or 'peer'}"
        # Never the wxid as a name: readers see a pseudonym when the name is missing.
        return ParsedMessage(sent_at, name, wxid, text, kind, "")

    def _v2(self, row, line, stream, zone, conversation="", use_remarks=False):
        self._need(row, 5, line, stream, "消息ID,类型,发送人,时间,内容")
        message_id, type_name, sender, when, content = row[:5]
        kind = NAME_KINDS.get(type_name) or classify(content)
        if kind == MessageKind.SYSTEM or type_name == "系统消息":
            kind = classify_system(content)
            sender = ""
        return ParsedMessage(
            _local(when, zone, stream),
            sender,
            f"name:{sender}" if sender else "system",
            content,
            kind,
            platform_message_id=message_id,
        )

    def _pywxdump(self, row, line, stream, zone, conversation="", use_remarks=False):
        self._need(row, 9, line, stream, "id,MsgSvrID,type_name,…,CreateTime")
        _, server_id, type_name, is_sender, talker, room, msg, _src, when = row[:9]
        if type_name.startswith("消息撤回"):
            kind = MessageKind.RECALLED
        else:
            kind = NAME_KINDS.get(type_name) or classify(msg)
        if talker == "系统" or kind == MessageKind.SYSTEM:
            kind = classify_system(msg) if kind != MessageKind.RECALLED else kind
            talker = "系统"
        if kind == MessageKind.IMAGE and msg == "图片":
            msg = "[图片]"
        sender_id = "self" if (is_sender == "1" or talker == SELF) else talker
        # PyWxDump's talker is a wxid (names live in users.json): never store it as a name.
        return ParsedMessage(
            _local(when, zone, stream),
            SELF if sender_id == "self" else "",
            sender_id,
            msg,
            kind,
            room,
            platform_message_id=server_id,
        )
