"""Each transcript format reads speakers and offsets, and names the line of a bad block."""

from pathlib import Path

import pytest

from sessions.transcripts.formats import (
    FORMATS,
    TranscriptFormatError,
    detect_format,
    parse_speaker_blocks,
    parse_srt,
    parse_vtt,
)

FIXTURES = Path(__file__).parent / "transcript_fixtures"


def read(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


def summary(segments):
    return [(s.start, s.speaker, s.text) for s in segments]


def test_srt_keeps_offsets_past_the_hour_and_bracketed_speakers_with_spaces():
    assert summary(parse_srt(read("share.srt"))) == [
        (2.5, "林 小 雨", "大家晚上好，今天聊表格自动化。"),
        (750.0, "", "先把每周的打卡表\n合并成一张总表。"),
        (3723.25, "Lao Zhou", "透视表刷新之后记得检查筛选条件。"),
    ]


def test_srt_segments_remember_their_time_line():
    assert [s.line for s in parse_srt(read("share.srt"))] == [2, 6, 11]


def test_srt_block_with_a_broken_time_line_is_reported_at_its_line():
    text = read("share.srt").replace("00:12:30,000 -->", "00:12:3O,000 -->")
    with pytest.raises(TranscriptFormatError) as error:
        parse_srt(text)
    assert error.value.line == 6
    assert "00:01:02,000 --> 00:01:05,000" in error.value.message


def test_vtt_reads_voice_tags_with_spaces_and_skips_notes_and_cue_settings():
    assert summary(parse_vtt(read("share.vtt"))) == [
        (2.5, "林 小 雨", "大家晚上好，今天聊表格自动化。"),
        (750.0, "Lao Zhou", "先把每周的打卡表\n合并成一张总表。"),
        (3723.25, "", "透视表刷新之后记得检查筛选条件。"),
    ]


def test_vtt_cue_with_a_broken_time_line_is_reported_not_dropped():
    text = read("share.vtt").replace("01:02:03.250 -->", "01:02:03 -->")
    with pytest.raises(TranscriptFormatError) as error:
        parse_vtt(text)
    assert error.value.line == 15


def test_vtt_without_its_signature_line_is_refused_at_line_one():
    with pytest.raises(TranscriptFormatError) as error:
        parse_vtt(read("share.vtt").replace("WEBVTT", "WEBTV", 1))
    assert error.value.line == 1


def test_tencent_export_skips_the_heading_and_empty_blocks_and_keeps_paragraphs():
    assert summary(parse_speaker_blocks(read("tencent.txt"))) == [
        (2, "说话人 1", "大家晚上好，今天聊表格自动化。"),
        (
            750,
            "Lao Zhou",
            "先把每周的打卡表合并成一张总表。\n我们约 20:30 再对一遍数据。",
        ),
        (3723, "说话人 1", "透视表刷新之后记得检查筛选条件。"),
    ]


def test_feishu_export_reads_minutes_under_the_hour_and_hours_after():
    assert summary(parse_speaker_blocks(read("feishu.txt"))) == [
        (2, "林 小 雨", "大家晚上好，今天聊表格自动化。"),
        (750, "Lao Zhou", "先把每周的打卡表\n合并成一张总表。"),
        (3723, "林 小 雨", "透视表刷新之后记得检查筛选条件。"),
    ]


def test_meeting_export_with_an_impossible_time_names_its_line():
    text = read("feishu.txt").replace("Lao Zhou 12:30", "Lao Zhou 12:75")
    with pytest.raises(TranscriptFormatError) as error:
        parse_speaker_blocks(text)
    assert error.value.line == 12
    assert "12:75" in str(error.value)


def test_meeting_export_with_a_mistyped_header_names_its_line():
    text = read("feishu.txt").replace("林 小 雨 1:02:03", "林 小 雨 1:2")
    with pytest.raises(TranscriptFormatError) as error:
        parse_speaker_blocks(text)
    assert error.value.line == 16


def test_meeting_export_whose_times_go_backwards_names_the_line():
    text = read("tencent.txt").replace("说话人 1  01:02:03", "说话人 1  00:05:00")
    with pytest.raises(TranscriptFormatError) as error:
        parse_speaker_blocks(text)
    assert error.value.line == 16


@pytest.mark.parametrize(
    ("filename", "fixture", "expected"),
    [
        ("share.srt", "share.srt", "srt"),
        ("export.txt", "share.srt", "srt"),
        ("export.txt", "share.vtt", "vtt"),
        ("妙记.txt", "feishu.txt", "feishu"),
        ("会议转写.txt", "tencent.txt", "tencent"),
    ],
)
def test_format_is_detected_from_the_name_or_the_content(filename, fixture, expected):
    assert detect_format(filename, read(fixture)) == expected


def test_every_format_reads_the_same_three_moments_from_its_sample():
    samples = {"srt": "share.srt", "vtt": "share.vtt"}
    samples |= {"tencent": "tencent.txt", "feishu": "feishu.txt"}
    for name, fixture in samples.items():
        assert [int(s.start) for s in FORMATS[name](read(fixture))] == [2, 750, 3723]
