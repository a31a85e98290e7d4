"""Real server processes for tests that need more than one process.

The site is served by gunicorn (or worked on by ``db_worker``) in child
processes, on a SQLite file made once per test run from the demo content
(``load_demo``) and copied for each test, so every test starts from the same
community and no test sees another's writes.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "chendian-demo"  # what load_demo gives every demo account

# Printed by the fixture script below after load_demo: what the tests need to
# know about the demo community without reading its tables themselves.
DEMO_FACTS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from knowledge.models import KnowledgeIndexPage
from sessions.models import SharingSessionPage

now = timezone.now()
collecting = next(
    s for s in SharingSessionPage.objects.live().specific() if s.questions_open_at(now)
)
print(json.dumps({
    "member": "xiaolin",
    "member_id": get_user_model().objects.get(username="xiaolin").pk,
    "collecting_session_id": collecting.pk,
    "collecting_session_path": collecting.url,
    "knowledge_index_path": KnowledgeIndexPage.objects.live().first().url,
}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, process=None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def site_env(*, database: Path, cache_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a child process serving or working on ``database``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{database}",
        CACHE_LOCATION=str(cache_dir),
        MEDIA_ROOT=str(database.parent / "media"),
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], cwd=PROJECT_DIR) -> str:
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def build_demo_database(folder: Path) -> tuple[Path, dict]:
    """Migrate a SQLite file, load the demo into it; return it and its facts."""
    database = folder / "demo.sqlite3"
    env = site_env(database=database, cache_dir=folder / "cache")
    manage("migrate", "--verbosity", "0", env=env)
    # A freshly migrated, empty site too (the target of a restore).
    shutil.copy(database, folder / "empty.sqlite3")
    manage("load_demo", env=env)
    output = manage("shell", "-c", DEMO_FACTS_SCRIPT, env=env)
    facts = json.loads(output.strip().splitlines()[-1])
    shutil.rmtree(folder / "cache", ignore_errors=True)
    return database, facts


class Gunicorn:
    """gunicorn serving the site on a free loopback port until stopped."""

    def __init__(self, *, env, cwd=PROJECT_DIR, workers=2, threads=8):
        self.log = Path(env["CACHE_LOCATION"]).parent / f"gunicorn-{id(self)}.log"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {**env, "PYTHONPATH": str(PROJECT_DIR)}
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "website.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "120",
                "--log-level",
                "warning",
                "--preload",  # import the site once, then fork the workers
            ],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),
        )
        wait_for_port(self.port, process=self.process)

    def errors(self) -> str:
        """What the server logged (errors only): shown when a test fails."""
        return self.log.read_text()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def member_session(base_url: str, username: str) -> requests.Session:
    """A logged-in HTTP session of a demo member."""
    browser = requests.Session()
    browser.get(f"{base_url}/accounts/login/", timeout=30).raise_for_status()
    response = browser.post(
        f"{base_url}/accounts/login/",
        data={
            "login": username,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{base_url}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code == 302, "the demo member could not log in"
    return browser


def clone_session(browser: requests.Session) -> requests.Session:
    """Another HTTP session with the same cookies (requests.Session is per thread)."""
    clone = requests.Session()
    clone.cookies.update(browser.cookies)
    return clone


class RedisServer:
    """Debian's redis-server on a free loopback port, in memory only."""

    def __init__(self, folder: Path, *, password: str = ""):
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is missing: apt-get install redis-server")
        self.port = free_port()
        self.url = f"redis://:{password}@127.0.0.1:{self.port}/0"
        auth = ["--requirepass", password] if password else []
        self.process = subprocess.Popen(  # noqa: S603
            [
                executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
                *auth,
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


class MotoServer:
    """moto's S3-compatible server on a free loopback port, with one bucket."""

    bucket = "chendian-media"
    credentials = {
        "AWS_ACCESS_KEY_ID": "moto-test-key",
        "AWS_SECRET_ACCESS_KEY": "moto-test-secret",  # noqa: S105 - moto's fake
        "AWS_S3_REGION_NAME": "us-east-1",
    }

    def __init__(self):
        import boto3

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)
        self.s3 = boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=self.credentials["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.credentials["AWS_SECRET_ACCESS_KEY"],
            region_name=self.credentials["AWS_S3_REGION_NAME"],
        )
        self.s3.create_bucket(Bucket=self.bucket)

    def env(self) -> dict[str, str]:
        """What a web process or worker needs to keep its media in the bucket."""
        return {
            **self.credentials,
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
        }

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.s3.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
