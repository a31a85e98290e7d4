"""community_import refuses what it cannot restore, in Chinese, changing nothing."""

import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page


def make_zip(path, manifest):
    with zipfile.ZipFile(path, "w") as archive:
        if manifest is not None:
            archive.writestr("manifest.json", json.dumps(manifest))
    return path


@pytest.mark.django_db
def test_a_zip_that_is_not_an_export_is_refused_and_the_site_is_untouched(tmp_path):
    pages = Page.objects.count()
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("community_import", str(make_zip(tmp_path / "x.zip", None)))
    assert str(refused.value) == "这不是社群导出文件。"
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_an_export_of_a_newer_format_version_is_refused(tmp_path):
    newer = {"format": "chendian-community-export", "version": 2, "models": {}}
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("community_import", str(make_zip(tmp_path / "x.zip", newer)))
    assert "版本是 2" in str(refused.value)


@pytest.mark.django_db
def test_a_site_with_accounts_is_never_overwritten(tmp_path):
    get_user_model().objects.create_user("organiser", password="x")
    export = {"format": "chendian-community-export", "version": 1, "models": {}}
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("community_import", str(make_zip(tmp_path / "x.zip", export)))
    assert str(refused.value) == "本站已有账号：只能恢复到一个新建的空站点。"
    assert get_user_model().objects.filter(username="organiser").exists()
