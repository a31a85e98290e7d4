"""Writes for chat archives: importing an export, removing a sender on request."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import threading
import zlib
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import PurePath
from typing import BinaryIO

from django.db import connection, transaction
from django.db.models import Max
from wagtail.log_actions import log

from .importers import ChatFormatError, TextSource, detect_format, get_importer
from .models.chats import ChatArchive, ChatMessage, Privacy, sender_key_for, sender_salt

#: Rows per INSERT batch: large enough to amortise, small enough to keep memory flat.
BATCH_SIZE = 5000

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


def dedupe_hash(sender_key: str, text: str, occurrence: int) -> int:
    """See ChatMessage: CRC-32 of (sender key, normalised text, occurrence).

    32 bits are plenty: the hash only has to tell apart messages stored
    under the same archive *and the same second* (the unique key is
    archive, sent_at, hash), a handful at most; a cryptographic hash cost
    measurably more per message in big imports.
    """
    normalised = " ".join(text.split())
    return zlib.crc32(f"{sender_key}|{normalised}|{occurrence}".encode())


INSERT_COLUMNS = [
    "archive_id",
    "seq",
    "sent_at",
    "sender_name",
    "sender_key",
    "text",
    "kind",
    "platform_message_id",
    "reply_to_platform_id",
    "dedupe_hash",
]


def insert_sql() -> str:
    """A plain INSERT that skips rows already stored (SQLite and PostgreSQL).

    Used instead of bulk_create: building a model instance and compiling
    every value costs ~30 µs a row, which alone caps an import at ~30,000
    messages/s (measured with bench/import_chat.py); batches of tuples through
    executemany run at the speed of the database.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in INSERT_COLUMNS)
    values = ", ".join(["%s"] * len(INSERT_COLUMNS))
    table = quote(ChatMessage._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING"  # noqa: S608 (names are ours)


def time_adapter():
    """How sent_at values go to the database in our raw INSERT.

    SQLite: the text Django itself stores for an aware datetime (UTC,
    "YYYY-MM-DD HH:MM:SS", whole seconds here), computed without the settings
    lookups of ``adapt_datetimefield_value``; elsewhere Django's adapter.
    """
    if connection.vendor != "sqlite":
        return connection.ops.adapt_datetimefield_value
    # Messages come minutes apart at most, so the UTC text of each minute is
    # computed once: this runs a million times in a big import.
    seconds = [f"{second:02d}" for second in range(60)]
    minutes: dict[tuple, str] = {}

    def adapt(value):
        minute = (
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.tzinfo,
        )
        prefix = minutes.get(minute)
        if prefix is None:
            if len(minutes) > 10_000:
                minutes.clear()
            prefix = str(value.replace(second=0).astimezone(UTC))[:17]
            minutes[minute] = prefix
        return prefix + seconds[value.second]

    return adapt


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
    ChatMessage). Raises ChatFormatError (nothing stored) on a
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

    sql = insert_sql()
    adapt_time = time_adapter()

    def batches_with_position():
        """(rows, bytes read so far) per batch; runs in a worker thread or process."""
        for batch in prepared_batches(
            importer.parse(source, zone=zone),
            platform=importer.platform,
            adapt_time=adapt_time,
            batch_size=batch_size,
        ):
            yield batch, file.tell()

    if _file_size(file) >= CHILD_PROCESS_MIN_BYTES and hasattr(os, "fork"):
        batches = in_child_process(batches_with_position)
    else:
        batches = in_background(batches_with_position())
    # The import allocates millions of short-lived tuples; without freezing,
    # the collector's full passes rescan every object Django and Wagtail hold.
    gc.freeze()
    try:
        return _import_rows(
            batches,
            sql,
            archive_for,
            archives,
            result,
            importer,
            filename,
            file,
            progress,
        )
    finally:
        gc.unfreeze()


