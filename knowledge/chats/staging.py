"""Staging a chat import so the site keeps serving while it runs.

An import first writes its messages here, one short transaction per batch,
under a token of its own; readers never look at this table. Publishing copies
them into ChatMessage with one INSERT … SELECT per archive inside the
import's final transaction, so readers see all of a file or none of it, and
members' writes (SQLite has one writer at a time) wait for one batch at most,
not for the whole file. A failed import deletes its staged rows; rows left
by a worker that died are removed by the next import (``staging_clear_stale``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from .models import ChatMessage

#: A token whose newest row is older than this belongs to an import that died.
STALE_AFTER = timedelta(hours=1)
#: Rows removed per DELETE when discarding: keeps each write transaction short.
DISCARD_CHUNK = 20_000

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
    *, token: int, slot: int, archive_id: int, first_seq: int, session_id=None
) -> int:
    """Copy one archive's staged rows into its messages; returns how many were new.

    Staged seqs count from 0 and land from ``first_seq`` on; ``session_id``
    attaches every published message to that session. Rows already
    stored (same archive, second and dedupe hash) are skipped, as are repeats
    within the file: the first one staged wins. Call inside the import's
    final transaction.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in MESSAGE_COLUMNS)
    copied = names.replace(quote("seq"), f"%s + {quote('seq')}", 1)
    sql = (
        f"INSERT INTO {_table(ChatMessage)} "  # noqa: S608 (names are ours)
        f"({quote('archive_id')}, {quote('session_id')}, {names}) "
        f"SELECT %s, %s, {copied} FROM {_table(StagedChatMessage)} "
        f"WHERE {quote('token')} = %s AND {quote('slot')} = %s "
        f"ORDER BY {quote('id')} ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [archive_id, session_id, first_seq, token, slot])
        return cursor.rowcount


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
