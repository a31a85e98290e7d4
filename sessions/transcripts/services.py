"""Storing a transcript file on a session, and reading it back for the page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import timecodes
from .formats import FORMATS, TranscriptFormatError, detect_format
from .models import Transcript, TranscriptSegment

#: Exports from Chinese Windows tools are often GB18030 rather than UTF-8.
ENCODINGS = ("utf-8-sig", "gb18030")


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TranscriptFormatError(None, _("the file is neither UTF-8 nor GB18030 text"))


def transcript_import(
    *, session, data: bytes, filename: str, format: str = "", user=None
) -> Transcript:
    """Parse ``data`` and make it the session's transcript, all or nothing.

    Raises TranscriptFormatError (naming the line) and changes nothing when
    the file cannot be read; ValueError for an unknown format name. A
    re-import replaces the segments; chapters an editor set are kept.
    """
    if format and format not in FORMATS:
        raise ValueError(
            _("unknown format %(format)s; choose %(choices)s")
            % {"format": format, "choices": ", ".join(FORMATS)}
        )
    text = _decode(data)
    if not text.strip():
        raise TranscriptFormatError(None, _("the file is empty"))
    format = format or detect_format(filename, text)
    parsed = FORMATS[format](text)
    if not parsed:
        raise TranscriptFormatError(
            None,
            _("no transcript segments found; is this a %(label)s file?")
            % {"label": FORMATS[format].label},
        )
    with transaction.atomic():
        transcript, _created = Transcript.objects.get_or_create(session=session)
        transcript.segments.all().delete()
        TranscriptSegment.objects.bulk_create(
            TranscriptSegment(
                transcript=transcript,
                position=position,
                start_ms=round(segment.start * 1000),
                end_ms=None if segment.end is None else round(segment.end * 1000),
                speaker=segment.speaker[:120],
                text=segment.text,
            )
            for position, segment in enumerate(parsed)
        )
        transcript.format = format
        transcript.source_name = filename[:255]
        transcript.segment_count = len(parsed)
        transcript.imported_by = user
        transcript.save()  # queues the transcript for search
        log(
            instance=session,
            action="community_sessions.transcript_import",
            user=user,
            data={"file": filename, "format": format, "segments": len(parsed)},
        )
    return transcript


@dataclass(frozen=True)
class Chapter(timecodes.AtMoment):
    seconds: int
    title: str


def session_chapters(session, transcript: Transcript | None) -> list[Chapter]:
    """The chapters an editor set on the transcript, else recap headings given a time."""
    if transcript is not None:
        chapters = [
            Chapter(chapter.seconds, chapter.title)
            for chapter in transcript.chapters.all()
        ]
        if chapters:
            return sorted(chapters, key=lambda chapter: chapter.seconds)
    chapters = []
    for block in session.recap:
        if block.block_type != "heading":
            continue
        seconds = timecodes.parse_clock(block.value.get("time") or "")
        if seconds is not None:
            chapters.append(Chapter(seconds, block.value["text"]))
    return sorted(chapters, key=lambda chapter: chapter.seconds)
