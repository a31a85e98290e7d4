"""A member searches for something said in a recording and lands on that moment."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.transcripts.services import transcript_import
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def long_feishu_export():
    """An hour and a half of talk, one block a minute; one line is findable."""
    blocks = ["表格自动化实践\n文字记录:\n"]
    for minute in range(90):
        hours, minutes = divmod(minute, 60)
        clock = f"{hours}:{minutes:02d}:30" if hours else f"{minutes:02d}:30"
        words = (
            "透视表刷新之后一定要检查筛选条件"
            if minute == 62
            else f"第 {minute} 分钟的讲解，继续整理打卡数据。"
        )
        blocks.append(f"Lao Zhou {clock}\n{words}\n")
    return "\n".join(blocks).encode()


def test_a_search_hit_on_a_transcript_line_opens_the_session_at_that_moment(
    live_server, page
):
    session = factories.sharing_session(
        start=timezone.now() - timedelta(days=2),
        title="表格自动化",
        recap=factories.recap_stream("今天讲了打卡表。"),
    )
    transcript_import(session=session, data=long_feishu_export(), filename="妙记.txt")

    page.goto(f"{live_server.url}/search/?q=透视表刷新")
    hit = page.locator(".result h2 a", has_text="1:02:30")
    hit.click()
    page.wait_for_url(f"**{session.url}#t=1h02m30s")

    moment = page.locator(".transcript__segment.is-current")
    expect(moment).to_have_count(1)
    expect(moment).to_contain_text("透视表刷新之后一定要检查筛选条件")
    expect(moment).to_contain_text("1:02:30")
    expect(moment).to_be_in_viewport()
    assert page.locator("details.transcript__body").get_attribute("open") is not None
