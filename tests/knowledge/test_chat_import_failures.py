"""Malformed exports fail cleanly: a ChatFormatError naming file, line and
expectation, nothing stored, and never a traceback on the command line or
the admin job page."""

from __future__ import annotations

import json
import logging
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from knowledge.chats import importers
from knowledge.chats.importers import ChatImporter
from knowledge.models import ChatArchive, ChatImportJob, ChatMessage

from .chat_support import import_fixture

pytestmark = pytest.mark.django_db


def telegram(*messages) -> bytes:
    return json.dumps(
        {"name": "群", "type": "private_group", "id": 1, "messages": list(messages)}
    ).encode()


def telegram_message(**fields) -> dict:
    return {
        "id": 1,
        "type": "message",
        "date_unixtime": "1709600520",
        "from": "阿青",
        "from_id": "user1",
        "text": "你好",
    } | fields


DEEP = 100_000
QQ_HEADER = "消息记录（此消息记录为文本格式，不支持重新导入）\n" + "=" * 64 + "\n"
MALFORMED = {
    "deeply nested Telegram JSON": (
        "deep.json",
        (
            '{"name": "群", "type": "private_group", "id": 1, "messages": ['
            + "[" * DEEP
            + "]" * DEEP
            + "]}"
        ).encode(),
        "deep.json, line 1: the JSON is nested too deeply",
    ),
    "Telegram time far out of range": (
        "far.json",
        telegram(telegram_message(date_unixtime="99999999999999999999")),
        "far.json, line .*: expected a Unix time",
    ),
    "Telegram time negative": (
        "negative.json",
        telegram(telegram_message(date_unixtime="-5")),
        "negative.json, line .*: expected a Unix time",
    ),
    "Telegram time that is not a number": (
        "inf.json",
        b'{"name": "x", "type": "t", "id": 1, "messages": [{"type": "message",'
        b' "date_unixtime": 1e400, "from": "a", "text": "b"}]}',
        "inf.json, line .*: expected a Unix time",
    ),
    "Telegram ISO time before chat apps existed": (
        "old.json",
        telegram(
            {k: v for k, v in telegram_message().items() if k != "date_unixtime"}
            | {"date": "1900-01-01T00:00"}
        ),
        "old.json, line .*: expected a message time between 1990 and 2100",
    ),
    "WeChat CSV epoch far out of range": (
        "far.csv",
        b"localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime\n"
        b"1,2,1,0,0,99999999999999,2,hi,x\n",
        "far.csv, line 2: expected a Unix time",
    ),
    "CSV with an unterminated quote": (
        "open_quote.csv",
        "time,sender,text\n"
        '2024-06-01 19:30:00,阿青,"分享会开始了\n'
        "2024-06-01 19:31:00,小林,第一个问题\n".encode(),
        "open_quote.csv, line 2: a quoted field is never closed",
    ),
    "binary garbage (a JPEG)": (
        "photo.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\r\x01" + bytes(range(256)) * 40,
        "photo.jpg: the format was not recognised",
    ),
    "a file in one encoding that switches to another": (
        "mixed.txt",
        (QQ_HEADER + "2024-06-01 19:30:00 阿青(12345678)\n你好\n").encode()
        + b"x" * 70_000  # past the bytes the encoding is detected from
        + "\n\n2024-06-01 19:31:00 小林(23456789)\n晚上好\n".encode("gb18030"),
        "mixed.txt, line 7: the text is not valid UTF-8",
    ),
    "a huge single line": (
        "huge.txt",
        (
            QQ_HEADER + "2024-06-01 19:30:00 阿青(12345678)\n" + "长" * 1_100_000
        ).encode(),
        "huge.txt, line 4: expected lines of at most",
    ),
    "a huge single message": (
        "huge_message.txt",
        (
            QQ_HEADER
            + "2024-06-01 19:30:00 阿青(12345678)\n"
            + ("长" * 1000 + "\n") * 120
        ).encode(),
        "huge_message.txt, line 3: expected a message of at most",
    ),
    "a huge CSV field": (
        "huge.csv",
        b'time,sender,text\n2024-06-01 19:30:00,a,"' + b"x" * 200_000 + b'"\n',
        "huge.csv, line 2: a field is longer than",
    ),
    "a header-only CSV": (
        "header.csv",
        b"time,sender,text\n",
        "header.csv: no messages found; expected",
    ),
}


