"""An organiser copies today's group message from the admin into the clipboard."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests import factories
from tests.e2e.conftest import admin_log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_organiser_copies_the_warm_up_message_from_today(live_server, browser):
    get_user_model().objects.create_superuser(
        "organiser", "o@example.com", "copy-pass-123"
    )
    series = factories.topic_series(title="案例拆解", slug="cases")
    session = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(hours=3),
        title="新人欢迎流程",
        slug="welcome",
    )

    context = browser.new_context(locale="zh-CN")
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page = context.new_page()
    admin_log_in(page, live_server, "organiser", "copy-pass-123")

    page.goto(live_server.url + "/admin/sessions/today/")
    card = page.locator(".today-change").filter(has_text="新人欢迎流程").first
    expected = card.locator("textarea").input_value()
    card.get_by_role("button", name="复制").click()
    card.locator("[data-copy-status]").filter(has_text="已复制").wait_for()

    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected
    assert "新人欢迎流程" in copied
    assert copied.splitlines()[-1].endswith(session.url)
    context.close()
