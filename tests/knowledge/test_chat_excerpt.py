"""Editors quote a stretch of an imported chat in a session's recap."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.models import SharingSessionPage
from tests import factories

from .chat_support import import_fixture

pytestmark = pytest.mark.django_db


def test_editor_adds_a_message_range_to_the_recap_as_a_draft(admin_client):
    series = factories.topic_series()
    session = factories.sharing_session(
        series, start=timezone.now() - timedelta(days=1)
    )
    archive = import_fixture("qq_basic.txt", privacy="initials").archives[0]
    first = archive.messages.get(text__startswith="早，今天的分享会")
    last = archive.messages.get(text__startswith="下午两点")

    response = admin_client.post(
        "/admin/chat-archives/excerpt/",
        {
            "session": session.pk,
            "first": f"http://testserver/chats/m/{first.pk}/",
            "last": str(last.pk),
            "caption": "几点开始",
        },
    )
    assert response.status_code == 302

    live = SharingSessionPage.objects.get(pk=session.pk)
    assert len(live.recap) == 0  # published recap untouched until an editor publishes
    draft = live.get_latest_revision_as_object()
    (block,) = [b for b in draft.recap if b.block_type == "chat_excerpt"]
    lines = block.value["lines"]
    assert [line["text"].splitlines()[0] for line in lines] == [
        "早，今天的分享会几点开始？",
        "下午两点，腾讯会议",
    ]
    assert block.value["caption"] == "几点开始"
    # Senders follow the archive's privacy mode (initials), never the raw id.
    assert all("2850012345" not in line["sender"] for line in lines)
    assert lines[0]["sender"] == archive.display_sender(first)


def test_an_unknown_message_is_refused_and_the_recap_is_untouched(admin_client):
    series = factories.topic_series()
    session = factories.sharing_session(series, start=timezone.now())
    one = import_fixture("qq_basic.txt").archives[0].messages.first()
    response = admin_client.post(
        "/admin/chat-archives/excerpt/",
        {"session": session.pk, "first": str(one.pk), "last": "999999"},
    )
    assert response.status_code == 200
    assert (
        "999999" not in response.content.decode() or "没有" in response.content.decode()
    )
    assert len(session.get_latest_revision_as_object().recap) == 0
