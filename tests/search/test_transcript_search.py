"""Transcript passages are found, and a hit opens the session at that moment."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from sessions.transcripts.services import transcript_import
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "sessions" / "transcript_fixtures"


def import_fixture(session, name):
    return transcript_import(
        session=session, data=(FIXTURES / name).read_bytes(), filename=name
    )


@pytest.fixture
def session():
    return factories.sharing_session(
        start=timezone.now() - timedelta(days=2), title="表格自动化"
    )


def test_a_transcript_line_is_found_and_opens_the_session_at_its_time(client, session):
    import_fixture(session, "share.vtt")
    response = client.get("/search/api/", {"q": "透视表刷新"}).json()
    (hit,) = [r for r in response["results"] if r["kind"] == "transcript"]
    assert hit["url"] == f"http://testserver{session.url}#t=1h02m03s"
    assert hit["title"] == "表格自动化 · 1:02:03"


def test_a_draft_session_transcript_is_not_found(client):
    draft = factories.sharing_session(
        start=timezone.now() - timedelta(days=1), publish=False
    )
    import_fixture(draft, "share.srt")
    response = client.get("/search/api/", {"q": "透视表刷新"}).json()
    assert response["total"] == 0
