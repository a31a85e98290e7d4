"""Two db_worker processes on PostgreSQL never run one task twice."""

import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from django.db import connection

from tests.scale.worker_probe import record_run
from tests.served import PROJECT_DIR, site_env

TASKS = 60


@pytest.fixture
def queued_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_two_db_workers_on_postgresql_run_every_task_exactly_once(
    queued_in_database, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "runs in the PostgreSQL pass of .ci/run (DATABASE_URL=postgres://…)"
        )
    log = tmp_path / "runs.log"
    log.touch()
    db = connection.settings_dict
    env = site_env(database=tmp_path / "unused.sqlite3", cache_dir=tmp_path / "cache")
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    workers = [start_worker(env, f"probe-{n}") for n in (1, 2)]
    try:
        for number in range(TASKS):
            record_run.enqueue(number=number, log_path=str(log))
        deadline = time.monotonic() + 120
        while len(log.read_text().splitlines()) < TASKS:
            assert time.monotonic() < deadline, "the workers did not finish in time"
            time.sleep(0.2)
        time.sleep(1)  # a task run twice would show up now
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=60)

    runs = [line.split() for line in log.read_text().splitlines()]
    runs_per_task = Counter(number for number, _pid in runs)
    assert sorted(runs_per_task) == sorted(str(n) for n in range(TASKS))
    assert set(runs_per_task.values()) == {1}
    # Both workers took part: they really competed for one queue.
    assert len({pid for _number, pid in runs}) == 2


def start_worker(env, worker_id):
    """Start ``db_worker`` and return once it polls the queue."""
    worker = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.05",
            "--worker-id",
            worker_id,
        ],
        cwd=PROJECT_DIR,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in worker.stderr:  # its log; "Starting worker" comes first
        if "Starting worker" in line:
            break
    else:
        raise RuntimeError(f"db_worker {worker_id} exited before starting")
    # Keep draining its log so that it never blocks on a full pipe.
    threading.Thread(target=worker.stderr.read, daemon=True).start()
    return worker
