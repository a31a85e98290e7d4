"""The embedded default (SQLite) keeps taking members' writes while the worker
imports a chat: the import writes in short transactions and publishes at the
end, so half-way a member can ask while readers see nothing of the import; a
write that cannot get the lock in time gets a "busy" 503, never a 500.

Served by gunicorn on a SQLite file; the import runs in another process
(``manage.py shell``) and pauses between batches on a file handshake.
"""

import json
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.served import PROJECT_DIR, Gunicorn, manage, member_session, site_env

BATCH = 100
MESSAGES = 3 * BATCH
GROUP = "半路群"

IMPORT_SCRIPT = f"""
import os, pathlib, time
from io import BytesIO
from knowledge.chats.services import chat_import

handshake = pathlib.Path(os.environ["IMPORT_HANDSHAKE"])
rows = ["time,sender,text"] + [
    f"2024-06-01 {{n // 3600:02d}}:{{n // 60 % 60:02d}}:{{n % 60:02d}},成员{{n % 5}},第{{n}}条"
    for n in range({MESSAGES})
]

def progress(_bytes, read):
    if read == {BATCH}:
        (handshake / "half-way").write_text("")
        while not (handshake / "go").exists() and not (handshake / "fail").exists():
            time.sleep(0.05)
        if (handshake / "fail").exists():
            raise RuntimeError("stopped on purpose half-way")

chat_import(
    file=BytesIO("\\n".join(rows).encode()),
    filename="{GROUP}.csv",
    batch_size={BATCH},
    progress=progress,
)
"""

SETTINGS_SCRIPT = """
import json, sqlite3
from django.db import connection, transaction

with connection.cursor() as cursor:
    pragmas = {
        name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "busy_timeout")
    }
other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
with transaction.atomic():
    # No write yet: only an IMMEDIATE transaction already holds the write lock.
    try:
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
        locked = False
    except sqlite3.OperationalError as error:
        locked = "locked" in str(error)
print(json.dumps({**pragmas, "write_lock_at_begin": locked}))
"""


def stored(database, sql, *params):
    with sqlite3.connect(database) as db:
        return db.execute(sql, params).fetchone()[0]


QUESTIONS_SQL = (
    "SELECT count(*) FROM community_sessions_sessionquestion "
    "WHERE author_id = ? AND session_id = ?"
)
MESSAGES_SQL = "SELECT count(*) FROM knowledge_chatmessage"
ARCHIVES_SQL = "SELECT count(*) FROM knowledge_chatarchive WHERE group_name = ?"
STAGED_SQL = "SELECT count(*) FROM knowledge_stagedchatmessage"


