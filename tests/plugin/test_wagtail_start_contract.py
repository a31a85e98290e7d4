"""The plugin contract: the apps install into a project made by ``wagtail start``.

Builds this repository's wheel, installs it (without dependencies: the
test's own environment has them) into a folder of its own, generates a fresh
project with ``wagtail start`` and drives it in a subprocess that can import
the apps only from that folder. Three steps, each on a new database:
``sessions`` alone, then with ``search``, then all three apps.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The generated project runs on SQLite whatever the suite runs on, so the
# PostgreSQL pass of CI skips it rather than repeat it (tests/conftest.py).
pytestmark = pytest.mark.db_independent

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("host_driver.py")

# What each step adds to the generated settings (the README's "Add to an
# existing Wagtail site" section says the same).
SESSIONS_APPS = [
    "sessions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
]
SEARCH_APPS = ["search", "wagtail.contrib.search_promotions"]
KNOWLEDGE_APPS = ["knowledge", "allauth", "allauth.account"]

STEPS = {
    "sessions": (SESSIONS_APPS, []),
    "sessions+search": (
        SESSIONS_APPS + SEARCH_APPS,
        ['path("", include("search.urls"))'],
    ),
    "all": (
        SESSIONS_APPS + SEARCH_APPS + KNOWLEDGE_APPS,
        [
            'path("", include("search.urls"))',
            'path("accounts/", include("allauth.urls"))',
            'path("", include("knowledge.urls"))',
        ],
    ),
}


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A ``wagtail start`` project and a folder holding only our installed wheel."""
    root = tmp_path_factory.mktemp("plugin")
    source = root / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "var",
            "media",
            "db.sqlite3*",
            "build",
            "*.egg-info",
            "__pycache__",
            "test-artifacts",
            "node_modules",
        ),
    )
    wheels = root / "wheels"
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(wheels),
        str(source),
    )
    installed = root / "installed"
    wheel = next(wheels.glob("chendian-*.whl"))
    run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "-q",
        "--target",
        str(installed),
        str(wheel),
    )
    project = root / "project"
    project.mkdir()
    wagtail = Path(sys.executable).with_name("wagtail")
    run(str(wagtail), "start", "hostsite", str(project))
    # `wagtail start` makes a demo `search` app of its own; the host removes it
    # and uses ours (README: "Add to an existing Wagtail site").
    shutil.rmtree(project / "search")
    urls = project / "hostsite" / "urls.py"
    text = urls.read_text()
    text = text.replace("from search import views as search_views\n", "")
    text = text.replace(
        '    path("search/", search_views.search, name="search"),\n', ""
    )
    urls.write_text(text)
    shutil.copy(DRIVER, project / "host_driver.py")
    return project, installed


def module_name(step: str) -> str:
    return "contract_" + step.replace("+", "_")


def configure(project: Path, step: str) -> None:
    """Settings and URLs for one step, in modules of their own."""
    apps, url_lines = STEPS[step]
    name = module_name(step)
    (project / "hostsite" / "settings" / f"{name}.py").write_text(
        "from .dev import *  # noqa\n"
        "INSTALLED_APPS = [a for a in INSTALLED_APPS if a != 'search'] + "
        f"{apps!r}\n"
        "MIDDLEWARE = MIDDLEWARE + (['allauth.account.middleware.AccountMiddleware']"
        f" if 'allauth' in {apps!r} else [])\n"
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', "
        f"'NAME': BASE_DIR / 'db-{name}.sqlite3'}}}}\n"
        "ALLOWED_HOSTS = ['*']\n"
        f"ROOT_URLCONF = 'hostsite.{name}_urls'\n"
    )
    extra = "".join(f"    {line},\n" for line in url_lines)
    (project / "hostsite" / f"{name}_urls.py").write_text(
        "from django.urls import include, path\n"
        "from hostsite.urls import urlpatterns as host_urlpatterns\n\n"
        f"urlpatterns = [\n{extra}] + host_urlpatterns\n"
    )


@pytest.fixture(scope="module")
def reports(host) -> dict:
    """Each step's report; the steps run side by side (separate databases)."""
    project, installed = host
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL"}
    }
    env["PYTHONPATH"] = str(installed)
    running = {}
    for step in STEPS:
        configure(project, step)
        running[step] = subprocess.Popen(
            [sys.executable, "host_driver.py", step],
            cwd=project,
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": f"hostsite.settings.{module_name(step)}",
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    results = {}
    for step, process in running.items():
        stdout, stderr = process.communicate(timeout=600)
        results[step] = (process.returncode, stdout, stderr)
    return installed, results


def report_of(reports, step: str) -> dict:
    installed, results = reports
    returncode, stdout, stderr = results[step]
    assert returncode == 0, stderr[-4000:]
    report = json.loads(stdout.strip().splitlines()[-1])
    assert report["sessions_from"].startswith(str(installed))
    return report


def assert_sessions_served(report: dict) -> None:
    assert report["admin_add_form"] == 200
    assert report["admin_add_post"] == 302  # published, back to the explorer
    assert report["index"] == 200
    assert report["series"] == 200
    for stage, seen in report["stages"].items():
        assert seen == {"status": 200, "shows_stage": True}, stage


def test_sessions_alone_serve_every_stage_in_a_wagtail_start_project(reports):
    report = report_of(reports, "sessions")
    assert_sessions_served(report)
    assert "search_status" not in report


def test_sessions_with_search_find_a_session_in_a_wagtail_start_project(reports):
    report = report_of(reports, "sessions+search")
    assert_sessions_served(report)
    assert report["search_status"] == 200
    assert report["search_finds_session"] is True


def test_all_three_apps_show_a_chat_archive_on_its_session_page(reports):
    report = report_of(reports, "all")
    assert_sessions_served(report)
    assert report["search_finds_session"] is True
    assert report["chat_section"] is True
