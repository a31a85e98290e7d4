"""manage.py import_transcript: store a transcript file on a session."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sessions.selectors import session_by_id_or_url
from sessions.transcripts.formats import FORMATS, TranscriptFormatError
from sessions.transcripts.services import transcript_import


class Command(BaseCommand):
    help = (
        "Import a transcript (SRT, WebVTT, Tencent Meeting or Feishu Minutes text) "
        "onto a sharing session; replaces its segments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The transcript file.")
        parser.add_argument(
            "--session", required=True, help="Sharing session page id or URL."
        )
        parser.add_argument(
            "--format",
            choices=list(FORMATS),
            help="The file's format; detected from its name and content when omitted.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        session = session_by_id_or_url(options["session"])
        if session is None:
            raise CommandError(
                f"no sharing session page matches {options['session']!r} "
                "(give its id or URL)"
            )
        try:
            transcript = transcript_import(
                session=session,
                data=path.read_bytes(),
                filename=path.name,
                format=options["format"] or "",
            )
        except TranscriptFormatError as error:
            raise CommandError(f"{path.name}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{transcript.segment_count} segments ({transcript.format}) "
                f"imported onto “{session.title}”."
            )
        )
