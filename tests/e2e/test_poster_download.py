"""An organiser downloads a session's share poster from the Today view."""

import io
from datetime import timedelta

import pytest
import zxingcpp
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image

from tests import factories
from tests.e2e.conftest import admin_log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_organiser_downloads_the_questions_poster_from_today_on_a_phone(
    live_server, browser, tmp_path
):
    width = 390
    get_user_model().objects.create_superuser(
        "organiser", "o@example.com", "poster-pass-123"
    )
    session = factories.sharing_session(
        factories.topic_series(title="案例拆解", slug="cases"),
        start=timezone.now() + timedelta(days=2, hours=1),
        title="新人欢迎流程",
        slug="welcome",
    )
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    admin_log_in(page, live_server, "organiser", "poster-pass-123")
    page.goto(live_server.url + "/admin/sessions/today/")

    card = page.locator(".today-change").filter(has_text="新人欢迎流程").first
    button = card.get_by_role("link", name="下载“问题征集中”海报")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.screenshot(path=tmp_path / f"today-{width}.png", full_page=True)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "welcome-questions.png"
    image = Image.open(io.BytesIO(open(download.value.path(), "rb").read()))
    assert image.width == 1080
    # The public address from the site's root, whatever host the admin runs on.
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [session.get_full_url()]
    context.close()
