"""manage.py import_chat."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import ChatArchive, ChatMessage
from tests import factories

from .chat_support import FIXTURES

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_chat", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_detects_the_format_and_reports_counts():
    out = run(str(FIXTURES / "wechat_v1.txt"))
    assert "wechat-txt: read 5 messages, added 5." in out
    assert run(str(FIXTURES / "wechat_v1.txt")).endswith("read 5 messages, added 0.\n")


def test_import_says_who_updates_search_when_a_worker_does(settings):
    # Tasks run inline here (the test settings): search is already up to date.
    assert "db_worker" not in run(str(FIXTURES / "wechat_v1.txt"))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = run(str(FIXTURES / "plain.csv"), "--format", "csv")
    assert "db_worker" in out and "search_sync" in out


def test_options_archive_group_session_privacy_timezone():
    session = factories.sharing_session(start=datetime(2024, 6, 1, 11, 30, tzinfo=UTC))
    run(
        str(FIXTURES / "plain.csv"),
        "--format", "csv",
        "--archive", "六月分享会",
        "--session", session.url,
        "--privacy", "as-exported",
        "--timezone", "Europe/Berlin",
    )  # fmt: skip
    archive = ChatArchive.objects.get(title="六月分享会")
    assert archive.session == session
    assert archive.privacy == "as-exported"
    first = archive.messages.get(sender_name="阿青", kind="text")
    assert first.sent_at == datetime(2024, 6, 1, 17, 30, tzinfo=UTC)
    run(
        str(FIXTURES / "plain.csv"), "--group", "另一个群", "--session", str(session.pk)
    )
    assert ChatArchive.objects.get(group_name="另一个群").session == session


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "no such file"),
        ([str(FIXTURES / "qq_bad_date.txt")], "qq_bad_date.txt, line 15"),
        ([str(FIXTURES / "plain.csv"), "--timezone", "Mars/Base"], "unknown time zone"),
        (
            [str(FIXTURES / "plain.csv"), "--session", "/no/such/page/"],
            "no sharing session",
        ),
    ],
)
def test_failures_are_clear_errors_and_store_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert ChatMessage.objects.count() == 0
