"""``/healthz`` for load balancers and monitoring, and the worker's heartbeat.

Answers JSON. 503 when this web process cannot serve pages (its database or
its cache fails), so a load balancer takes it out of rotation. The search
engine, the search outbox and the task worker are reported too, but only make
the status "degraded" (still 200): pages keep working without them (search
falls back to the database, changes wait in the outbox), and taking every web
process out because one shared service is down would turn a partial outage
into a full one. Monitoring should alert on "degraded".

Failures are reported by exception class only: messages can contain host
names or URLs with credentials.
"""

from __future__ import annotations

import secrets
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse

HEARTBEAT_KEY = "chendian:worker-heartbeat"
HEARTBEAT_EVERY = 15  # seconds between two heartbeats of a running worker


def _settings_seconds(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _failure(error: Exception) -> dict:
    return {"ok": False, "error": type(error).__name__}


def check_database() -> dict:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return _failure(error)
    return {"ok": True}


def check_cache() -> dict:
    cache = caches["default"]
    key, token = "chendian:healthz", secrets.token_hex(8)
    try:
        cache.set(key, token, timeout=30)
        ok = cache.get(key) == token
    except Exception as error:  # noqa: BLE001
        return _failure(error)
    return {"ok": ok}


def check_search() -> dict:
    from search.engines import get_engine

    try:
        engine = get_engine()
        client = getattr(engine, "client", None)  # only a cluster has one
        ok = client is None or bool(client.options(request_timeout=3).ping())
    except Exception as error:  # noqa: BLE001
        return {**_failure(error), "engine": getattr(engine, "name", "?")}
    return {"ok": ok, "engine": engine.name}


def check_outbox() -> dict:
    from search.models import OutboxEntry

    try:
        oldest = OutboxEntry.objects.order_by("created_at").first()
        pending = OutboxEntry.objects.count()
    except Exception as error:  # noqa: BLE001
        return _failure(error)
    lag = int(time.time() - oldest.created_at.timestamp()) if oldest else 0
    limit = _settings_seconds("CHENDIAN_HEALTH_OUTBOX_LAG", 15 * 60)
    return {"ok": lag <= limit, "pending": pending, "lag_seconds": lag}


def check_worker() -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return {"ok": True, "used": False}  # tasks run inside the request
    try:
        beat = caches["default"].get(HEARTBEAT_KEY)
    except Exception as error:  # noqa: BLE001
        return _failure(error)
    if beat is None:
        return {"ok": False, "used": True, "seen_seconds_ago": None}
    ago = int(time.time() - beat)
    limit = _settings_seconds("CHENDIAN_HEALTH_WORKER_SILENCE", 4 * HEARTBEAT_EVERY)
    return {"ok": ago <= limit, "used": True, "seen_seconds_ago": ago}


CRITICAL = {"database": check_database, "cache": check_cache}
REPORTED = {"search": check_search, "outbox": check_outbox, "worker": check_worker}


def health_report() -> tuple[int, dict]:
    checks = {name: check() for name, check in CRITICAL.items()}
    if checks["database"]["ok"]:
        checks.update({name: check() for name, check in REPORTED.items()})
    if not all(checks[name]["ok"] for name in CRITICAL):
        return 503, {"status": "fail", "checks": checks}
    degraded = not all(result["ok"] for result in checks.values())
    return 200, {"status": "degraded" if degraded else "ok", "checks": checks}


class HealthCheckMiddleware:
    """Answers ``/healthz`` first, before host checks, HTTPS redirects and
    sessions: a load balancer probes by IP address over plain HTTP."""

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != self.path:
            return self.get_response(request)
        status, report = health_report()
        response = JsonResponse(report, status=status)
        response["Cache-Control"] = "no-store"
        return response


class WorkerHeartbeat:
    """Writes the time into the shared cache every few seconds from a daemon
    thread while a worker process runs (``db_worker`` starts it)."""

    def __init__(self, every: float = HEARTBEAT_EVERY):
        self.every = every
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                caches["default"].set(HEARTBEAT_KEY, time.time(), timeout=None)
            except Exception:  # noqa: BLE001, S110 - the next beat tries again
                pass
            self._stopped.wait(self.every)