def _import_rows(
    batches, sql, archive_for, archives, result, importer, filename, file, progress
):
    """chat_import's write phase: one transaction, one INSERT batch at a time."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Parsing runs in a worker (see CHILD_PROCESS_MIN_BYTES) while this
        # process writes the previous batch. The dedupe hash is computed here,
        # not there: the parser is the slower side of a big import.
        for batch, position in batches:
            rows = []
            for (
                conversation,
                sent_at,
                sender_name,
                sender_key,
                text,
                kind,
                message_id,
                reply_to,
                occurrence,
            ) in batch:
                entry = archive_for(conversation)
                rows.append(
                    (
                        entry[0].pk,
                        entry[1],
                        sent_at,
                        sender_name,
                        sender_key,
                        text,
                        kind,
                        message_id,
                        reply_to,
                        dedupe_hash(sender_key, text, occurrence),
                    )
                )
                entry[1] += 1
            cursor.executemany(sql, rows)
            result.messages_read += len(rows)
            if progress:
                progress(position, result.messages_read)
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


def prepared_batches(messages, *, platform, adapt_time, batch_size):
    """Lists of row values, conversation first and occurrence last (the writer
    turns it into the dedupe hash); no database access.

    Sender ids become salted keys here. Occurrences of identical
    (second, sender, text) are counted within the
    current second only, so memory stays flat: exports are in time order and
    duplicates sit together.
    """
    salt = sender_salt()
    sender_keys: dict[str, str] = {}
    current_second = None
    occurrences: dict[tuple[str, str], int] = {}
    batch = []
    for parsed in messages:
        sender_key = sender_keys.get(parsed.sender_id)
        if sender_key is None:
            sender_key = sender_key_for(platform, parsed.sender_id, salt=salt)
            sender_keys[parsed.sender_id] = sender_key
        sent_at = parsed.sent_at
        if sent_at.microsecond:
            sent_at = sent_at.replace(microsecond=0)
        stored_time = adapt_time(sent_at)
        if stored_time != current_second:  # cheaper than comparing aware datetimes
            current_second, occurrences = stored_time, {}
        text = parsed.text
        occurrence = occurrences.get((sender_key, text), 0)
        occurrences[(sender_key, text)] = occurrence + 1
        batch.append(
            (
                parsed.conversation,
                stored_time,
                parsed.sender_name[:200],
                sender_key,
                text,
                parsed.kind,
                parsed.platform_message_id[:64],
                parsed.reply_to_platform_id[:64],
                occurrence,
            )
        )
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _file_size(file) -> int:
    position = file.tell()
    size = file.seek(0, os.SEEK_END)
    file.seek(position)
    return size


_DONE = object()


def in_background(iterable, depth: int = 3):
    """Iterate ``iterable`` in a worker thread; at most ``depth`` items wait in between.

    An exception in the worker is re-raised here; leaving the loop early
    stops the worker.
    """
    handover: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                handover.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work():
        try:
            for item in iterable:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the caller, re-raised there
            put(exc)

    worker = threading.Thread(target=work, name="chat-import-parser", daemon=True)
    worker.start()
    try:
        while True:
            item = handover.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def in_child_process(make_iterable):
    """Iterate ``make_iterable()`` in a forked child process; items come through a pipe.

    The child only parses (no database access) and leaves with ``os._exit``
    (multiprocessing's fork start), so it never touches the parent's database
    connection. The pipe's buffer bounds how far the child runs ahead, so
    memory stays flat. A ChatFormatError in the child is raised again here
    with its file, line and problem; leaving the loop early stops the child.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def work():
        receiver.close()
        # The child lives for one file and makes only acyclic garbage (strings,
        # tuples): collecting cycles would cost time and free nothing.
        gc.disable()
        try:
            for item in make_iterable():
                # pickle directly: Connection.send's pickler is measurably slower.
                sender.send_bytes(pickle.dumps(("item", item), pickle.HIGHEST_PROTOCOL))
            sender.send(("done",))
        except ChatFormatError as exc:
            sender.send(("format error", exc.filename, exc.line, exc.problem))
        except BaseException as exc:  # reported to the parent, which raises it
            sender.send(("crash", f"{type(exc).__name__}: {exc}"))
        finally:
            sender.close()

    child = context.Process(target=work, name="chat-import-parser")
    child.start()
    sender.close()
    try:
        while True:
            try:
                message = pickle.loads(receiver.recv_bytes())  # noqa: S301 (our child)
            except EOFError:
                raise RuntimeError(
                    "the chat parser process stopped unexpectedly"
                ) from None
            if message[0] == "item":
                yield message[1]
            elif message[0] == "done":
                return
            elif message[0] == "format error":
                raise ChatFormatError(*message[1:])
            else:
                raise RuntimeError(f"the chat parser process failed: {message[1]}")
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


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
