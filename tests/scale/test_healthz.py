"""/healthz: what a load balancer and monitoring see."""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from search.models import OutboxEntry
from tests.served import PROJECT_DIR, Gunicorn, RedisServer, free_port, site_env

SECRET = "hunter2-never-shown"


@pytest.mark.django_db
def test_healthz_answers_200_ok_with_every_check_in_json(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # probed by IP

    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "cache", "search", "outbox", "worker"}
    assert report["checks"]["search"]["engine"] == "database"


@pytest.mark.django_db
def test_healthz_reports_an_outbox_stuck_for_an_hour_as_degraded_but_serving(client):
    entry = OutboxEntry.objects.create(source="page", object_pk="1")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    OutboxEntry.objects.filter(pk=entry.pk).update(created_at=an_hour_ago)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    outbox = response.json()["checks"]["outbox"]
    assert outbox["ok"] is False
    assert outbox["pending"] == 1
    assert outbox["lag_seconds"] >= 3600


@pytest.fixture
def redis_with_password(tmp_path):
    server = RedisServer(tmp_path, password=SECRET)
    yield server
    server.stop()


@pytest.mark.db_independent  # a child process on its own database
def test_healthz_answers_503_once_the_redis_cache_stops_without_showing_its_password(
    demo_site, redis_with_password, tmp_path
):
    database, _facts = demo_site
    env = site_env(
        database=database,
        cache_dir=tmp_path / "cache",
        CACHE_URL=redis_with_password.url,
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    server = Gunicorn(env=env, workers=1, threads=2)
    try:
        healthy = requests.get(f"{server.base_url}/healthz", timeout=30)
        redis_with_password.stop()
        down = requests.get(f"{server.base_url}/healthz", timeout=30)
    finally:
        server.stop()

    assert healthy.status_code == 200, healthy.text
    assert down.status_code == 503
    assert down.json()["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
    assert down.json()["checks"]["database"]["ok"] is True
    assert SECRET not in healthy.text + down.text


@pytest.mark.db_independent  # a child process on its own database
def test_healthz_answers_503_when_the_database_is_unreachable_without_showing_its_url(
    tmp_path,
):
    closed_port = free_port()  # nothing listens there
    env = site_env(database=tmp_path / "unused.sqlite3", cache_dir=tmp_path / "cache")
    env["DATABASE_URL"] = f"postgres://chendian:{SECRET}@127.0.0.1:{closed_port}/x"
    server = Gunicorn(env=env, workers=1, threads=2)
    try:
        response = requests.get(f"{server.base_url}/healthz", timeout=30)
    finally:
        server.stop()

    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
    }
    assert SECRET not in response.text
    assert str(closed_port) not in response.text


@pytest.mark.db_independent  # a child process on its own database
def test_healthz_sees_the_heartbeat_of_a_running_db_worker(demo_site, tmp_path):
    database, _facts = demo_site
    env = site_env(database=database, cache_dir=tmp_path / "cache")
    server = Gunicorn(env=env, workers=1, threads=2)
    worker = None
    try:
        before = requests.get(f"{server.base_url}/healthz", timeout=30).json()
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5"],
            cwd=PROJECT_DIR,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and worker.poll() is None:
            beating = requests.get(f"{server.base_url}/healthz", timeout=30).json()
            if beating["checks"]["worker"]["ok"]:
                break
            time.sleep(0.5)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        server.stop()

    assert before["checks"]["worker"] == {
        "ok": False,
        "used": True,
        "seen_seconds_ago": None,
    }
    assert beating["checks"]["worker"]["ok"] is True
    assert beating["checks"]["worker"]["seen_seconds_ago"] <= 60
    assert beating["status"] == "ok"
