"""WeChat exports: members are published by their own nickname, never the exporter's remark."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from knowledge.chats.admin_views import ChatImportForm
from knowledge.models import ChatArchive

from .chat_support import FIXTURES, import_fixture

pytestmark = pytest.mark.django_db


def sender_names(archive):
    return {m.sender_name for m in archive.messages.all() if m.sender_name}


def test_wechat_csv_publishes_the_nickname_not_the_exporters_remark():
    archive = import_fixture("wechat_v1.csv").archives[0]
    names = sender_names(archive)
    assert "山间小林" in names
    assert "小林" not in names  # the exporter's private remark for 山间小林


def test_wechat_csv_uses_remarks_only_when_asked():
    archive = import_fixture("wechat_v1.csv", use_remarks=True).archives[0]
    assert "小林" in sender_names(archive)
    assert "山间小林" not in sender_names(archive)


def test_import_chat_command_takes_use_remarks_flag(capsys):
    call_command("import_chat", str(FIXTURES / "wechat_v1.csv"), "--use-remarks")
    assert "小林" in sender_names(ChatArchive.objects.get())


def test_admin_import_form_offers_format_names_and_the_remarks_choice():
    form = ChatImportForm()
    labels = dict(form.fields["format"].choices)
    assert labels["qq"] == "QQ 文本导出"
    assert labels["wechat-csv"].startswith("微信 CSV")
    assert "use_remarks" in form.fields
    assert form.fields["use_remarks"].initial in (None, False)
