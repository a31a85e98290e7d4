"""Tags typed with Chinese punctuation or spaces are separate tags, everywhere."""

import pytest

from knowledge.models import KnowledgePostPage
from sessions.community.tags import tags_from_string
from sessions.models import SharingSessionPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_tags_split_on_full_width_commas_enumeration_commas_semicolons_and_spaces():
    assert tags_from_string("求职，面试、简历；面经 远程　工作, 求职;x") == [
        "求职",
        "面试",
        "简历",
        "面经",
        "远程",
        "工作",
        "x",
    ]


def test_member_post_form_saves_tags_typed_with_a_full_width_comma_as_two(client):
    index = factories.knowledge_index()
    client.force_login(factories.member())
    client.post(
        index.url + "submit/",
        {
            "title": "求职经验",
            "body": "正文",
            "tags": "求职，面试",
            "related_session": "",
        },
    )
    post = KnowledgePostPage.objects.get()
    assert sorted(tag.name for tag in post.tags.all()) == ["求职", "面试"]


@pytest.mark.parametrize("model", [KnowledgePostPage, SharingSessionPage])
def test_admin_tag_fields_read_a_full_width_comma_as_two_tags(model):
    form_class = model.get_edit_handler().get_form_class()
    assert sorted(form_class.base_fields["tags"].clean("求职，面试")) == [
        "求职",
        "面试",
    ]
