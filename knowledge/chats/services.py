"""Writes for chat archives: importing an export, removing a sender on request.

Both write their own entry in Wagtail's audit log, so an import from the
admin, from ``manage.py import_chat`` or from the demo leaves the same history.
"""

from __future__ import annotations

import gc
import os
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from django.db import connection, transaction
from django.db.models import Max
from wagtail.log_actions import log

from sessions.community.conf import community_timezone

from .importers import ChatFormatError, TextSource, detect_format, get_importer
from .models import ChatArchive, ChatMessage, Privacy
from .pipeline import file_size, in_background, in_child_process
from .session_links import chat_archive_link_sessions
from .staging import (
    staged_insert_sql,
    staged_publish,
    staging_clear_stale,
    staging_discard,
    staging_token,
)
from .writer import (
    BATCH_SIZE,
    SQLITE_BATCH_GAP,
    prepared_batches,
    time_adapter,
    write_batches,
)

#: Files at least this big are parsed in a child process while this one writes.
#: A thread overlaps only SQLite's own stepping (parsing and binding rows both
#: need the GIL), so with a thread an import runs at 1 / (parse + write); with
#: a process at 1 / max(parse, write), which on two cores about doubles the
#: rate of a big import (bench/import_chat.py). Small files keep the thread:
#: starting a process costs more than it saves.
CHILD_PROCESS_MIN_BYTES = 8 * 1024 * 1024


@dataclass
class ChatImportResult:
    """What one import did."""

    format: str
    archives: list[ChatArchive] = field(default_factory=list)
    messages_read: int = 0
    messages_added: int = 0


def chat_import(
    *,
    file: BinaryIO,
    filename: str,
    format: str = "",
    archive_title: str = "",
    group_name: str = "",
    session=None,
    privacy: str | None = None,
    timezone: str = "",
    use_remarks: bool = False,
    user=None,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ChatImportResult:
    """Import one export file, all or nothing.

    Messages go to the archive named ``archive_title``, else the one for
    ``group_name``, else one archive per conversation found in the file
    (matched on platform + group name, so a later export of the same group
    lands in the same archive). Messages already stored are skipped (see
    ChatMessage). Raises ChatFormatError (nothing stored) on a
    malformed file, ValueError on a bad option. ``timezone`` defaults to the
    community's. ``use_remarks``: WeChat CSV sender names from the exporter's
    private remarks, not the members' nicknames (only when asked: remarks are
    often real names or notes). Each archive written to gets an entry in Wagtail's audit log. ``progress(bytes_read,
    messages_read)`` is called after every batch.
    """
    timezone = timezone or community_timezone().key
    try:
        zone = zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {timezone!r}; expected e.g. Asia/Shanghai"
        ) from None
    if privacy and privacy not in Privacy.values:
        raise ValueError(
            f"unknown privacy mode {privacy!r}; choose {', '.join(Privacy.values)}"
        )
    source = TextSource(file, filename)
    if not source.head.lstrip("\ufeff").strip():
        raise ChatFormatError(
            filename, None, "the file is empty; expected a chat export"
        )
    importer = get_importer(format) if format else detect_format(source)
    result = ChatImportResult(format=importer.name)
    # key -> [slot, next staged seq, existing archive or None, archive lookup];
    # staged seqs count from 0 and are shifted past the archive's last on publishing.
    entries: dict[str, list] = {}
    fallback_group = PurePath(filename).stem

    def slot_for(conversation: str) -> list:
        key = archive_title or group_name or conversation or fallback_group
        if key not in entries:
            lookup = {"title": archive_title} if archive_title else {}
            # A name from the file may be longer than the column (PostgreSQL refuses).
            lookup.setdefault(
                "group_name", (group_name or conversation or fallback_group)[:200]
            )
            archive = ChatArchive.objects.filter(
                platform=importer.platform, **lookup
            ).first()
            entries[key] = [len(entries), 0, archive, lookup]
        return entries[key]

    adapt_time = time_adapter()

    def batches_with_position():
        """(rows, bytes read so far) per batch; runs in a worker thread or process."""
        for batch in prepared_batches(
            importer.read(source, zone=zone, use_remarks=use_remarks),
            platform=importer.platform,
            adapt_time=adapt_time,
            batch_size=batch_size,
        ):
            yield batch, file.tell()

    if file_size(file) >= CHILD_PROCESS_MIN_BYTES and hasattr(os, "fork"):
        batches = in_child_process(batches_with_position)
    else:
        batches = in_background(batches_with_position())
    staging_clear_stale()
    token = staging_token()
    # The import allocates millions of short-lived tuples; without freezing,
    # the collector's full passes rescan every object Django and Wagtail hold.
    gc.freeze()
    try:
        write_batches(
            batches,
            sql=staged_insert_sql(),
            token=token,
            slot_for=slot_for,
            result=result,
            importer=importer,
            filename=filename,
            progress=progress,
        )
        published = []  # (archive, created by this run, its first new seq)
        options = {
            "session": session,
            "privacy": privacy,
            "timezone": timezone,
            "user": user,
        }
        try:
            for slot, _seq, archive, lookup in entries.values():
                archive = _publish(
                    archive,
                    lookup,
                    token=token,
                    slot=slot,
                    result=result,
                    platform=importer.platform,
                    filename=filename,
                    options=options,
                    published=published,
                )
                result.archives.append(archive)
        except BaseException:
            _unpublish(published)
            raise
        return result
    finally:
        gc.unfreeze()
        # Published or failed, the staged rows have served.
        staging_discard(token=token)


