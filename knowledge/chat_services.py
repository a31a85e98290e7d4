"""Writes for chat archives: importing an export, removing a sender on request."""

from __future__ import annotations

import hashlib
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import PurePath
from typing import BinaryIO

from django.db import transaction
from django.db.models import Max
from wagtail.log_actions import log

from .importers import ChatFormatError, TextSource, detect_format, get_importer
from .models.chats import ChatArchive, ChatMessage, Privacy, sender_key_for, sender_salt

#: Rows per INSERT batch: large enough to amortise, small enough to keep memory flat.
BATCH_SIZE = 5000


@dataclass
class ChatImportResult:
    """What one import did."""

    format: str
    archives: list[ChatArchive] = field(default_factory=list)
    messages_read: int = 0
    messages_added: int = 0


def dedupe_key(sent_at, sender_key: str, text: str, occurrence: int) -> str:
    """See ChatMessage: (second in UTC, sender key, normalised text, occurrence)."""
    second = sent_at.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    normalised = " ".join(text.split())
    return hashlib.sha1(
        f"{second}|{sender_key}|{normalised}|{occurrence}".encode(),
        usedforsecurity=False,
    ).hexdigest()


def chat_import(
    *,
    file: BinaryIO,
    filename: str,
    format: str = "",
    archive_title: str = "",
    group_name: str = "",
    session=None,
    privacy: str | None = None,
    timezone: str = "Asia/Shanghai",
    user=None,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ChatImportResult:
    """Import one export file, all or nothing.

    Messages go to the archive named ``archive_title``, else the one for
    ``group_name``, else one archive per conversation found in the file
    (matched on platform + group name, so a later export of the same group
    lands in the same archive). Messages already stored are skipped (see
    ChatMessage.dedupe_key). Raises ChatFormatError (nothing stored) on a
    malformed file, ValueError on a bad option. ``progress(bytes_read,
    messages_read)`` is called after every batch.
    """
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
    salt = sender_salt()
    sender_keys: dict[str, str] = {}
    archives: dict[str, list] = {}  # key -> [archive, next seq, count before]
    fallback_group = PurePath(filename).stem

    def archive_for(conversation: str) -> list:
        key = archive_title or group_name or conversation or fallback_group
        if key not in archives:
            lookup = {"title": archive_title} if archive_title else {}
            lookup.setdefault(
                "group_name", group_name or conversation or fallback_group
            )
            archive = ChatArchive.objects.filter(
                platform=importer.platform, **lookup
            ).first()
            if archive is None:
                archive = ChatArchive.objects.create(
                    platform=importer.platform,
                    title=archive_title or lookup["group_name"],
                    group_name=lookup["group_name"],
                    session=session,
                    privacy=privacy or Privacy.PSEUDONYMISED,
                    timezone=timezone,
                    imported_by=user,
                )
            else:
                changed = {}
                if session is not None and archive.session_id != session.pk:
                    changed["session"] = session
                if privacy and archive.privacy != privacy:
                    changed["privacy"] = privacy
                for name, value in changed.items():
                    setattr(archive, name, value)
            last = archive.messages.aggregate(last=Max("seq"))["last"] or 0
            archives[key] = [archive, last + 1, archive.messages.count()]
            result.archives.append(archive)
        return archives[key]

    batch: list[ChatMessage] = []
    # Occurrences of identical (second, sender, text) within the current second only,
    # so memory stays flat: exports are in time order, duplicates sit together.
    current_second = None
    occurrences: dict[tuple[str, str], int] = {}

    def flush():
        ChatMessage.objects.bulk_create(batch, ignore_conflicts=True)
        batch.clear()
        if progress:
            progress(file.tell() if hasattr(file, "tell") else 0, result.messages_read)

    with transaction.atomic():
        for parsed in importer.parse(source, zone=zone):
            entry = archive_for(parsed.conversation)
            sender_key = sender_keys.get(parsed.sender_id)
            if sender_key is None:
                sender_key = sender_key_for(
                    importer.platform, parsed.sender_id, salt=salt
                )
                sender_keys[parsed.sender_id] = sender_key
            second = parsed.sent_at.timestamp() // 1
            if second != current_second:
                current_second, occurrences = second, {}
            occurrence = occurrences.get((sender_key, parsed.text), 0)
            occurrences[(sender_key, parsed.text)] = occurrence + 1
            batch.append(
                ChatMessage(
                    archive=entry[0],
                    seq=entry[1],
                    sent_at=parsed.sent_at,
                    sender_name=parsed.sender_name[:200],
                    sender_key=sender_key,
                    text=parsed.text,
                    kind=parsed.kind,
                    platform_message_id=parsed.platform_message_id[:64],
                    reply_to_platform_id=parsed.reply_to_platform_id[:64],
                    dedupe_key=dedupe_key(
                        parsed.sent_at, sender_key, parsed.text, occurrence
                    ),
                )
            )
            entry[1] += 1
            result.messages_read += 1
            if len(batch) >= batch_size:
                flush()
        flush()
        if result.messages_read == 0:
            raise ChatFormatError(
                filename, None, f"no messages found; expected a {importer.label}"
            )
        for archive, _seq, before in archives.values():
            # One save per archive: the search outbox queues the archive once,
            # never a million single-message entries.
            archive.refresh_stats()
            result.messages_added += archive.message_count - before
    return result


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
