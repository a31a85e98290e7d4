"""A transcript imported onto a session: stored whole or not at all, shown on the
recap with chapters and permalinks, and found by search at its moment."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from sessions.models import Transcript, TranscriptChapter
from sessions.transcripts.formats import TranscriptFormatError
from sessions.transcripts.services import transcript_import
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "transcript_fixtures"


@pytest.fixture
def session():
    return factories.sharing_session(
        factories.topic_series(title="表格实战", slug="sheets"),
        start=timezone.now() - timedelta(days=2),
        title="表格自动化",
        recording_url="https://www.bilibili.com/video/BV1xx411c7mD",
        recap=factories.recap_stream("今天讲了打卡表。"),
    )


def import_fixture(session, name, **options):
    return transcript_import(
        session=session,
        data=(FIXTURES / name).read_bytes(),
        filename=name,
        **options,
    )


def test_importing_stores_segments_with_speaker_and_offset_and_logs_it(session):
    transcript = import_fixture(session, "feishu.txt")
    assert transcript.format == "feishu"
    assert [(s.start_ms, s.speaker, s.clock) for s in transcript.segments.all()] == [
        (2000, "林 小 雨", "0:02"),
        (750000, "Lao Zhou", "12:30"),
        (3723000, "林 小 雨", "1:02:03"),
    ]
    entry = PageLogEntry.objects.get(action="community_sessions.transcript_import")
    assert entry.page_id == session.pk
    assert entry.data["segments"] == 3


def test_a_broken_file_changes_nothing_and_names_the_line(session):
    import_fixture(session, "share.srt")
    broken = (
        (FIXTURES / "share.srt").read_text().replace("00:12:30,000", "00:1x:30,000")
    )
    with pytest.raises(TranscriptFormatError, match="第 6 行"):
        transcript_import(session=session, data=broken.encode(), filename="b.srt")
    transcript = Transcript.objects.get(session=session)
    assert transcript.format == "srt"
    assert transcript.segments.count() == 3


def test_a_gb18030_export_is_read(session):
    data = (FIXTURES / "tencent.txt").read_text().encode("gb18030")
    transcript = transcript_import(session=session, data=data, filename="会议.txt")
    assert transcript.segments.first().text == "大家晚上好，今天聊表格自动化。"


def test_reimporting_replaces_segments_and_keeps_editor_chapters(session):
    transcript = import_fixture(session, "share.srt")
    TranscriptChapter.objects.create(transcript=transcript, start="12:30", title="合并")
    import_fixture(session, "feishu.txt")
    transcript.refresh_from_db()
    assert transcript.segments.count() == 3
    assert transcript.format == "feishu"
    assert list(transcript.chapters.values_list("title", flat=True)) == ["合并"]


def test_command_imports_onto_a_session_given_by_url(session):
    out = StringIO()
    call_command(
        "import_transcript",
        str(FIXTURES / "share.vtt"),
        "--session",
        f"http://example.org{session.url}",
        stdout=out,
    )
    assert "3 segments (vtt)" in out.getvalue()
    assert session.transcript.segments.count() == 3


def test_command_reports_the_bad_line_and_stores_nothing(session, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("说话人 1 00:00:05\n你好\n\n说话人 2 00:00:0\n再见\n")
    with pytest.raises(CommandError, match=r"bad.txt: 第 4 行"):
        call_command("import_transcript", str(bad), "--session", str(session.pk))
    assert not Transcript.objects.filter(session=session).exists()


def test_recap_shows_chapters_and_a_collapsed_transcript_with_permalinks(
    client, session
):
    import_fixture(session, "tencent.txt")
    soup = BeautifulSoup(client.get(session.url).content, "html.parser")
    details = soup.select_one("details.transcript__body")
    assert details is not None and not details.has_attr("open")
    moment = soup.select_one("#t\\=12m30s")
    assert moment.select_one(".transcript__speaker").get_text() == "Lao Zhou"
    assert moment.select_one(".transcript__time")["href"] == "#t=12m30s"
    play = moment.select_one(".transcript__play")["href"]
    assert play == "https://www.bilibili.com/video/BV1xx411c7mD?t=750"
    assert soup.select_one("#t\\=1h02m03s") is not None
    assert soup.select(".chapters") == []  # no chapters set, no timed headings


def test_recap_headings_given_a_time_become_chapters(client, session):
    import_fixture(session, "share.srt")
    session.recap = json.dumps(
        [
            {"type": "heading", "value": {"text": "开场", "anchor": "", "time": ""}},
            {
                "type": "heading",
                "value": {"text": "合并总表", "anchor": "", "time": "12:30"},
            },
            {
                "type": "heading",
                "value": {"text": "透视表", "anchor": "", "time": "1:02:03"},
            },
        ]
    )
    session.save_revision().publish()
    soup = BeautifulSoup(client.get(session.url).content, "html.parser")
    chapters = [
        (li.select_one("a")["href"], li.get_text(" ", strip=True))
        for li in soup.select(".chapters li")
    ]
    assert chapters == [
        ("#t=12m30s", "12:30 合并总表 播放"),
        ("#t=1h02m03s", "1:02:03 透视表 播放"),
    ]


def test_editor_chapters_take_precedence_over_recap_headings(client, session):
    transcript = import_fixture(session, "share.srt")
    TranscriptChapter.objects.create(
        transcript=transcript, start="0:02", title="开场白"
    )
    soup = BeautifulSoup(client.get(session.url).content, "html.parser")
    assert [a["href"] for a in soup.select(".chapters .transcript__time")] == ["#t=2s"]


def test_a_recap_heading_refuses_a_time_that_is_not_one():
    from wagtail.blocks import StructBlockValidationError

    from sessions.blocks import RecapHeadingBlock

    block = RecapHeadingBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "问答", "anchor": "", "time": "12:75"}))
    assert "time" in error.value.block_errors
    assert block.clean(
        block.to_python({"text": "问答", "anchor": "", "time": "1:02:03"})
    )
