"""Upload size limits: chat exports, documents and images over their limit are
refused with a message before anything is stored."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from knowledge.models import ChatImportJob

pytestmark = pytest.mark.django_db

TOO_BIG = "文件最大为 1.0\xa0MB"  # filesizeformat joins with a no-break space
PNG = Path(__file__).parents[2] / "website/static/website/img/share.png"


def stored_files(settings):
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_chat_export_over_the_limit_is_refused_before_it_is_stored(
    admin_client, settings
):
    settings.CHENDIAN_MAX_CHAT_UPLOAD_MB = 1
    big = b"time,sender,text\n" + b"2024-06-01 19:30:00,a,hello\n" * 40_000
    response = admin_client.post(
        "/admin/chat-imports/new/",
        {
            "upload": SimpleUploadedFile("big.csv", big),
            "format": "",
            "privacy": "pseudonymised",
            "timezone": "Asia/Shanghai",
        },
    )
    assert TOO_BIG in response.content.decode()
    assert not ChatImportJob.objects.exists()
    assert stored_files(settings) == []


def test_a_chat_export_within_the_limit_is_imported(admin_client, settings):
    settings.CHENDIAN_MAX_CHAT_UPLOAD_MB = 1
    small = b"time,sender,text\n2024-06-01 19:30:00,a,hello\n"
    admin_client.post(
        "/admin/chat-imports/new/",
        {
            "upload": SimpleUploadedFile("small.csv", small),
            "format": "",
            "privacy": "pseudonymised",
            "timezone": "Asia/Shanghai",
        },
    )
    assert ChatImportJob.objects.get().status == "done"


def test_a_document_over_the_limit_is_refused_before_it_is_stored(
    admin_client, settings
):
    settings.CHENDIAN_MAX_DOCUMENT_UPLOAD_MB = 1
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "会议纪要",
            "file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4\n" + b"0" * 1_200_000),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert TOO_BIG in response.content.decode()
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_a_document_within_the_limit_is_stored(admin_client, settings):
    settings.CHENDIAN_MAX_DOCUMENT_UPLOAD_MB = 1
    admin_client.post(
        "/admin/documents/add/",
        {
            "title": "会议纪要",
            "file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4\n" + b"0" * 1000),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert get_document_model().objects.get().title == "会议纪要"


def test_an_image_over_the_limit_is_refused_before_it_is_stored(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = PNG.stat().st_size - 1
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "分享图",
            "file": SimpleUploadedFile("share.png", PNG.read_bytes()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert stored_files(settings) == []
    assert "文件过大" in response.content.decode()  # Wagtail's own message


def test_the_production_defaults_are_set():
    from website.settings import base

    assert base.CHENDIAN_MAX_CHAT_UPLOAD_MB == 500
    assert base.CHENDIAN_MAX_DOCUMENT_UPLOAD_MB == 50
    assert base.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
