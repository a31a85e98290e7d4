"""Staging a chat import so the site keeps serving while it runs.

An import first writes its messages here, one short transaction per batch,
under a token of its own; readers never look at this table, so half-way
through a file they see none of it. Publishing then copies them into
ChatMessage in chunks of short transactions (a few seconds for 300,000
messages), so members' writes (SQLite has one writer at a time) wait for one
batch or chunk at most, never for the whole file. A failed import deletes its
staged rows, and what it had published; rows left by a worker that died are
removed by the next import (``staging_clear_stale``).
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

from django.db import connection, models, transaction
from django.db.models import Max, Min
from django.utils import timezone

from .models import ChatMessage

#: A token whose newest row is older than this belongs to an import that died.
STALE_AFTER = timedelta(hours=1)
#: Rows removed per DELETE when discarding: keeps each write transaction short.
DISCARD_CHUNK = 20_000
#: Staged ids copied into messages per transaction when publishing.
PUBLISH_CHUNK = 20_000

#: Message columns an import writes, in the order of the prepared rows.
MESSAGE_COLUMNS = [
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


class StagedChatMessage(models.Model):
    """A message of an import still running: invisible to readers until published."""

    token = models.BigIntegerField(help_text="The import run the row belongs to.")
    slot = models.PositiveIntegerField(help_text="Which archive of the run.")
    staged_at = models.DateTimeField()
    seq = models.PositiveIntegerField()
    sent_at = models.DateTimeField()
    sender_name = models.CharField(max_length=200, blank=True)
    sender_key = models.CharField(max_length=32)
    text = models.TextField(blank=True)
    kind = models.CharField(max_length=10)
    platform_message_id = models.CharField(max_length=64, blank=True)
    reply_to_platform_id = models.CharField(max_length=64, blank=True)
    dedupe_hash = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["token", "slot"], name="knowledge_staged_run")]

    def __str__(self):
        return f"run {self.token}, archive {self.slot}: {self.text[:40]}"


def staging_token() -> int:
    """A fresh token for one import run (positive, fits a signed 64-bit column)."""
    return secrets.randbits(62) + 1


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def staged_insert_sql() -> str:
    """A plain INSERT of one staged row, for executemany.

    Used instead of bulk_create: building a model instance and compiling
    every value costs ~30 µs a row, which alone caps an import at ~30,000
    messages/s (measured with bench/import_chat.py); batches of tuples through
    executemany run at the speed of the database.
    """
    quote = connection.ops.quote_name
    columns = ["token", "slot", "staged_at", *MESSAGE_COLUMNS]
    names = ", ".join(quote(column) for column in columns)
    values = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {_table(StagedChatMessage)} ({names}) VALUES ({values})"  # noqa: S608 (names are ours)


def staged_publish(
    *,
    token: int,
    slot: int,
    archive_id: int,
    first_seq: int,
    session_id=None,
    gap: float = 0.0,
) -> int:
    """Copy one archive's staged rows into its messages; returns how many were new.

    Staged seqs count from 0 and land from ``first_seq`` on; ``session_id``
    attaches every published message to that session. Rows already
    stored (same archive, second and dedupe hash) are skipped, as are repeats
    within the file: the first one staged wins.

    A chunk of ``PUBLISH_CHUNK`` rows per transaction, in file order, with
    ``gap`` seconds between two: copying 300,000 messages in one transaction
    held SQLite's write lock for 4–11 s, and every member's question or vote
    waited that long. Readers may see an archive's newest messages arrive
    over those seconds; a caller that fails part-way removes what was copied
    (see chat_import).
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in MESSAGE_COLUMNS)
    copied = names.replace(quote("seq"), f"%s + {quote('seq')}", 1)
    sql = (
        f"INSERT INTO {_table(ChatMessage)} "  # noqa: S608 (names are ours)
        f"({quote('archive_id')}, {quote('session_id')}, {names}) "
        f"SELECT %s, %s, {copied} FROM {_table(StagedChatMessage)} "
        f"WHERE {quote('token')} = %s AND {quote('slot')} = %s "
        f"AND {quote('id')} >= %s AND {quote('id')} < %s "
        f"ORDER BY {quote('id')} ON CONFLICT DO NOTHING"
    )
    bounds = StagedChatMessage.objects.filter(token=token, slot=slot).aggregate(
        first=Min("id"), last=Max("id")
    )
    if bounds["first"] is None:
        return 0
    added = 0
    for start in range(bounds["first"], bounds["last"] + 1, PUBLISH_CHUNK):
        if gap and start != bounds["first"]:
            time.sleep(gap)
        params = [archive_id, session_id, first_seq, token, slot]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [*params, start, start + PUBLISH_CHUNK])
            added += cursor.rowcount
    return added


def staging_discard(*, token: int) -> None:
    """Delete a run's staged rows, a chunk per transaction.

    On SQLite, when no other run has rows staged, one DELETE without a
    condition empties the table: SQLite then drops its pages at once (its
    truncate optimisation) instead of deleting row by row.
    """
    table, quote = _table(StagedChatMessage), connection.ops.quote_name
    with transaction.atomic():
        # An IMMEDIATE transaction holds SQLite's write lock from its start: no
        # other run can stage rows between the check and the delete.
        alone = not StagedChatMessage.objects.exclude(token=token).exists()
        if connection.vendor == "sqlite" and alone:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (names are ours)
            return
    sql = (
        f"DELETE FROM {table} WHERE {quote('id')} IN "  # noqa: S608 (names are ours)
        f"(SELECT {quote('id')} FROM {table} WHERE {quote('token')} = %s LIMIT %s)"
    )
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [token, DISCARD_CHUNK])
            if cursor.rowcount < DISCARD_CHUNK:
                return


def staging_clear_stale(*, now=None) -> int:
    """Discard the rows of runs that stopped writing long ago (a worker killed
    mid-import); returns how many runs were discarded."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    tokens = list(
        StagedChatMessage.objects.values("token")
        .annotate(last=Max("staged_at"))
        .filter(last__lt=cutoff)
        .values_list("token", flat=True)
    )
    for token in tokens:
        staging_discard(token=token)
    return len(tokens)
