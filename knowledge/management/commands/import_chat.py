"""manage.py import_chat: import a chat export file into an archive."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from tqdm import tqdm

from knowledge.chats.importers import ChatFormatError, importer_names
from knowledge.chats.services import chat_import
from knowledge.models import Privacy

logger = logging.getLogger(__name__)


def find_session(value: str):
    """A SharingSessionPage by id, or by its URL or path."""
    from sessions.selectors import session_by_id_or_url

    page = session_by_id_or_url(value)
    if page is None:
        raise CommandError(
            f"no sharing session page matches {value!r} (give its id or URL)"
        )
    return page


class Command(BaseCommand):
    help = "Import a chat export (QQ, WeChat CSV/TXT, Telegram JSON, CSV) into a chat archive."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file.")
        parser.add_argument(
            "--format",
            choices=importer_names(),
            help="The export format; detected from the file when omitted.",
        )
        parser.add_argument(
            "--archive", default="", help="Title of the archive to import into."
        )
        parser.add_argument(
            "--group", default="", help="The group's name (default: from file)."
        )
        parser.add_argument(
            "--session", default="", help="Sharing session page id or URL."
        )
        parser.add_argument(
            "--privacy", choices=Privacy.values, help="How sender names are shown."
        )
        parser.add_argument(
            "--timezone",
            default="",
            help="Time zone of the export's local times (default: the community's).",
        )
        parser.add_argument(
            "--use-remarks",
            action="store_true",
            help="WeChat CSV: name senders by your private remarks for them, not "
            "by their own nicknames (remarks are often real names: use with care).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        session = find_session(options["session"]) if options["session"] else None
        size = os.path.getsize(path)
        with (
            path.open("rb") as file,
            tqdm(
                total=size, unit="B", unit_scale=True, desc=path.name, disable=None
            ) as bar,
        ):

            def progress(bytes_read, messages_read):
                bar.update(max(0, bytes_read - bar.n))
                bar.set_postfix(messages=messages_read, refresh=False)

            try:
                result = chat_import(
                    file=file,
                    filename=str(path),
                    format=options["format"] or "",
                    archive_title=options["archive"],
                    group_name=options["group"],
                    session=session,
                    privacy=options["privacy"],
                    timezone=options["timezone"],
                    use_remarks=options["use_remarks"],
                    progress=progress,
                )
            except (ChatFormatError, ValueError) as exc:
                raise CommandError(f"Nothing imported. {exc}") from exc
            except Exception as exc:
                # A bug, not a bad file: a sentence here, the traceback in the log.
                logger.exception("import_chat %s failed", path)
                raise CommandError(
                    gettext("Could not import %(file)s; the reason was logged.")
                    % {"file": path}
                ) from exc
            bar.update(size - bar.n)
        for archive in result.archives:
            self.stdout.write(
                f"{archive.title} (#{archive.pk}): {archive.message_count} messages"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.format}: read {result.messages_read} messages, "
                f"added {result.messages_added}."
            )
        )
        if result.messages_added and not isinstance(
            task_backends["default"], ImmediateBackend
        ):
            # Search is updated by a queued task, not by this command.
            self.stdout.write(
                "Search: the task worker (python manage.py db_worker) indexes the "
                "new messages; without one, run python manage.py search_sync."
            )