def ask(browser, base_url, path, text, **headers):
    return browser.post(
        f"{base_url}{path}",
        data={"text": text, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        headers={"Referer": f"{base_url}{path}", **headers},
        allow_redirects=False,
        timeout=60,
    )


@pytest.fixture
def site(demo_site, tmp_path):
    database, facts = demo_site
    return database, facts, site_env(database=database, cache_dir=tmp_path / "cache")


@pytest.fixture
def paused_import(site, tmp_path):
    """An import in another process, paused after its first batch."""
    database, facts, env = site
    handshake = tmp_path / "handshake"
    handshake.mkdir()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-c", IMPORT_SCRIPT],
        env={**env, "IMPORT_HANDSHAKE": str(handshake)},
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (handshake / "half-way").exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the import never reached half-way"
        time.sleep(0.05)
    yield process, handshake
    if process.poll() is None:
        process.kill()
    process.wait()


def finish(process, timeout=120):
    _out, err = process.communicate(timeout=timeout)
    return process.returncode, err


def test_half_way_through_an_import_a_member_can_ask_and_sees_none_of_its_messages(
    site, paused_import
):
    database, facts, env = site
    process, handshake = paused_import
    messages_before = stored(database, MESSAGES_SQL)
    ids = facts["member_id"], facts["collecting_session_id"]
    questions_before = stored(database, QUESTIONS_SQL, *ids)
    server = Gunicorn(env=env, workers=1, threads=2)
    try:
        browser = member_session(server.base_url, facts["member"])
        response = ask(
            browser,
            server.base_url,
            facts["collecting_session_path"] + "questions/",
            "导入进行到一半时，我还能提问吗？",
        )
        assert response.status_code == 302, server.errors()
    finally:
        server.stop()
    assert stored(database, QUESTIONS_SQL, *ids) == questions_before + 1
    assert stored(database, ARCHIVES_SQL, GROUP) == 0
    assert stored(database, MESSAGES_SQL) == messages_before
    assert stored(database, STAGED_SQL) == BATCH

    (handshake / "go").write_text("")
    returncode, err = finish(process)

    assert returncode == 0, err
    assert stored(database, ARCHIVES_SQL, GROUP) == 1
    assert stored(database, MESSAGES_SQL) == messages_before + MESSAGES
    assert stored(database, STAGED_SQL) == 0


def test_an_import_failing_half_way_leaves_no_archive_message_or_staged_row(
    site, paused_import
):
    database, _facts, _env = site
    process, handshake = paused_import
    messages_before = stored(database, MESSAGES_SQL)

    (handshake / "fail").write_text("")
    returncode, err = finish(process)

    assert returncode != 0 and "stopped on purpose half-way" in err
    assert stored(database, ARCHIVES_SQL, GROUP) == 0
    assert stored(database, MESSAGES_SQL) == messages_before
    assert stored(database, STAGED_SQL) == 0


def test_a_write_that_cannot_get_the_lock_in_time_gets_a_translated_busy_503(site):
    database, facts, env = site
    ids = facts["member_id"], facts["collecting_session_id"]
    questions_before = stored(database, QUESTIONS_SQL, *ids)
    server = Gunicorn(env={**env, "SQLITE_BUSY_TIMEOUT": "1"}, workers=1, threads=2)
    path = facts["collecting_session_path"] + "questions/"
    try:
        browser = member_session(server.base_url, facts["member"])
        browser.get(f"{server.base_url}{path}", timeout=30)
        holder = sqlite3.connect(database, timeout=0, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        try:
            page = ask(browser, server.base_url, path, "锁被占着的时候提问会怎样？")
            api = ask(
                browser,
                server.base_url,
                path,
                "锁被占着的时候提问会怎样？",
                Accept="application/json",
            )
        finally:
            holder.rollback()
            holder.close()
    finally:
        server.stop()

    assert page.status_code == 503, server.errors()
    assert page.headers["Retry-After"] == "5"
    assert "网站此刻有点忙，请稍后再试。" in page.text
    assert api.status_code == 503
    assert api.headers["Retry-After"] == "5"
    assert api.json() == {"error": "网站此刻有点忙，请稍后再试。"}
    assert stored(database, QUESTIONS_SQL, *ids) == questions_before


def test_the_sqlite_connection_uses_wal_normal_sync_a_busy_timeout_and_immediate_writes(
    site,
):
    _database, _facts, env = site
    output = manage("shell", "-c", SETTINGS_SCRIPT, env=env)
    settings = json.loads(output.strip().splitlines()[-1])

    assert settings == {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL
        "busy_timeout": 20_000,
        "write_lock_at_begin": True,
    }


REINDEX_SCRIPT = """
import json, sqlite3
from django.db import connection
from django.utils import timezone
from knowledge import search_sources
from knowledge.models import ChatArchive, ChatMessage
from search.engines.database.base import DatabaseEngine
from search.models import SearchEntry
from search.registry import get_source

search_sources.READ_PAGE = 300  # several read pages, several write batches
archive = ChatArchive.objects.create(platform="qq", title="重建群", group_name="重建群")
second = timezone.now().replace(microsecond=0)
ChatMessage.objects.bulk_create(
    ChatMessage(
        archive=archive, seq=n, sent_at=second, sender_name=f"成员{n % 2}",
        sender_key=f"k{n % 2}", text=f"第{n}条", kind="text", dedupe_hash=n,
    )
    for n in range(2500)  # one second, senders taking turns: 2,500 documents
)
member = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
writes = []
engine = DatabaseEngine()
write_batch = engine._replace_batch

def batch_then_a_member_writes(batch, stale):
    written = write_batch(batch, stale)
    # A member's write commits on another connection between two batches.
    with member:
        member.execute("UPDATE knowledge_chatarchive SET title = title WHERE id = ?",
                       [archive.pk])
    writes.append(len(batch))
    return written

engine._replace_batch = batch_then_a_member_writes
source = get_source("knowledge.chat_archive")
count = engine.replace_origin(source.origin(archive.pk), source.documents_for(archive))
keys = SearchEntry.objects.filter(origin=source.origin(archive.pk)).values_list("key", flat=True)
print(json.dumps({"indexed": count, "entries": len(set(keys)), "batches": len(writes)}))
"""


def test_a_big_archive_is_indexed_in_batches_while_a_member_commits_between_them(site):
    """The worker's re-index keeps its write lock chances: each batch commits,
    a member's write commits in between, and the next batch still gets in."""
    _database, _facts, env = site

    output = manage("shell", "-c", REINDEX_SCRIPT, env=env)

    assert json.loads(output.strip().splitlines()[-1]) == {
        "indexed": 2500,
        "entries": 2500,
        "batches": 3,
    }
