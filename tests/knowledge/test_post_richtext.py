"""Member posts open in Wagtail's page editor and read back as the member wrote them."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import WorkflowState

from knowledge.models import KnowledgePostPage
from knowledge.posts.services import post_submit
from tests import factories

pytestmark = pytest.mark.django_db

WRITTEN = {
    "line breaks": "第一行\n第二行\n\n第二段",
    "a list": "要点：\n\n<ul>\n<li>先导出</li>\n<li>再整理<br>最后归档</li>\n</ul>",
    "a link": '看这篇 <a href="https://example.com/guide?a=1&b=2">指南</a>\n下一行',
    "a quote": "<blockquote><p>群主说：</p><p>先读群规。</p></blockquote>\n<p>我照做了。</p>",
}
SHOWN = {
    "line breaks": ["<p>第一行<br>第二行</p>", "<p>第二段</p>"],
    "a list": ["<li>先导出</li>", "<li>再整理<br>最后归档</li>"],
    "a link": [
        '<a href="https://example.com/guide?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "指南</a><br>下一行"
    ],
    "a quote": ["<blockquote>群主说：<br>先读群规。</blockquote>", "<p>我照做了。</p>"],
}


def submitted(body, title="格式测试"):
    index = factories.knowledge_index()
    return post_submit(
        index=index,
        user=factories.member(),
        title=title,
        body=body,
        tags=[],
        related_session=None,
    )


def approve(client, post):
    task_state = (
        WorkflowState.objects.for_instance(post)
        .get(status="in_progress")
        .current_task_state
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk]
    )
    return client.post(url)


@pytest.mark.parametrize("kind", list(WRITTEN))
def test_member_post_with_formatting_opens_in_the_page_editor_is_approved_and_renders_as_written(  # noqa: E501
    client, kind
):
    post = submitted(WRITTEN[kind])
    client.force_login(factories.editor())
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert editor.status_code == 200
    assert approve(client, post).status_code in (200, 302)
    post.refresh_from_db()
    assert post.live
    client.logout()
    html = client.get(post.url).content.decode()
    for fragment in SHOWN[kind]:
        assert fragment in html


def test_migration_repairs_posts_stored_with_unclosed_line_breaks(client):
    post = submitted("占位")
    broken = "<p>一行<br>二行</p><blockquote><p>甲</p><p>乙</p></blockquote>"
    KnowledgePostPage.objects.filter(pk=post.pk).update(body=broken)
    revision = post.get_latest_revision()
    revision.content["body"] = broken
    revision.save(update_fields=["content"])

    migration = importlib.import_module(
        "knowledge.migrations.0005_member_posts_in_wagtail_richtext_format"
    )
    migration.repair_bodies(apps, None)

    post.refresh_from_db()
    assert post.body == "<p>一行<br/>二行</p><blockquote>甲<br/>乙</blockquote>"
    assert post.get_latest_revision().content["body"] == post.body
    client.force_login(factories.editor())
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert editor.status_code == 200


@pytest.mark.parametrize("kind", list(WRITTEN))
def test_editing_ones_own_post_shows_what_was_typed_and_saving_it_unchanged_keeps_the_body(  # noqa: E501
    client, kind
):
    post = submitted(WRITTEN[kind])
    stored = post.body
    client.force_login(post.author)
    edit_url = post.get_parent().url + f"{post.pk}/edit/"
    form = client.get(edit_url).context["form"]
    typed = form.initial["body"]
    assert "data-block-key" not in typed and "rel=" not in typed
    client.post(edit_url, {"title": post.title, "body": typed, "tags": ""})
    assert post.get_latest_revision_as_object().body == stored


def test_editing_a_plain_text_post_shows_plain_text(client):
    post = submitted("第一行\n第二行\n\n第二段 1 < 2")
    client.force_login(post.author)
    form = client.get(post.get_parent().url + f"{post.pk}/edit/").context["form"]
    assert form.initial["body"] == "第一行\n第二行\n\n第二段 1 < 2"


def test_my_posts_links_published_posts_shows_dates_and_names_every_column(client):
    import re

    post = submitted("第一段")
    client.force_login(factories.editor())
    approve(client, post)
    post.refresh_from_db()
    client.force_login(post.author)
    html = client.get(post.get_parent().url + "mine/").content.decode()
    assert f'href="{post.url}"' in html
    assert post.first_published_at.strftime("%Y-%m-%d") in html
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", html)
    assert headers == ["标题", "日期", "状态"]
