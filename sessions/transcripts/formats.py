"""Transcript file formats: SRT, WebVTT, Tencent Meeting and Feishu Minutes text.

Every parser takes the file's text and returns ``ParsedSegment``s in file
order, or raises ``TranscriptFormatError`` naming the line. Subtitle files go
through well-kept parsers (``srt``, ``webvtt-py``); the meeting tools' text
exports are blocks of "speaker, time" then the words said, which a few lines
read here.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import srt
import webvtt
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ParsedSegment:
    """One stretch of speech: offset from the recording's start, in seconds."""

    start: float
    end: float | None
    speaker: str
    text: str
    line: int


class TranscriptFormatError(ValueError):
    """The file cannot be read as the format; ``line`` is 1-based (None: whole file)."""

    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Line %(line)s: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


# Subtitles: a speaker is named only where the file says so unambiguously, in
# a WebVTT voice tag (<v 张三>) or a bracketed prefix ([张三] / 【张三】). A
# "张三：" prefix is not taken: "注意：" starts ordinary sentences just as often.
_BRACKETED_SPEAKER = re.compile(r"^\s*(?:\[([^\]]{1,60})\]|【([^】]{1,60})】)\s*")
_TAG = re.compile(r"<[^>]+>")


def _speaker_and_text(text: str) -> tuple[str, str]:
    match = _BRACKETED_SPEAKER.match(text)
    if not match:
        return "", text.strip()
    return (match.group(1) or match.group(2)).strip(), text[match.end() :].strip()


def _line_of(text: str, char: int) -> int:
    return text.count("\n", 0, char) + 1


_SRT_TIMING = re.compile(
    r"^\d+:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d+:\d{2}:\d{2}[,.]\d{1,3}(?:\s.*)?$"
)


def _srt_expected():  # noqa: N802 - a message, translated when raised
    return _(
        "expected a subtitle block: a number, a time line "
        "“00:01:02,000 --> 00:01:05,000”, then text"
    )


def parse_srt(text: str) -> list[ParsedSegment]:
    """SubRip (.srt) through the ``srt`` library, strict so nothing is dropped silently."""
    # ``srt`` reads a block whose time line is mistyped as more text of the
    # block before, so every line with an arrow is checked first. Then the
    # n-th time line is the n-th cue's, which gives each segment its line.
    timing_lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "-->" in line:
            if not _SRT_TIMING.match(line.strip()):
                raise TranscriptFormatError(number, _srt_expected())
            timing_lines.append(number)
    segments = []
    try:
        for number, cue in enumerate(srt.parse(text, ignore_errors=False)):
            speaker, words = _speaker_and_text(_TAG.sub("", cue.content))
            if words:
                segments.append(
                    ParsedSegment(
                        start=cue.start.total_seconds(),
                        end=cue.end.total_seconds(),
                        speaker=speaker,
                        text=words,
                        line=timing_lines[number] if number < len(timing_lines) else 0,
                    )
                )
    except srt.SRTParseError as error:
        unread = text[error.expected_start :]
        first = error.expected_start + len(unread) - len(unread.lstrip())
        raise TranscriptFormatError(_line_of(text, first), _srt_expected()) from None
    return segments


_VTT_TIMING = re.compile(
    r"^(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}(?:\s.*)?$"
)
_VTT_BLOCKS_WITHOUT_CUES = ("NOTE", "STYLE", "REGION")


def _vtt_check(text: str) -> list[int]:
    """The line of each cue, after checking every block's timing line.

    webvtt-py skips a cue whose timing it cannot read; a transcript that
    silently loses sentences is worse than a clear error, so each block is
    checked here first.
    """
    lines = text.splitlines()
    if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptFormatError(1, _("a WebVTT file starts with “WEBVTT”"))
    cue_lines = []
    number = 1
    while number < len(lines) and lines[number].strip():  # header lines (Kind: …)
        number += 1
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        block_start = number
        block = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        if block[0].startswith(_VTT_BLOCKS_WITHOUT_CUES):
            continue
        timing = 0 if "-->" in block[0] else 1
        if timing >= len(block) or not _VTT_TIMING.match(block[timing].strip()):
            raise TranscriptFormatError(
                block_start + timing + 1,
                _("expected a cue time line “00:01:02.000 --> 00:01:05.000”"),
            )
        cue_lines.append(block_start + timing + 1)
    return cue_lines


def parse_vtt(text: str) -> list[ParsedSegment]:
    """WebVTT (.vtt) through ``webvtt-py``; a voice tag (<v 张三>) names the speaker."""
    cue_lines = _vtt_check(text)
    try:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff"))).captions
    except webvtt.errors.MalformedFileError as error:
        raise TranscriptFormatError(None, str(error)) from None
    if len(captions) != len(cue_lines):  # a cue webvtt-py could not read
        raise TranscriptFormatError(None, _("some cues could not be read"))
    segments = []
    for caption, line in zip(captions, cue_lines, strict=True):
        speaker, words = _speaker_and_text(caption.text)
        speaker = (caption.voice or speaker or "").strip()
        if words:
            segments.append(
                ParsedSegment(
                    start=caption.start_in_seconds
                    + caption.start_time.milliseconds / 1000,
                    end=caption.end_in_seconds + caption.end_time.milliseconds / 1000,
                    speaker=speaker,
                    text=words,
                    line=line,
                )
            )
    return segments


