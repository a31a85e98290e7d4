"""Browser tests: Playwright driving Debian's chromium against a live server.

They are skipped where /usr/bin/chromium is missing (a laptop without it),
except under CI, where .ci/run installs it and a missing browser is an error.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the tests still
# call the ORM synchronously, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)  # before tests/conftest.py reads the marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser(live_server):
    # Started per test, after the database is set up, and stopped before it is
    # torn down: Playwright's event loop must not be running while pytest-django
    # flushes and restores the database (Django then switches connections).
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(
                f"{CHROMIUM} is missing: .ci/run should have installed chromium"
            )
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _pages(browser, width, height):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page(browser):
    """A desktop browser tab."""
    yield from _pages(browser, 1280, 900)


@pytest.fixture
def phone(browser):
    """A browser tab the size of a common phone screen."""
    yield from _pages(browser, 390, 844)


def admin_log_in(page, live_server, username, password):
    """Log in through the Wagtail admin's own form and land on the dashboard."""
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


AXE_SCRIPT = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA and everything below it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_serious_violations(page) -> list[str]:
    """Serious and critical WCAG 2.2 AA violations axe-core finds on the page.

    axe-core comes from the npm registry into tests/e2e/axe (``npm ci --prefix
    tests/e2e/axe``) and is injected from that file: no page loads it from a CDN.
    """
    if not AXE_SCRIPT.exists():
        # Like the browser itself: skipped on a laptop without it, an error in CI.
        message = f"{AXE_SCRIPT} is missing: run npm ci --prefix tests/e2e/axe"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not
        # govern (a <script> tag, even from a file, would be inline to the page).
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def log_in(page, base, username, password):
    page.goto(base + "/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def moderate_in_admin(page, base, question, status, answer=""):
    """Set a question's status (and answer) in its Wagtail edit view."""
    page.goto(
        f"{base}/admin/snippets/community_sessions/sessionquestion/edit/{question.pk}/"
    )
    page.select_option("#id_status", status)
    if answer:
        page.fill("#id_answer", answer)
    page.locator("button[type=submit]").filter(has_text="保存").first.click()
    page.wait_for_url("**/sessionquestion/")


def sign_up(page, base, *, username, display_name, invite_code, email=""):
    """Join through the sign-up form; returns once the header names the member."""
    page.goto(base + "/accounts/signup/")
    page.fill("#id_username", username)
    if email:
        page.fill("#id_email", email)
    page.fill("#id_password1", "a-long-pass-2026")
    page.fill("#id_password2", "a-long-pass-2026")
    page.fill("#id_display_name", display_name)
    page.fill("#id_invite_code", invite_code)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name=display_name).wait_for()


def approved_question(session):
    """Someone else's question, already on the board to vote for."""
    from sessions.models import SessionQuestion
    from tests import factories

    return SessionQuestion.objects.create(
        session=session,
        author=factories.member("early"),
        author_name="上海-早鸟",
        text="冷启动阶段要不要先做付费？",
        status="approved",
    )
