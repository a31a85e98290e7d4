"""Benchmark: ``search_rebuild`` on the Elasticsearch engine at 100,000 documents.

Imports a generated QQ export (default 110,000 messages, which the chat
source turns into about 100,000 documents: one per run of one sender's
lines) into a throwaway SQLite database, starts osmem-server (the in-memory
OpenSearch-compatible engine the tests use), points ``ELASTICSEARCH_URL`` at
it and runs ``manage.py search_rebuild`` exactly as an operator would. It
prints the documents indexed, the time and rate, the documents the alias
answers for afterwards, and the process's peak RSS.

Beside it, the floor: the same documents sent by ``elasticsearch.helpers.bulk``
in one call, default chunking, into an index with the same analysis (no alias swap, no progress,
no retries configured), in the same run against the same server.

Run: ``.venv/bin/python bench/es_rebuild.py [--messages N]``
"""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(
    str(ROOT / "bench")
)  # after ROOT: bench/search.py must not shadow search/


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=110_000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="es-rebuild-bench-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["ELASTICSEARCH_URL"] = ""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from elasticsearch.helpers import bulk
    from import_chat import generate
    from osmem_server import OsmemServer
    from wagtail.models import Site

    from knowledge.chats.services import chat_import
    from knowledge.models import ChatArchiveIndexPage
    from search.engines.elasticsearch_index import (
        MAPPINGS,
        document_source,
        index_settings,
    )
    from search.indexing import all_documents

    call_command("migrate", verbosity=0)
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=ChatArchiveIndexPage(title="群聊存档", slug="chats"))
    export = workdir / "全部消息记录.txt"
    generate(export, args.messages)
    with export.open("rb") as file:
        chat_import(file=file, filename=export.name)
    print(f"imported {args.messages:,} messages; load average {os.getloadavg()[0]:.1f}")

    with OsmemServer.start() as server:
        settings.ELASTICSEARCH_URL = server.url
        from search.engines import get_engine

        engine = get_engine()
        started = time.perf_counter()
        call_command("search_rebuild", verbosity=0)
        seconds = time.perf_counter() - started
        answered = engine.client.count(index=engine.alias)["count"]
        print(
            f"search_rebuild ({engine.name}): {answered:,} documents in the alias, "
            f"{seconds:.1f}s, {answered / seconds:,.0f} docs/s, "
            f"peak RSS {peak_rss_mb():.0f} MB"
        )

        bare = engine.client.options(request_timeout=600)
        bare.indices.create(index="floor", settings=index_settings(), mappings=MAPPINGS)
        started = time.perf_counter()
        sent, _ = bulk(
            bare,
            (
                {"_index": "floor", "_id": d.key, "_source": document_source(d)}
                for d in all_documents()
            ),
        )
        floor = time.perf_counter() - started
        print(
            f"floor (helpers.bulk, one call, same analysis): {sent:,} documents, "
            f"{floor:.1f}s, {sent / floor:,.0f} docs/s"
        )
        print(f"rebuild / floor time: {seconds / floor:.2f}x; "
              f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
