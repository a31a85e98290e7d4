"""Admin: upload an export (run through django-tasks), remove a sender on request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from knowledge.models import (
    ChatArchive,
    ChatArchiveIndexPage,
    ChatImportJob,
    ChatMessage,
)
from search.models import OutboxEntry
from tests import factories

from .chat_support import FIXTURES, import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    return user


def upload(client, name, **fields):
    data = {"upload": SimpleUploadedFile(name, (FIXTURES / name).read_bytes())}
    data.update({"format": "", "privacy": "pseudonymised", "timezone": "Asia/Shanghai"})
    data.update(fields)
    return client.post("/admin/chat-imports/new/", data, follow=True)


def test_upload_imports_and_shows_the_result(client, editor):
    response = upload(client, "qq_basic.txt", archive_title="三月分享会群聊")
    job = ChatImportJob.objects.get()
    assert job.status == "done"
    assert job.messages_added == 11
    assert job.created_by == editor
    html = response.content.decode()
    assert 'data-import-status="done"' in html
    assert "三月分享会群聊" in html
    archive = ChatArchive.objects.get(title="三月分享会群聊")
    assert ModelLogEntry.objects.filter(
        action="knowledge.chat_import", object_id=archive.pk
    )


def test_a_broken_upload_shows_the_error_and_stores_nothing(client, editor):
    html = upload(client, "qq_bad_date.txt").content.decode()
    assert ChatImportJob.objects.get().status == "failed"
    assert "qq_bad_date.txt, line 15" in html
    assert ChatMessage.objects.count() == 0


def test_remove_a_sender_from_all_archives_after_confirmation(client, editor):
    import_fixture("qq_basic.txt")
    import_fixture("qq_later.txt", archive_title="另一份存档")
    message = ChatMessage.objects.filter(sender_name="山间小林").first()
    assert ChatMessage.objects.filter(sender_key=message.sender_key).count() == 5
    url = "/admin/chat-archives/remove-sender/"
    preview = client.post(
        url, {"message": f"https://x.example/chats/m/{message.pk}/", "everywhere": "1"}
    )
    assert ChatMessage.objects.filter(sender_key=message.sender_key).count() == 5
    assert "5" in preview.content.decode()
    client.post(url, {"message": str(message.pk), "everywhere": "1", "confirm": "yes"})
    assert not ChatMessage.objects.filter(sender_key=message.sender_key).exists()
    entries = ModelLogEntry.objects.filter(action="knowledge.chat_remove_sender")
    assert entries.count() == 2
    assert all(entry.user_id == editor.pk for entry in entries)
    assert ChatArchive.objects.get(title="另一份存档").message_count == 1


def test_remove_a_sender_from_one_archive_only(client, editor):
    import_fixture("qq_basic.txt")
    import_fixture("qq_later.txt", archive_title="另一份存档")
    message = ChatMessage.objects.filter(
        sender_name="山间小林", archive__title="另一份存档"
    ).first()
    url = "/admin/chat-archives/remove-sender/"
    client.post(url, {"message": str(message.pk), "everywhere": "0", "confirm": "yes"})
    assert ChatMessage.objects.filter(sender_key=message.sender_key).count() == 2


def test_the_uploaded_export_is_not_kept(client, editor, settings):
    upload(client, "qq_basic.txt")
    assert ChatImportJob.objects.get().upload.name == ""
    assert not list((settings.MEDIA_ROOT / "chat_imports").glob("*"))


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_upload_is_queued_for_the_worker_and_the_request_returns_at_once(
    client, editor, settings
):
    settings.TASKS = DATABASE_TASKS
    factories.add_child(
        factories.home_page(), ChatArchiveIndexPage(title="群聊存档", slug="chats")
    )
    response = upload(client, "qq_basic.txt", archive_title="后台导入")
    job = ChatImportJob.objects.get()
    # The request only stored the file and queued the job.
    assert job.status == "queued"
    assert not ChatArchive.objects.exists()
    html = response.content.decode()
    assert 'data-import-status="queued"' in html
    assert "No background worker" not in html  # it was queued a moment ago

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    job.refresh_from_db()
    assert job.status == "done"
    assert job.messages_added == 11
    html = client.get(f"/admin/chat-imports/{job.pk}/progress/").content.decode()
    assert 'data-import-status="done"' in html
    assert "后台导入" in html
    # The worker also drained the search outbox the import queued.
    assert not OutboxEntry.objects.exists()
    hits = client.get("/search/api/", {"q": "沉淀清单"}).json()["results"]
    assert [hit["kind"] for hit in hits] == ["chat"]
    assert "/chats/m/" in hits[0]["url"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_nobody_picks_up_says_how_to_start_the_worker(client, editor, settings):
    settings.TASKS = DATABASE_TASKS
    upload(client, "qq_basic.txt")
    job = ChatImportJob.objects.get()
    ChatImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    html = client.get(f"/admin/chat-imports/{job.pk}/progress/").content.decode()
    assert 'data-import-status="queued"' in html
    assert "db_worker" in html


def test_the_import_list_filters_by_status_and_exports_csv(client, editor):
    upload(client, "qq_basic.txt")
    upload(client, "qq_bad_date.txt")
    failed = client.get("/admin/chat-imports/", {"status": "failed"}).content.decode()
    assert "qq_bad_date.txt" in failed
    assert "qq_basic.txt" not in failed
    exported = client.get("/admin/chat-imports/", {"export": "csv"})
    assert exported["Content-Type"].startswith("text/csv")
    rows = b"".join(exported.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 3  # header and both jobs
    assert any("qq_basic.txt" in row for row in rows[1:])


def test_members_without_import_rights_do_not_reach_the_import_list(client):
    member = factories.moderator()
    client.force_login(member)
    assert client.get("/admin/chat-imports/").status_code in (302, 403)