def _publish(
    archive, lookup, *, token, slot, result, platform, filename, options, published
):
    """Make one archive's staged messages visible; returns the archive (created
    here when new) after adding it to ``published`` for _unpublish."""
    session, privacy, user = options["session"], options["privacy"], options["user"]
    changed = []
    with transaction.atomic():
        created = archive is None
        if created:
            archive = ChatArchive.objects.create(
                platform=platform,
                title=lookup.get("title", lookup["group_name"])[:200],
                group_name=lookup["group_name"],
                session=session,
                privacy=privacy or Privacy.PSEUDONYMISED,
                timezone=options["timezone"],
                imported_by=user,
            )
        else:
            if session is not None and archive.session_id != session.pk:
                archive.session = session
                changed.append("session")
            if privacy and archive.privacy != privacy:
                archive.privacy = privacy
                changed.append("privacy")
        last_seq = archive.messages.aggregate(last=Max("seq"))["last"] or 0
    published.append((archive, created, last_seq + 1))
    # The messages just imported go to the session given, as they are
    # published (one pass, not an UPDATE after it).
    added = staged_publish(
        token=token,
        slot=slot,
        archive_id=archive.pk,
        first_seq=last_seq + 1,
        session_id=session.pk if session is not None else None,
        gap=SQLITE_BATCH_GAP if connection.vendor == "sqlite" else 0.0,
    )
    with transaction.atomic():
        # At most one save per archive: the search outbox queues the archive
        # once, never a million single-message entries; and not at all when the
        # file added nothing (a re-upload), which would re-index it all.
        if changed:
            archive.save(update_fields=changed)
        if added:
            archive.refresh_stats()
        result.messages_added += added
        if session is None:
            # Every unattached message goes to the session whose window holds
            # it; messages attached before keep their session, so re-importing
            # keeps the links.
            chat_archive_link_sessions(archive=archive)
        log(
            instance=archive,
            action="knowledge.chat_import",
            user=user,
            data={"file": filename, "added": added},
        )
    return archive


def _unpublish(published) -> None:
    """Undo a publish that failed part-way: remove the messages this run added
    (the seqs it gave out) and the archives it created, so nothing is half-stored."""
    with transaction.atomic():
        for archive, created, first_seq in published:
            if created:
                archive.delete()
            else:
                archive.messages.filter(seq__gte=first_seq).delete()


def chat_remove_sender(*, message: ChatMessage, everywhere: bool, user=None) -> int:
    """Remove every message of ``message``'s sender from its archive, or from all archives.

    Each archive touched is saved (so search re-indexes it without those
    messages) and the removal is written to Wagtail's audit log. Returns the
    number of messages removed.
    """
    sender_key = message.sender_key
    messages = ChatMessage.objects.filter(sender_key=sender_key)
    if not everywhere:
        messages = messages.filter(archive_id=message.archive_id)
    removed = 0
    with transaction.atomic():
        archive_ids = list(messages.values_list("archive_id", flat=True).distinct())
        for archive in ChatArchive.objects.filter(pk__in=archive_ids):
            count, _ = archive.messages.filter(sender_key=sender_key).delete()
            removed += count
            archive.refresh_stats()
            log(
                instance=archive,
                action="knowledge.chat_remove_sender",
                user=user,
                data={
                    "sender": sender_key[:8],
                    "messages": count,
                    "everywhere": everywhere,
                },
            )
    return removed
