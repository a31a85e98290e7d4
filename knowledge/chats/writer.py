"""Turning parsed messages into stored rows, fast.

``prepared_batches`` shapes parsed messages into row values (no database
access, so it can run in the parser's process); ``write_batches`` stages them
with one raw INSERT per batch, each batch in a short transaction of its own.
"""

from __future__ import annotations

import time
import zlib
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone

from .importers import ChatFormatError
from .models import sender_key_for, sender_salt

#: Rows per INSERT batch: large enough to amortise, small enough to keep memory flat.
BATCH_SIZE = 5000
#: Seconds between two batches on SQLite, where one process writes at a time.
#: A member's write waiting for the lock retries every 100 ms at most (SQLite's
#: busy handler); without a gap the import would take the lock again before it
#: wakes, batch after batch. 60 gaps in a 300,000-message import cost 6 s.
SQLITE_BATCH_GAP = 0.1


def dedupe_hash(sender_key: str, text: str, occurrence: int) -> int:
    """See ChatMessage: CRC-32 of (sender key, normalised text, occurrence).

    32 bits are plenty: the hash only has to tell apart messages stored
    under the same archive *and the same second* (the unique key is
    archive, sent_at, hash), a handful at most; a cryptographic hash cost
    measurably more per message in big imports.
    """
    normalised = " ".join(text.split())
    return zlib.crc32(f"{sender_key}|{normalised}|{occurrence}".encode())


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


def write_batches(
    batches, *, sql, token, slot_for, result, importer, filename, progress
):
    """The write phase of an import: each batch staged in a transaction of its own.

    ``sql`` is staging.staged_insert_sql(); ``slot_for(conversation)`` gives
    the entry a row goes to (``[slot, next seq, …]``). Short transactions let
    members' writes in between batches; the rows stay invisible until the
    caller publishes them (see staging).
    """
    # Parsing runs in a worker (see CHILD_PROCESS_MIN_BYTES) while this
    # process writes the previous batch. The dedupe hash is computed here,
    # not there: the parser is the slower side of a big import.
    gap = SQLITE_BATCH_GAP if connection.vendor == "sqlite" else 0
    for number, (batch, position) in enumerate(batches):
        if number and gap:
            time.sleep(gap)
        staged_at = timezone.now()
        rows = []
        for conversation, *values, occurrence in batch:
            # values: sent_at, sender name, sender key, text, kind, message id, reply-to
            entry = slot_for(conversation)
            rows.append(
                (
                    token,
                    entry[0],
                    staged_at,
                    entry[1],
                    *values,
                    dedupe_hash(values[2], values[3], occurrence),
                )
            )
            entry[1] += 1
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        result.messages_read += len(rows)
        if progress:
            progress(position, result.messages_read)
    if result.messages_read == 0:
        raise ChatFormatError(
            filename, None, f"no messages found; expected a {importer.label}"
        )
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
