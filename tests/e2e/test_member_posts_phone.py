"""A member follows their posts on a phone: the list and the form fit the screen."""

import pytest

from knowledge.posts.services import post_submit
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("button", name="退出登录").wait_for()


def test_my_posts_and_the_post_form_fit_a_phone(live_server, phone):
    index = factories.knowledge_index()
    author = factories.member("author")
    post_submit(
        index=index,
        user=author,
        title="导出群聊记录的小技巧：从客户端导出到表格整理的完整步骤",
        body="先导出，再整理。",
        tags=["工具"],
        related_session=None,
    )
    base = live_server.url
    log_in(phone, base, "author")

    phone.goto(base + index.url + "mine/")
    edit = phone.locator("table.my-posts").get_by_role("link", name="编辑")
    line = phone.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    # One line, not 编 above 辑.
    assert edit.bounding_box()["height"] < 1.5 * line

    phone.goto(base + index.url + "submit/")
    title = phone.locator("#id_title").bounding_box()
    session = phone.locator("#id_related_session").bounding_box()
    # The session picker is as wide and as easy to tap as the other fields.
    assert session["width"] == pytest.approx(title["width"], abs=1)
    assert session["height"] >= 0.8 * title["height"]
