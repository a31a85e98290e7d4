"""Production settings pass Django's deployment checklist and refuse to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # Only what a production server would have; the browser tests' async flag
    # and the test settings module must not leak in.
    leaks = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leaks}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_reports_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=website.settings.production",
        SECRET_KEY="x" * 60 + "-a-long-random-production-secret",
        ALLOWED_HOSTS="chendian.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", "--settings=website.settings.production", SECRET_KEY=""
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    from django.core.management import call_command

    # Exits with an error (SystemExit) when a model differs from its migrations.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