# Meeting tools: a block opens with the speaker, then the time the speech
# starts at (Feishu writes mm:ss under an hour; Tencent h:mm:ss, sometimes in
# parentheses), and the words follow on the next lines. Blocks are separated
# by blank lines, and only a block's first line is read as a header: a
# sentence ending in a time ("我们约 20:30") inside a block stays a sentence.
_BLOCK_HEADER = re.compile(
    r"^(?P<speaker>\S.{0,79}?)\s*"
    r"(?:[(（]\s*(?P<paren>[\d:]+)\s*[)）]|\s(?P<bare>\d{1,3}(?::\d{2}){1,2}))$"
)
# A meeting's date line ("会议时间：2026/11/24 20:00:00") also ends in a time;
# a speaker's name holds no date and does not end in a colon.
_NOT_A_SPEAKER = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|[:：]$")
# A block start that was meant as a header but whose time is mistyped.
_BROKEN_HEADER = re.compile(r"^\S.{0,79}?\s[\d:：.]*\d[\d:：.]*$")


def _clock_seconds(value: str) -> int | None:
    parts = value.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if numbers[-1] >= 60 or (len(numbers) == 3 and numbers[1] >= 60):
        return None
    seconds = 0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


_HEADER_EXAMPLE = "说话人 1 00:01:23"


def parse_speaker_blocks(text: str) -> list[ParsedSegment]:
    """Blocks of "speaker time" then text, as Tencent Meeting and Feishu export them.

    Lines before the first block (meeting title, date, keywords) are the
    export's own heading and are skipped. A block without words is left out;
    a paragraph after a blank line inside a speech continues that speech.
    """
    segments: list[ParsedSegment] = []
    header = None  # (line, speaker, seconds) of the block being read
    words: list[str] = []

    def close():
        if header and words:
            line, speaker, seconds = header
            segments.append(
                ParsedSegment(
                    start=seconds,
                    end=None,
                    speaker=speaker,
                    text="\n".join(words),
                    line=line,
                )
            )

    block_start = True
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line:
            block_start = True
            continue
        match = _BLOCK_HEADER.match(line) if block_start else None
        if match and _NOT_A_SPEAKER.search(match.group("speaker").strip()):
            match = None
        if match:
            value = match.group("paren") or match.group("bare")
            seconds = _clock_seconds(value)
            if seconds is None:
                raise TranscriptFormatError(
                    number,
                    _("“%(time)s” is not a time; expected mm:ss or h:mm:ss")
                    % {"time": value},
                )
            if header and seconds < header[2]:
                raise TranscriptFormatError(
                    number,
                    _("the time goes back to %(time)s; blocks must be in time order")
                    % {"time": value},
                )
            close()
            header, words = (number, match.group("speaker").strip(), seconds), []
        elif header and block_start and _BROKEN_HEADER.match(line):
            raise TranscriptFormatError(
                number,
                _(
                    "expected a block header, the speaker then the time, "
                    "e.g. “%(example)s”"
                )
                % {"example": _HEADER_EXAMPLE},
            )
        elif header:
            words.append(line)
        block_start = False
    close()
    return segments


@dataclass(frozen=True)
class TranscriptFormat:
    name: str
    label: str
    extensions: tuple[str, ...]
    parse: object

    def __call__(self, text: str) -> list[ParsedSegment]:
        return self.parse(text)


FORMATS = {
    f.name: f
    for f in (
        TranscriptFormat("srt", "SubRip (.srt)", (".srt",), parse_srt),
        TranscriptFormat("vtt", "WebVTT (.vtt)", (".vtt",), parse_vtt),
        TranscriptFormat(
            "tencent", "腾讯会议 (Tencent Meeting) .txt", (), parse_speaker_blocks
        ),
        TranscriptFormat(
            "feishu", "飞书妙记 (Feishu Minutes) .txt", (), parse_speaker_blocks
        ),
    )
}


def detect_format(filename: str, text: str) -> str:
    """The format by file extension, else by content."""
    lower = filename.lower()
    for name, fmt in FORMATS.items():
        if lower.endswith(fmt.extensions):
            return name
    head = text.lstrip("\ufeff")[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    if re.match(r"\s*\d+\s*\n\s*\d{2}:\d{2}:\d{2},\d{3}\s+-->", head):
        return "srt"
    if "飞书" in head or "妙记" in head or "文字记录" in head:
        return "feishu"
    return "tencent"
