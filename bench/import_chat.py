"""Benchmark: import a generated 1,000,000-message QQ export.

Prints the import throughput (messages/s) and peak RSS, beside a floor
measured in the same run (a bare ``executemany`` of the same rows into the
same table), and separately the search indexing rate of the imported
messages. Run: ``.venv/bin/python bench/import_chat.py [--messages N]``.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEPARATOR = "=" * 64
WORDS = (
    "沉淀 分享 回放 讲义 群聊 问题 工具 笔记 链接 总结 周会 社群 知识 学习 开源".split()
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak_rss_mb() -> float:
    """Peak RSS of the largest finished child: big files are parsed in a forked one.

    A forked child's RSS counts the pages it still shares with this process,
    so parent + child overstates what the two hold together; both are printed.
    """
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def generate(path: Path, count: int) -> None:
    """A QQ text export of ``count`` messages from 300 members over ~60 days."""
    rng = random.Random(42)
    members = [(f"成员{n}", 100000 + n * 7) for n in range(300)]
    when = datetime(2024, 1, 1, 8, 0, 0)
    with path.open("w", encoding="utf-8", newline="\r\n") as out:
        out.write("消息记录（此消息记录为文本格式，不支持重新导入）\n\n")
        out.write(
            f"{SEPARATOR}\n消息分组:我的群聊\n{SEPARATOR}\n消息对象:压测群\n{SEPARATOR}\n\n"
        )
        for n in range(count):
            when += timedelta(seconds=rng.randint(1, 9))
            name, qq = members[rng.randrange(len(members))]
            text = " ".join(rng.choices(WORDS, k=rng.randint(3, 12))) + f" #{n}"
            if n % 50 == 0:
                text += "\n第二行：补充说明"
            out.write(
                f"{when:%Y-%m-%d} {when.hour}:{when:%M:%S} {name}({qq})\n{text}\n\n"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="chat-bench-"))
    # Hundreds of MB of export and database: gone when the run ends.
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    # As in production: with DEBUG on, Django keeps the text of the last 9,000
    # queries, and bulk inserts of search entries made that ~300 MB here.
    os.environ["DEBUG"] = "false"
    # Background tasks are not run here: the search drain is timed on its own.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from knowledge.chats.services import chat_import
    from knowledge.models import ChatArchive, ChatMessage

    call_command("migrate", verbosity=0)
    export = workdir / "全部消息记录.txt"
    started = time.perf_counter()
    generate(export, args.messages)
    size_mb = export.stat().st_size / 1e6
    print(f"generated {args.messages:,} messages ({size_mb:.0f} MB) in "
          f"{time.perf_counter() - started:.1f}s")  # fmt: skip
    rss_before = peak_rss_mb()

    started = time.perf_counter()
    last_batch = [started]

    def progress(_bytes, _messages):
        last_batch[0] = time.perf_counter()

    with export.open("rb") as file:
        result = chat_import(file=file, filename=export.name, progress=progress)
    import_seconds = time.perf_counter() - started
    # After the last staged batch: publishing (the one long write transaction,
    # which members' writes wait for on SQLite) and clearing the staging rows.
    publish_seconds = time.perf_counter() - last_batch[0]
    assert result.messages_added == args.messages, result
    rate = args.messages / import_seconds
    print(
        f"import:     {rate:>10,.0f} msg/s  ({import_seconds:.1f}s)  "
        f"peak RSS {peak_rss_mb():.0f} MB (before import {rss_before:.0f} MB), "
        f"parser child {child_peak_rss_mb():.0f} MB"
    )
    print(f"publish + clearing staged rows: {publish_seconds:.1f}s")

    # Floor: the very rows the import wrote, written again into the same (emptied)
    # table with a bare executemany in batches of the same size, in one transaction.
    # They are streamed from a copy table (fetchmany), so memory stays flat here too.
    table = ChatMessage._meta.db_table
    columns = ", ".join(
        f.column for f in ChatMessage._meta.concrete_fields if f.column != "id"
    )
    placeholders = ", ".join(["%s"] * len(ChatMessage._meta.concrete_fields[1:]))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_floor AS SELECT {columns} FROM {table}")  # noqa: S608
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    started = time.perf_counter()
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        connection.cursor() as source,
    ):
        source.execute(f"SELECT {columns} FROM bench_floor")  # noqa: S608
        while rows := source.fetchmany(5000):
            cursor.executemany(insert, rows)
    floor_seconds = time.perf_counter() - started
    floor_rate = args.messages / floor_seconds
    print(f"floor:      {floor_rate:>10,.0f} msg/s  ({floor_seconds:.1f}s)  "
          "bare executemany of the same rows into the same table")  # fmt: skip
    print(f"import / floor: {rate / floor_rate:.0%}")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor")

    # Search: the import queued the archive once; build its documents.
    from search.registry import sources_for_model

    sources = sources_for_model(ChatArchive)
    if not sources:
        print("search:     no source registered for ChatArchive")
        return
    imported = result.archives[0]
    from wagtail.models import Site

    from knowledge.models import ChatArchiveIndexPage

    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=ChatArchiveIndexPage(title="群聊存档", slug="chats"))
    started = time.perf_counter()
    documents = sum(1 for _ in sources[0].documents_for(imported))
    seconds = time.perf_counter() - started
    print(f"search documents: {args.messages / seconds:>8,.0f} msg/s  ({documents:,} documents "
          f"in {seconds:.1f}s; documents_for only)")  # fmt: skip
    index_with_engine(imported, args.messages)
    print(f"peak RSS at the end {peak_rss_mb():.0f} MB")


def index_with_engine(archive, count):
    """Re-index the archive into the configured engine through the search outbox.

    Saving the archive queues one outbox entry (and a drain task, which a
    worker would run); the drain itself is timed here, in this process.
    """
    try:
        from search.indexing import drain
        from search.models import OutboxEntry
    except ImportError:
        print("search engine: no search outbox yet; engine indexing not measured")
        return
    OutboxEntry.objects.all().delete()
    archive.save()
    queued = OutboxEntry.objects.count()
    started = time.perf_counter()
    drain()
    seconds = time.perf_counter() - started
    left = OutboxEntry.objects.count()
    print(
        f"search index (engine): {count / seconds:>7,.0f} msg/s  ({seconds:.1f}s; "
        f"{queued} outbox entry queued for {count:,} messages, {left} left undrained)"
    )


if __name__ == "__main__":
    main()
