"""A chat import writes in short transactions to a staging table and publishes
all of a file at once: half-way, readers see none of it; a failed import
leaves no archive, message or staged row; rows of a dead import are removed."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from knowledge.chats.importers import ChatFormatError
from knowledge.chats.services import chat_import
from knowledge.chats.staging import STALE_AFTER
from knowledge.models import ChatArchive, ChatMessage, StagedChatMessage

pytestmark = pytest.mark.django_db


def plain_csv(count: int, *, tail: str = "") -> BytesIO:
    lines = ["time,sender,text"] + [
        f"2024-06-01 19:{n // 60:02d}:{n % 60:02d},成员{n % 7},第{n}条消息"
        for n in range(count)
    ]
    return BytesIO(("\n".join(lines) + "\n" + tail).encode())


def stored() -> tuple[int, int]:
    return ChatArchive.objects.count(), ChatMessage.objects.count()


def test_half_way_through_an_import_readers_see_neither_its_archive_nor_its_messages():
    before = stored()
    seen_half_way = []

    def progress(_bytes, messages_read):
        seen_half_way.append(
            (messages_read, stored(), StagedChatMessage.objects.count())
        )

    result = chat_import(
        file=plain_csv(30), filename="分享群.csv", batch_size=10, progress=progress
    )

    assert [read for read, _stored, _staged in seen_half_way] == [10, 20, 30]
    assert {visible for _read, visible, _staged in seen_half_way} == {before}
    assert [staged for _read, _visible, staged in seen_half_way] == [10, 20, 30]
    assert result.messages_added == 30
    assert stored() == (before[0] + 1, before[1] + 30)
    assert StagedChatMessage.objects.count() == 0
    archive = ChatArchive.objects.get(group_name="分享群")
    assert archive.message_count == 30
    assert list(archive.messages.order_by("seq").values_list("text", flat=True)) == [
        f"第{n}条消息" for n in range(30)
    ]


def test_an_import_failing_after_some_batches_leaves_no_archive_message_or_staged_row():
    before = stored()

    with pytest.raises(ChatFormatError) as error:
        chat_import(
            file=plain_csv(30, tail="2024-13-40 10:00:00,坏,坏日期\n"),
            filename="坏群.csv",
            batch_size=10,
        )

    assert error.value.filename == "坏群.csv"
    assert stored() == before
    assert StagedChatMessage.objects.count() == 0


def test_a_re_import_adds_only_new_messages_after_the_archive_s_last_in_file_order():
    chat_import(file=plain_csv(20), filename="分享群.csv", batch_size=7)

    again = chat_import(file=plain_csv(25), filename="分享群.csv", batch_size=7)

    archive = ChatArchive.objects.get(group_name="分享群")
    assert again.messages_read == 25
    assert again.messages_added == 5
    assert archive.message_count == 25
    in_time_order = list(archive.messages.values_list("seq", flat=True))
    assert in_time_order == sorted(set(in_time_order))
    assert in_time_order[:20] == list(range(1, 21))
    assert min(in_time_order[20:]) > 20


def test_rows_of_an_import_that_died_are_removed_by_the_next_import():
    fields = {
        "slot": 0,
        "seq": 0,
        "sent_at": timezone.now(),
        "sender_key": "k",
        "kind": "text",
        "dedupe_hash": 1,
    }
    dead = timezone.now() - STALE_AFTER - timedelta(minutes=1)
    StagedChatMessage.objects.create(
        token=1, staged_at=dead, text="死掉的导入", **fields
    )
    StagedChatMessage.objects.create(
        token=2, staged_at=timezone.now(), text="还在进行的导入", **fields
    )

    chat_import(file=plain_csv(3), filename="分享群.csv")

    assert list(StagedChatMessage.objects.values_list("text", flat=True)) == [
        "还在进行的导入"
    ]


def test_publishing_in_chunks_keeps_file_order_and_skips_repeats_across_chunks(
    monkeypatch,
):
    monkeypatch.setattr("knowledge.chats.staging.PUBLISH_CHUNK", 4)
    repeated = "2024-06-01 19:00:03,成员3,第3条消息\n"  # the same line again, later

    result = chat_import(
        file=plain_csv(10, tail=repeated), filename="分享群.csv", batch_size=3
    )

    archive = ChatArchive.objects.get(group_name="分享群")
    assert result.messages_added == 10
    assert list(archive.messages.order_by("seq").values_list("text", flat=True)) == [
        f"第{n}条消息" for n in range(10)
    ]


def test_a_publish_failing_part_way_removes_the_messages_it_had_copied(monkeypatch):
    """Publishing copies in chunks of short transactions; a failure after some
    chunks leaves the archive as it was before the import."""
    chat_import(file=plain_csv(5), filename="分享群.csv")
    before = stored()
    monkeypatch.setattr("knowledge.chats.staging.PUBLISH_CHUNK", 4)

    copied = []

    def fail_after_copying(self):
        copied.append(self.messages.count())
        raise RuntimeError("disk full")

    monkeypatch.setattr(ChatArchive, "refresh_stats", fail_after_copying)

    with pytest.raises(RuntimeError):
        chat_import(file=plain_csv(25), filename="分享群.csv")
    with pytest.raises(RuntimeError):
        chat_import(file=plain_csv(8), filename="新群.csv")

    assert copied == [25, 8]  # every chunk had been copied when it failed
    assert stored() == before
    assert not ChatArchive.objects.filter(group_name="新群").exists()
    assert StagedChatMessage.objects.count() == 0
