"""Member posts: submitted from the site, reviewed in Wagtail's workflow."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from knowledge.models import Activity, KnowledgePostPage
from knowledge.posts.services import post_status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return factories.knowledge_index()


def submit(client, index, **fields):
    data = {
        "title": "社群新人欢迎流程",
        "body": "第一段：先做自我介绍。\n\n第二段：<b>置顶</b>群规。",
        "tags": "运营, 新人",
        "related_session": "",
        **fields,
    }
    return client.post(index.url + "submit/", data, follow=True)


def workflow_action(client, post, action, comment=""):
    task_state = (
        WorkflowState.objects.for_instance(post)
        .get(status="in_progress")
        .current_task_state
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[post.pk, action, task_state.pk]
    )
    return client.post(url, {"comment": comment} if comment else {})


class TestSubmitting:
    def test_submission_is_a_draft_in_review_and_listed_as_mine(self, client, index):
        author = factories.member("author")
        client.force_login(author)
        response = submit(client, index)
        html = response.content.decode()
        post = KnowledgePostPage.objects.get()
        assert not post.live
        assert post.author == author
        assert post_status(post).state == "in_review"
        assert "审核中" in html and "社群新人欢迎流程" in html
        assert "<p>第一段：先做自我介绍。</p>" in post.body
        assert Activity.objects.filter(member=author, verb="posted").count() == 1
        # Not public while in review.
        client.logout()
        assert client.get(index.url).content.decode().count("社群新人欢迎流程") == 0
        assert client.get(post.url).status_code == 404

    def test_body_is_cleaned_on_the_way_in(self, client, index):
        client.force_login(factories.member())
        submit(
            client,
            index,
            body='<p onclick="steal()">看<a href="javascript:alert(1)">这里</a>'
            '<a href="https://example.com/guide">指南</a></p><script>alert(1)</script>',
        )
        body = KnowledgePostPage.objects.get().body
        assert "onclick" not in body and "javascript:" not in body
        assert "<script" not in body and "alert(1)" not in body
        assert 'href="https://example.com/guide"' in body

    def test_empty_title_keeps_what_was_typed(self, client, index):
        client.force_login(factories.member())
        response = submit(client, index, title="", body="不要丢掉我写的内容")
        html = response.content.decode()
        assert "不要丢掉我写的内容" in html
        assert 'id="id_title_error"' in html
        assert not KnowledgePostPage.objects.exists()

    def test_rate_limit_on_posts(self, client, settings, index):
        settings.CHENDIAN_RATE_LIMITS = {"post": (1, 86400)}
        client.force_login(factories.member())
        submit(client, index, title="第一篇")
        response = submit(client, index, title="第二篇")
        assert "明天" in response.content.decode()
        assert KnowledgePostPage.objects.count() == 1


class TestReview:
    def test_editor_approves_and_the_post_is_published_with_tags_and_author(
        self, client, index
    ):
        author = factories.member("writer")
        client.force_login(author)
        submit(client, index)
        post = KnowledgePostPage.objects.get()

        client.force_login(factories.editor())
        assert workflow_action(client, post, "approve").status_code in (200, 302)
        post.refresh_from_db()
        assert post.live
        assert Activity.objects.filter(member=author, verb="post_published").exists()

        client.logout()
        listing = client.get(index.url, {"tag": "运营"}).content.decode()
        assert "社群新人欢迎流程" in listing and "上海-writer" in listing
        assert (
            "社群新人欢迎流程"
            not in client.get(index.url, {"tag": "工具"}).content.decode()
        )
        page = client.get(post.url).content.decode()
        assert "<b>置顶</b>" in page

    def test_changes_requested_then_edited_goes_back_into_review(self, client, index):
        author = factories.member()
        client.force_login(author)
        submit(client, index)
        post = KnowledgePostPage.objects.get()

        client.force_login(factories.editor())
        workflow_action(client, post, "reject", comment="请补充一个实际例子")
        status = post_status(post)
        assert status.state == "changes_requested"
        assert status.comment == "请补充一个实际例子"

        client.force_login(author)
        mine = client.get(index.url + "mine/").content.decode()
        assert "需要修改" in mine and "请补充一个实际例子" in mine
        response = client.post(
            index.url + f"{post.pk}/edit/",
            {
                "title": "社群新人欢迎流程（含例子）",
                "body": "例子：某读书会。",
                "tags": "运营",
            },
            follow=True,
        )
        assert "审核中" in response.content.decode()
        assert post_status(post).state == "in_review"

        client.force_login(factories.editor())
        workflow_action(client, post, "approve")
        post.refresh_from_db()
        assert post.live and post.title == "社群新人欢迎流程（含例子）"

    def test_rejected_for_good_cannot_be_edited(self, client, index):
        author = factories.member()
        client.force_login(author)
        submit(client, index, title="加我微信领资料")
        post = KnowledgePostPage.objects.get()
        client.force_login(factories.editor())
        workflow_action(client, post, "decline", comment="广告")
        assert post_status(post).state == "rejected"

        client.force_login(author)
        mine = client.get(index.url + "mine/").content.decode()
        assert "已拒绝" in mine and "广告" in mine
        response = client.post(
            index.url + f"{post.pk}/edit/",
            {"title": "改个名字", "body": "再试一次"},
            follow=True,
        )
        assert "不能再修改" in response.content.decode()
        post.refresh_from_db()
        assert post.title == "加我微信领资料"


def test_member_awaiting_approval_is_told_why_they_cannot_post(client, index):
    client.force_login(factories.member(status="pending"))
    response = client.get(index.url + "submit/", follow=True)
    assert response.redirect_chain[-1][0] == index.url
    assert "只有通过审核的成员可以投稿" in response.content.decode()
