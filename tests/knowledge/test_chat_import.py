"""Importing chat exports: every format and variant, broken files, re-imports."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from knowledge.chats.importers import ChatFormatError
from knowledge.models import ChatArchive, ChatMessage

from .chat_support import FIXTURES, import_fixture

pytestmark = pytest.mark.django_db


def shanghai(*args):
    return datetime(*args, tzinfo=UTC)


def texts(archive):
    return [m.text for m in archive.messages.order_by("sent_at", "seq")]


def test_qq_text_export_with_groups_private_chats_and_variants():
    result = import_fixture("qq_basic.txt")
    assert result.format == "qq"
    group, private = result.archives
    assert group.group_name == "开源咖啡馆交流群"
    assert group.message_count == 9
    assert private.group_name == "阿May"
    assert private.message_count == 2
    messages = list(group.messages.order_by("sent_at", "seq"))
    # Unpadded hour, read in Asia/Shanghai.
    assert messages[0].sent_at == shanghai(2023, 3, 5, 1, 2, 41)
    assert messages[0].sender_name == "山间小林"
    # Title prefix removed, e-mail sender, multi-line body.
    assert messages[1].sender_name == "老周"
    assert messages[1].text == "下午两点，腾讯会议\n链接晚点发群公告"
    assert [m.kind for m in messages[2:4]] == ["system", "image"]
    # A blank line inside a message does not end it.
    assert messages[4].text == "http://example.com/slides\n\n也可以看这个备用地址"
    # Nickname with parentheses; a pasted timestamp stays content.
    assert messages[5].sender_name == "(B)"
    assert messages[5].text == "2006-01-02 15:04:05"
    assert messages[6].kind == "recalled"
    assert messages[7].sender_name == "阿青" and messages[7].kind == "file"


def test_sender_key_is_a_salted_hash_never_the_qq_number():
    import_fixture("qq_basic.txt")
    keys = set(ChatMessage.objects.values_list("sender_key", flat=True))
    assert all("2850012345" not in key for key in keys)
    lin = ChatMessage.objects.filter(
        sender_name="山间小林", archive__group_name="开源咖啡馆交流群"
    )
    assert len(set(lin.values_list("sender_key", flat=True))) == 1
    assert not ChatMessage.objects.filter(sender_name__contains="2850012345").exists()


def test_qq_twelve_hour_times_with_bom_and_gb18030():
    bom = import_fixture("qq_ampm_bom.txt").archives[0]
    assert [m.sent_at for m in bom.messages.all()] == [
        shanghai(2019, 9, 23, 12, 43, 38),  # 8:43:38 PM Shanghai
        shanghai(2019, 9, 23, 16, 12, 29),  # 12:12:29 AM
        shanghai(2019, 9, 24, 1, 5, 0),  # zero-padded 09:05:00
    ]
    gb = import_fixture("qq_gb18030.txt").archives[0]
    assert gb.group_name == "国标编码群"
    assert texts(gb) == ["晚上好", "半夜了", "早"]


def test_wechatmsg_v1_csv_types_packed_numbers_and_short_rows():
    archive = import_fixture("wechat_v1.csv").archives[0]
    messages = list(archive.messages.all())
    assert len(messages) == 8
    assert messages[0].sent_at == shanghai(2024, 3, 5, 1, 2, 41)  # CreateTime epoch
    assert messages[1].text == "下午两点\n腾讯会议"
    assert [m.kind for m in messages[2:]] == [
        "image", "system", "file", "recalled", "link", "text",
    ]  # fmt: skip
    assert messages[3].text == '"老周"邀请"小雨"加入了群聊'
    assert messages[4].text == "[文件] 讲义.pdf"  # WeChat 4.x packed type (49, 6)
    assert "wxid" not in " ".join(m.sender_name for m in messages)


def test_memotrace_v2_and_pywxdump_csv():
    v2 = import_fixture("memotrace_v2.csv").archives[0]
    assert [m.kind for m in v2.messages.all()] == [
        "text",
        "image",
        "file",
        "system",
        "text",
    ]
    assert v2.messages.last().text == "收到\n引用：老周: 【文件】讲义.pdf"
    py = import_fixture("pywxdump.csv").archives[0]
    assert py.group_name == "123@chatroom"
    assert [m.kind for m in py.messages.all()] == [
        "text",
        "image",
        "system",
        "recalled",
    ]
    assert not py.messages.filter(sender_name__startswith="wxid").exists()


def test_wechat_txt_v1_and_v2_system_lines():
    v1 = import_fixture("wechat_v1.txt").archives[0]
    assert [m.kind for m in v1.messages.all()] == [
        "text",
        "text",
        "system",
        "image",
        "image",
    ]
    assert v1.messages.all()[1].text == "下午两点\n\n腾讯会议，链接见公告"
    v2 = import_fixture("memotrace_v2.txt").archives[0]
    assert [(m.kind, m.text) for m in v2.messages.all()][1] == (
        "system",
        '"老周"邀请"小雨"加入了群聊',
    )


def test_telegram_json_text_pieces_service_messages_and_replies():
    archive = import_fixture("telegram_result.json").archives[0]
    assert archive.platform == "telegram"
    assert archive.group_name == "开源咖啡馆"
    messages = list(archive.messages.all())
    assert [m.kind for m in messages] == ["text", "system", "text", "image"]
    assert messages[2].text == "大家好，看 https://example.com 很有用"
    assert messages[2].reply_to_platform_id == "40"
    assert messages[0].sent_at == datetime.fromtimestamp(1709600520, tz=UTC)


def test_plain_csv():
    archive = import_fixture("plain.csv").archives[0]
    messages = list(archive.messages.all())
    assert [m.sender_name for m in messages] == ["阿青", "小林", ""]
    assert messages[1].text == "第一个问题：\n怎么沉淀群聊？"
    assert messages[2].kind == "system"


@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        ("qq_bad_date.txt", 15, "expected a valid date and time"),
        ("qq_gb18030_declared_utf8.txt", 1, "not valid UTF-8"),
        ("telegram_truncated.json", 30, "truncated"),
        ("plain_bad_time.csv", 3, "expected a date and time"),
        ("empty.txt", None, "the file is empty"),
    ],
)
def test_broken_files_store_nothing_and_name_file_line_and_expectation(
    name, line, expected
):
    import_fixture("qq_basic.txt")
    before = list(ChatMessage.objects.values_list("pk", "text"))
    with pytest.raises(ChatFormatError) as error:
        import_fixture(name)
    assert error.value.filename == name
    assert error.value.line == line
    assert expected in str(error.value)
    assert str(error.value).startswith(name)
    # Messages read before the error were rolled back with the rest.
    assert list(ChatMessage.objects.values_list("pk", "text")) == before
    assert ChatArchive.objects.count() == 2


def test_reimport_and_overlapping_export_add_only_new_messages():
    first = import_fixture("qq_basic.txt")
    assert first.messages_added == 11
    again = import_fixture("qq_basic.txt")
    assert again.messages_added == 0
    assert ChatMessage.objects.count() == 11
    later = import_fixture("qq_later.txt")
    # The overlapping message is skipped; two "+1" in the same second both stay.
    assert later.messages_added == 3
    archive = ChatArchive.objects.get(group_name="开源咖啡馆交流群")
    assert archive.message_count == 12
    assert texts(archive)[-2:] == ["+1", "+1"]
    assert import_fixture("qq_later.txt").messages_added == 0


def test_archive_options_title_and_privacy():
    result = import_fixture(
        "plain.csv", archive_title="六月分享会群聊", privacy="initials"
    )
    archive = result.archives[0]
    assert archive.title == "六月分享会群聊"
    assert archive.privacy == "initials"
    assert (
        import_fixture("plain.csv", archive_title="六月分享会群聊").archives[0]
        == archive
    )


def test_explicit_format_that_does_not_match_is_a_clear_error():
    with pytest.raises(ChatFormatError, match="expected a message header"):
        import_fixture("plain.csv", format="qq")


def test_telegram_control_character_escapes_are_tolerated():
    import io

    from knowledge.chats.services import chat_import

    raw = (
        '{"name": "铃声群", "type": "private_group", "id": 7, "messages": [\n'
        ' {"id": 1, "type": "message", "date": "2024-03-05T09:00:00",'
        ' "date_unixtime": "1709600400", "from": "A", "from_id": "user1",'
        ' "text": "响铃\\x07一下"}\n]}'
    )
    result = chat_import(file=io.BytesIO(raw.encode()), filename="result.json")
    assert result.archives[0].messages.get().text == "响铃\x07一下"


def test_a_decoding_error_deep_in_a_big_file_names_its_line(tmp_path):
    from knowledge.chats.services import chat_import

    head = (FIXTURES / "qq_ampm_bom.txt").read_bytes().replace(b"\r\n", b"\n")
    lines = [
        f"2019-09-25 10:{n // 60 % 60:02d}:{n % 60:02d} 昵称(12345)\n第{n}条\n\n"
        for n in range(3000)
    ]
    body = "".join(lines).encode("utf-8")
    bad = "2019-09-26 10:00:00 昵称(12345)\n国标编码\n".encode("gb18030")
    path = tmp_path / "big.txt"
    path.write_bytes(head + body + bad)
    expected_line = (head + body).count(b"\n") + 1  # the header line already has 昵称
    with path.open("rb") as file, pytest.raises(ChatFormatError) as error:
        chat_import(file=file, filename="big.txt")
    assert error.value.line == expected_line
    assert ChatMessage.objects.count() == 0


def test_big_files_parsed_in_a_child_process_keep_every_rule(monkeypatch, tmp_path):
    from knowledge.chats import services as chat_services

    # Files this small normally use the thread; lower the bar to run the
    # child-process path big imports take.
    monkeypatch.setattr(chat_services, "CHILD_PROCESS_MIN_BYTES", 0)
    good = import_fixture("qq_basic.txt", batch_size=3)
    assert good.messages_added == 11
    assert import_fixture("qq_basic.txt").messages_added == 0

    seen = []
    result = import_fixture("qq_later.txt", progress=lambda *args: seen.append(args))
    assert result.messages_added == 3
    assert seen[-1] == ((FIXTURES / "qq_later.txt").stat().st_size, 4)

    before = list(ChatMessage.objects.values_list("pk", "text"))
    lines = [
        f"2019-09-25 10:00:{n % 60:02d} 昵称(12345)\n第{n}条\n\n" for n in range(50)
    ]
    path = tmp_path / "bad.txt"
    path.write_text("".join(lines) + "2019-13-40 10:00:00 昵称(12345)\n坏日期\n")
    with path.open("rb") as file, pytest.raises(ChatFormatError) as error:
        chat_import_file(file, "bad.txt", batch_size=7)
    assert error.value.filename == "bad.txt"
    assert error.value.line == 151
    assert "expected a valid" in str(error.value)
    assert list(ChatMessage.objects.values_list("pk", "text")) == before


def chat_import_file(file, filename, **options):
    from knowledge.chats.services import chat_import

    return chat_import(file=file, filename=filename, **options)
