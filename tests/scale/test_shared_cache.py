"""CACHE_URL=redis://… makes web processes on different machines count together.

Two gunicorn servers with separate working directories and separate local
cache folders (as on two machines) share one database and one redis-server.
"""

import pytest

from tests.scale.test_concurrent_rate_limits import LIMIT, burst, stored
from tests.served import Gunicorn, RedisServer, member_session, site_env

# Child processes serve their own SQLite files whatever DATABASE_URL says: the
# PostgreSQL pass skips these rather than repeat them (tests/conftest.py).
pytestmark = pytest.mark.db_independent


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def two_machines(demo_site, redis_server, tmp_path):
    database, facts = demo_site
    servers = []
    for name in ("machine-a", "machine-b"):
        home = tmp_path / name
        home.mkdir()
        env = site_env(
            database=database, cache_dir=home / "cache", CACHE_URL=redis_server.url
        )
        servers.append(Gunicorn(env=env, cwd=home, workers=2, threads=8))
    yield servers, database, facts
    for server in servers:
        server.stop()


def test_two_web_servers_on_one_redis_store_one_members_question_limit_once(
    two_machines,
):
    (first, second), database, facts = two_machines
    count_sql = (
        "SELECT count(*) FROM community_sessions_sessionquestion "
        "WHERE author_id = ? AND session_id = ?"
    )
    ids = facts["member_id"], facts["collecting_session_id"]
    before = stored(database, count_sql, *ids)
    browser = member_session(first.base_url, facts["member"])
    path = facts["collecting_session_path"] + "questions/"

    statuses = burst(
        [first.base_url, second.base_url],
        browser,
        path,
        lambda n: {"text": f"两台机器同时收到的第 {n} 个问题"},
    )

    assert stored(database, count_sql, *ids) - before == LIMIT
    # Accepted and refused questions alike redirect back (POST/redirect/GET).
    assert set(statuses) == {302}, first.errors() + second.errors()
    # Neither machine wrote a count into its own folder: they used Redis.
    assert not list((database.parent.parent / "machine-a" / "cache").glob("*.djcache"))
