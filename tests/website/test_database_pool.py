"""DATABASE_POOL_SIZE puts PostgreSQL connections in psycopg's pool."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="runs in the PostgreSQL pass of .ci/run (DATABASE_URL=postgres://…)",
)

POOL_PROBE = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
pool = connection.pool
print(type(pool).__name__, pool.max_size)
"""


def test_pool_size_setting_serves_queries_from_a_psycopg_pool_of_that_size():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST"))
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", POOL_PROBE],
        cwd=ROOT,
        env={**env, "DATABASE_POOL_SIZE": "4"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ConnectionPool 4"
