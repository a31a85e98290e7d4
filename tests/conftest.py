import os

import pytest


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, skip what the SQLite pass of .ci/run already covers:

    - tests marked ``db_independent``: their child processes serve their own
      SQLite files whatever ``DATABASE_URL`` says, so they would run the same;
    - browser tests (``browser``): they check what a page shows and does in
      chromium. The queries behind each of those pages run in this pass through
      the view and page-budget tests, and a third of the suite's time is the
      browser, which would keep the two passes from finishing in 10 minutes
      side by side on 2 cores.
    """
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    skip = pytest.mark.skip(
        reason="runs the same on any database: covered by the SQLite pass"
    )
    for item in items:
        if item.get_closest_marker("db_independent") or item.get_closest_marker(
            "browser"
        ):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Wagtail caches site root paths there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _hypothesis_profiles():
    """Property tests: modest example counts in the suite, more on request.

    ``HYPOTHESIS_PROFILE=thorough`` runs ten times as many examples. CI runs
    derandomized, so a failure there reproduces on any machine.
    """
    import os

    from hypothesis import HealthCheck, settings

    common = {
        "deadline": None,  # a shared two-core machine makes timings meaningless
        "database": None,  # no .hypothesis/ folder in the working tree
        "derandomize": bool(os.environ.get("CI")),
        "suppress_health_check": [
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    }
    settings.register_profile("suite", max_examples=60, **common)
    settings.register_profile("thorough", max_examples=600, **common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


_hypothesis_profiles()