def run(path):
    call_command("import_chat", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_export_is_a_clear_error_on_the_command_line_and_stores_nothing(
    case, tmp_path
):
    name, content, expected = MALFORMED[case]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=expected) as raised:
        run(path)
    assert str(raised.value).startswith("Nothing imported.")
    assert ChatArchive.objects.count() == 0
    assert ChatMessage.objects.count() == 0


def test_telegram_fields_of_the_wrong_json_type_import_as_text(tmp_path):
    path = tmp_path / "odd.json"
    path.write_bytes(
        telegram(
            telegram_message(**{"from": {"x": 1}, "text": [1, None, {"text": 2}]}),
            {
                "id": 2,
                "type": "service",
                "date_unixtime": "1709600600",
                "actor": ["a"],
                "action": "{members.__class__} {0}",
                "members": 5,
            },
        )
    )
    run(path)
    texts = list(ChatMessage.objects.order_by("seq").values_list("text", flat=True))
    assert texts == ["12", "{members.__class__} {0}"]


def test_nul_characters_never_reach_the_database(tmp_path):
    # PostgreSQL refuses NUL in text; SQLite would store it.
    path = tmp_path / "nul.json"
    path.write_bytes(
        telegram(telegram_message(text="a\u0000b", **{"from": "阿\u0000青"}))
    )
    run(path)
    message = ChatMessage.objects.get()
    assert (message.text, message.sender_name) == ("a\ufffdb", "阿\ufffd青")


class BuggyImporter(ChatImporter):
    """An importer with a bug (not a bad file): it fails on its first message."""

    name = "buggy"
    label = "buggy"

    def sniff(self, head):
        return False

    def parse(self, stream, *, zone, use_remarks=False):
        yield from ()
        raise ZeroDivisionError("a bug in an importer")


@pytest.fixture
def buggy_importer():
    importers.register(BuggyImporter)
    yield
    del importers._importers["buggy"]


def test_an_importer_bug_is_logged_and_the_command_says_so(
    buggy_importer, caplog, tmp_path
):
    path = tmp_path / "chat.txt"
    path.write_text("hello")
    with (
        caplog.at_level(logging.ERROR),
        pytest.raises(CommandError, match="原因已记入日志") as raised,
    ):
        call_command("import_chat", str(path), "--format", "buggy", stdout=StringIO())
    assert "ZeroDivisionError" not in str(raised.value)
    assert "ZeroDivisionError" in caplog.text
    assert ChatArchive.objects.count() == 0


def test_an_importer_bug_shows_a_sentence_on_the_admin_job_page(
    buggy_importer, client, admin_user, caplog
):
    client.force_login(admin_user)
    with caplog.at_level(logging.ERROR):
        response = client.post(
            "/admin/chat-imports/new/",
            {
                "upload": SimpleUploadedFile("chat.txt", b"hello"),
                "format": "buggy",
                "privacy": "pseudonymised",
                "timezone": "Asia/Shanghai",
            },
            follow=True,
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert ChatImportJob.objects.get().status == "failed"
    assert "无法导入此文件，原因已记入日志。" in html
    assert "ZeroDivisionError" not in html and "Traceback" not in html
    assert "ZeroDivisionError" in caplog.text


def test_the_csv_samples_still_import_under_strict_quoting():
    for name in ("plain.csv", "wechat_v1.csv", "memotrace_v2.csv", "pywxdump.csv"):
        assert import_fixture(name).messages_read > 0
