"""With a bucket configured, an upload made on one machine is imported by a
worker on another machine that shares no disk with it, then deleted."""

import sqlite3
import subprocess
import sys

import pytest
import requests

from tests.served import PROJECT_DIR, Gunicorn, MotoServer, manage, site_env

# Child processes serve their own SQLite files whatever DATABASE_URL says: the
# PostgreSQL pass skips these rather than repeat them (tests/conftest.py).
pytestmark = pytest.mark.db_independent

EXPORT = PROJECT_DIR / "tests" / "knowledge" / "chat_fixtures" / "qq_basic.txt"
ADMIN_PASSWORD = "admin-on-machine-a"  # noqa: S105


@pytest.fixture
def moto():
    server = MotoServer()
    yield server
    server.stop()


def machine_env(database, folder, moto):
    """A machine of its own: working folder, media folder and cache folder."""
    folder.mkdir()
    return site_env(
        database=database,
        cache_dir=folder / "cache",
        MEDIA_ROOT=str(folder / "media"),
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        **moto.env(),
    )


def admin_upload(base_url, export):
    admin = requests.Session()
    admin.get(f"{base_url}/admin/login/", timeout=30).raise_for_status()
    response = admin.post(
        f"{base_url}/admin/login/",
        data={
            "username": "organiser",
            "password": ADMIN_PASSWORD,
            "csrfmiddlewaretoken": admin.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, "the admin could not log in"
    with export.open("rb") as file:
        response = admin.post(
            f"{base_url}/admin/chat-imports/new/",
            data={
                "format": "",
                "archive_title": "对象存储导入",
                "group_name": "",
                "session": "",
                "privacy": "pseudonymised",
                "timezone": "Asia/Shanghai",
                "csrfmiddlewaretoken": admin.cookies["csrftoken"],
            },
            files={"upload": (export.name, file, "text/plain")},
            allow_redirects=False,
            timeout=60,
        )
    assert response.status_code == 302, response.text[:2000]


def query(database, sql):
    with sqlite3.connect(database) as db:
        return db.execute(sql).fetchone()


def test_worker_without_shared_disk_imports_an_upload_from_the_bucket_and_deletes_it(
    demo_site, moto, tmp_path
):
    database, _facts = demo_site
    web_env = machine_env(database, tmp_path / "web-machine", moto)
    worker_env = machine_env(database, tmp_path / "worker-machine", moto)
    manage(
        "createsuperuser",
        "--noinput",
        "--username",
        "organiser",
        "--email",
        "organiser@example.org",
        env=web_env,
    )
    messages_before = query(database, "SELECT count(*) FROM knowledge_chatmessage")[0]
    web = Gunicorn(env=web_env, cwd=tmp_path / "web-machine", workers=1, threads=2)
    try:
        admin_upload(web.base_url, EXPORT)
    finally:
        web.stop()
    waiting = moto.keys("chat_imports/")

    subprocess.run(  # noqa: S603
        [sys.executable, str(PROJECT_DIR / "manage.py"), "db_worker", "--batch"],
        cwd=tmp_path / "worker-machine",
        env={**worker_env, "PYTHONPATH": str(PROJECT_DIR)},
        check=True,
        timeout=180,
        capture_output=True,
    )

    status, added, upload = query(
        database,
        "SELECT status, messages_added, upload FROM knowledge_chatimportjob "
        "ORDER BY id DESC LIMIT 1",
    )
    messages_after = query(database, "SELECT count(*) FROM knowledge_chatmessage")[0]
    assert len(waiting) == 1  # the upload went to the bucket …
    assert status == "done"
    assert added > 0
    assert messages_after - messages_before == added  # … the worker imported it …
    assert moto.keys("chat_imports/") == []  # … and deleted it afterwards
    assert upload == ""
    for machine in ("web-machine", "worker-machine"):  # no disk was involved
        media = tmp_path / machine / "media"
        assert not media.exists() or not any(media.rglob("*.*"))
