"""Benchmark: each page type's median time beside the floor, at N sessions.

Builds a community with ``--sessions`` sessions (default 500; half past with
a recap, half to come) plus posts, questions and chat messages in proportion
(tests/website/community_builder.py), in a temporary SQLite database with
DEBUG off and a file-based cache, as in production. Then reads every page
type in-process through Django's test client, in turns (so load on a shared
machine falls on every page alike), and prints each page's median and p90 in
ms, its ratio to the floor, and its query count. The floor is ``/rules/``, a
StandardPage with the site header and footer. Targets (issue 18): session
pages ≤ 2× the floor, list pages ≤ 3×.

Run: ``.venv/bin/python bench/pages.py [--sessions 500] [--rounds 30]``
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'pages.sqlite3'}"
    os.environ["CACHE_LOCATION"] = str(workdir / "cache")
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django
    from django.conf import settings

    django.setup()
    # Building hundreds of members: the production hasher would dominate setup.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(sessions: int):
    from django.core.management import call_command

    from tests.website.community_builder import CommunityBuilder

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    community = CommunityBuilder()
    community.grow(max(sessions // 2, 1))
    print(f"built {sessions} sessions in {time.perf_counter() - started:.0f}s")
    return community


def pages(community) -> dict[str, tuple[str, str]]:
    """name → (kind, url); kind is floor, session or list."""
    found = {"floor /rules/": ("floor", community.rules.url)}
    for stage, page in community.stages.items():
        found[f"session ({stage})"] = ("session", page.url)
    found.update(
        {
            "home": ("list", "/"),
            "series index": ("list", community.index.url),
            "series": ("list", community.series.url),
            "knowledge list": ("list", community.knowledge.url),
            "member page": ("list", f"/members/{community.member.pk}/"),
            "chat day": ("list", community.chat_day_url()),
            "calendar.ics": ("list", "/sessions/calendar.ics"),
            "sitemap.xml": ("list", "/sitemap.xml"),
        }
    )
    return found


def measure(client, urls: dict, rounds: int) -> dict[str, list[float]]:
    times = {name: [] for name in urls}
    for _ in range(3):  # warm-up: caches filled, templates compiled
        for _kind, url in urls.values():
            client.get(url)
    for _ in range(rounds):
        for name, (_kind, url) in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return times


def query_counts(client, urls: dict) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (_kind, url) in urls.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[name] = len(queries)
    return counts


def report(title, urls, times, counts):
    floor = statistics.median(times["floor /rules/"])
    print(f"\n{title}")
    print(f"{'page':<22}{'median ms':>10}{'p90 ms':>9}{'× floor':>9}{'queries':>9}")
    targets = {"session": 2.0, "list": 3.0}
    for name, (kind, _url) in urls.items():
        median = statistics.median(times[name])
        p90 = statistics.quantiles(times[name], n=10)[-1]
        ratio = median / floor
        mark = ""
        if kind in targets:
            mark = "  ok" if ratio <= targets[kind] else f"  over {targets[kind]}×"
        print(
            f"{name:<22}{median:>10.1f}{p90:>9.1f}{ratio:>9.2f}{counts[name]:>9}{mark}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    setup_django(workdir)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client run without a test runner
    community = build(args.sessions)
    urls = pages(community)
    visitor = Client()
    times = measure(visitor, urls, args.rounds)
    report(
        f"visitor, {args.sessions} sessions, {args.rounds} rounds",
        urls,
        times,
        query_counts(visitor, urls),
    )
    member = Client()
    member.force_login(community.member)
    times = measure(member, urls, args.rounds)
    report(
        f"member, {args.sessions} sessions, {args.rounds} rounds",
        urls,
        times,
        query_counts(member, urls),
    )


if __name__ == "__main__":
    main()
