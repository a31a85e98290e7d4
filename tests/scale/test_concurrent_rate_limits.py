"""Rate limits hold when one member sends many requests at the same moment.

Served by gunicorn (several worker processes, several threads each) sharing
the default file-based cache, as on a one-machine production site.
"""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.served import Gunicorn, clone_session, member_session, site_env

# Child processes serve their own SQLite files whatever DATABASE_URL says: the
# PostgreSQL pass skips these rather than repeat them (tests/conftest.py).
pytestmark = pytest.mark.db_independent

BURST = 24
LIMIT = 5


@pytest.fixture
def served_demo(demo_site, tmp_path):
    database, facts = demo_site
    env = site_env(database=database, cache_dir=tmp_path / "cache")
    server = Gunicorn(env=env, workers=3, threads=8)
    yield server, database, facts
    server.stop()


def burst(base_urls, browser, path, make_data):
    """POST ``BURST`` times at once (threads released together by a barrier),
    spread over the servers at ``base_urls`` in turn."""
    start = threading.Barrier(BURST)

    def send(n):
        base_url = base_urls[n % len(base_urls)]
        session = clone_session(browser)
        data = {**make_data(n), "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
        start.wait()
        return session.post(
            f"{base_url}{path}",
            data=data,
            headers={"Referer": f"{base_url}{path}"},
            allow_redirects=False,
            timeout=120,
        )

    with ThreadPoolExecutor(BURST) as pool:
        responses = list(pool.map(send, range(BURST)))
    return [r.status_code for r in responses]


def stored(database, sql, *params):
    with sqlite3.connect(database) as db:
        return db.execute(sql, params).fetchone()[0]


def test_concurrent_question_posts_store_exactly_the_hourly_limit(served_demo):
    server, database, facts = served_demo
    base_url = server.base_url
    count_sql = (
        "SELECT count(*) FROM community_sessions_sessionquestion "
        "WHERE author_id = ? AND session_id = ?"
    )
    ids = facts["member_id"], facts["collecting_session_id"]
    before = stored(database, count_sql, *ids)
    browser = member_session(base_url, facts["member"])

    statuses = burst(
        [base_url],
        browser,
        facts["collecting_session_path"] + "questions/",
        lambda n: {"text": f"同时提交的第 {n} 个问题：限流还守得住吗？"},
    )

    assert stored(database, count_sql, *ids) - before == LIMIT
    # Accepted and refused alike redirect back to the page (POST/redirect/GET):
    # no request failed.
    assert set(statuses) == {302}, server.errors()


def test_concurrent_post_submissions_store_exactly_the_daily_limit(served_demo):
    server, database, facts = served_demo
    base_url = server.base_url
    count_sql = "SELECT count(*) FROM knowledge_knowledgepostpage WHERE author_id = ?"
    before = stored(database, count_sql, facts["member_id"])
    browser = member_session(base_url, facts["member"])

    statuses = burst(
        [base_url],
        browser,
        facts["knowledge_index_path"] + "submit/",
        lambda n: {
            "title": f"并发投稿 {n}",
            "body": "同一时刻提交的投稿，只应存下每日上限那么多篇。",
            "tags": "并发",
        },
    )

    assert stored(database, count_sql, facts["member_id"]) - before == LIMIT
    assert sorted(statuses) == [200] * (BURST - LIMIT) + [302] * LIMIT, server.errors()
