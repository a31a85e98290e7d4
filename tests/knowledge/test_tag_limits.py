"""Tags within limits: at most 100 characters (taggit's column) and 20 a page,
refused with a message in the member's form and in the admin, nothing stored."""

import pytest
from taggit.models import Tag
from wagtail.test.utils.form_data import nested_form_data, rich_text

from knowledge.models import KnowledgePostPage
from tests import factories

pytestmark = pytest.mark.django_db

LONG_TAG = "长" * 101
MANY_TAGS = ", ".join(f"标签{n}" for n in range(21))


@pytest.fixture
def index():
    return factories.knowledge_index()


def submit_post(client, index, tags):
    data = {"title": "新人指南", "body": "正文", "tags": tags, "related_session": ""}
    return client.post(index.url + "submit/", data)


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (
            LONG_TAG,
            "标签最多 100 个字符；“长长长长长长长长长长长长长长长长长长长长…”有 101 个。",
        ),
        (MANY_TAGS, "标签最多 20 个（你填了 21 个）。"),
    ],
)
def test_member_form_refuses_a_too_long_tag_or_too_many_tags(
    client, index, tags, message
):
    client.force_login(factories.member())
    response = submit_post(client, index, tags)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not KnowledgePostPage.objects.exists()
    assert not Tag.objects.exists()


def test_member_form_accepts_twenty_tags_of_a_hundred_characters(client, index):
    client.force_login(factories.member())
    tags = ", ".join(f"{n:02d}" + "长" * 98 for n in range(20))
    submit_post(client, index, tags)
    assert KnowledgePostPage.objects.get().tags.count() == 20


def admin_add_post(client, index, tags):
    url = f"/admin/pages/add/knowledge/knowledgepostpage/{index.pk}/"
    data = nested_form_data(
        {
            "title": "管理员添加的帖子",
            "slug": "admin-post",
            "body": rich_text("正文"),
            "tags": tags,
            "author": "",
            "related_session": "",
        }
    )
    return client.post(url, data)


@pytest.mark.parametrize(
    ("tags", "message"),
    [(LONG_TAG, "超过了 100 个字符"), (MANY_TAGS, "标签最多 20 个")],
)
def test_admin_refuses_a_too_long_tag_or_too_many_tags(client, index, tags, message):
    client.force_login(factories.admin())
    response = admin_add_post(client, index, tags)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not KnowledgePostPage.objects.exists()
    assert not Tag.objects.exists()


def test_admin_saves_tags_within_the_limits(client, index):
    client.force_login(factories.admin())
    response = admin_add_post(client, index, "运营, 新人")
    assert response.status_code == 302
    assert set(KnowledgePostPage.objects.get().tags.names()) == {"运营", "新人"}
