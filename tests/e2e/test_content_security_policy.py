"""The pages still work under the Content-Security-Policy, and the browser
reports no violation: countdown, live refresh, search (suggestions and the
header box), the chat archive's styles, and the admin's copy buttons."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from knowledge.models import ChatMessage
from sessions.lifecycle import Stage
from sessions.models import SharingSessionPage
from tests import factories
from tests.e2e.conftest import admin_log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Playwright's own init scripts are exempt from the page's policy, so this
# listener sees every violation the policy reports, from the first byte on.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watch(page):
    """Collect CSP violations from the page's events and its console."""
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and console.append(message.text)
        ),
    )
    return console


def violations(page, console):
    return page.evaluate("window.cspViolations") + console


def session_in(stage):
    now = timezone.now()
    for session in SharingSessionPage.objects.live():
        if session.stage_at(now) == stage:
            return session
    raise AssertionError(f"the demo has no session in stage {stage}")


def test_public_pages_work_under_the_strict_policy(live_server, page):
    call_command("load_demo")
    console = watch(page)

    # Countdown: the script rewrites the server's text every second.
    upcoming = session_in(Stage.COLLECTING_QUESTIONS)
    page.goto(live_server.url + upcoming.url)
    countdown = page.locator("[data-countdown]")
    first = countdown.inner_text()
    # (expect, not wait_for_function: the policy forbids the eval that one needs)
    expect(countdown).not_to_have_text(first)
    expect(countdown).to_have_text(re.compile(r"\d+ 秒"))

    # Live refresh: new notes appear without a reload (timers fast-forwarded).
    live = session_in(Stage.LIVE)
    page.clock.install()
    page.goto(live_server.url + live.url)
    page.evaluate("document.body.dataset.sameDocument = 'yes'")
    live.live_notes = "刚刚更新：第二位嘉宾上线"
    live.save_revision().publish()
    page.clock.fast_forward("01:05")
    page.locator("#live-notes").filter(has_text="第二位嘉宾上线").wait_for()
    assert page.evaluate("document.body.dataset.sameDocument") == "yes"

    # The header search box still submits; the search page suggests titles.
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "分享")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.fill("#search-q", live.title[:2])
    expect(page.locator("#search-q-listbox [role=option]").first).to_be_attached()

    # A chat archive day (a message's permalink): its styles now come from site.css.
    message = ChatMessage.objects.filter(kind="text").first()
    page.goto(live_server.url + f"/chats/m/{message.pk}/")
    chat_log = page.locator(".chat-log")
    assert chat_log.evaluate("el => getComputedStyle(el).listStyleType") == "none"

    assert violations(page, console) == []


def test_admin_copy_buttons_work_under_the_admin_policy(live_server, browser):
    get_user_model().objects.create_superuser("organiser", "o@example.com", "pw-12345")
    session = factories.sharing_session(
        factories.topic_series(title="案例拆解", slug="cases"),
        start=timezone.now() + timedelta(hours=3),
        title="新人欢迎流程",
        slug="welcome",
    )
    context = browser.new_context(locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    console = watch(page)
    admin_log_in(page, live_server, "organiser", "pw-12345")

    page.goto(live_server.url + "/admin/sessions/today/")
    card = page.locator(".today-change").filter(has_text="新人欢迎流程").first
    card.get_by_role("button", name="复制").click()
    card.locator("[data-copy-status]").filter(has_text="已复制").wait_for()

    page.goto(live_server.url + f"/admin/pages/{session.pk}/edit/")
    page.get_by_role("tab", name="群消息").click()
    message = page.locator("[data-group-message]").first
    message.get_by_role("button", name="复制").click()
    message.locator("[data-copy-status]").filter(has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        message.locator("textarea").input_value()
    )

    assert violations(page, console) == []
    context.close()
