"""Single-line fields refuse line breaks; mail subjects are one line, and a
mail that still fails is logged without losing the submission."""

import logging

import pytest
from django.core import mail

from knowledge.models import InviteCode, KnowledgePostPage, MemberProfile
from knowledge.posts.services import post_submit
from tests import factories

pytestmark = pytest.mark.django_db

REFUSED = "请只写一行：不能有换行、制表符或控制字符。"


@pytest.fixture
def index():
    return factories.knowledge_index()


def test_a_post_title_with_a_line_break_is_refused_with_a_message(client, index):
    client.force_login(factories.member())
    response = client.post(
        index.url + "submit/",
        {"title": "第一行\n第二行", "body": "正文", "tags": "", "related_session": ""},
    )
    assert REFUSED in response.content.decode()
    assert not KnowledgePostPage.objects.exists()


@pytest.mark.parametrize("field", ["display_name", "city", "organisation"])
def test_profile_fields_refuse_control_characters(client, field):
    member = factories.member()
    client.force_login(member)
    data = {"display_name": "小林", "city": "", "organisation": "", "introduction": ""}
    response = client.post("/accounts/profile/", {**data, field: "上海\r\n小林\x07"})
    assert REFUSED in response.content.decode()
    assert MemberProfile.objects.get(user=member).display_name != "上海\r\n小林\x07"


def test_sign_up_refuses_a_display_name_on_two_lines(client, settings):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "n@example.com",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "display_name": "小林\n管理员",
            "invite_code": "",
        },
    )
    assert REFUSED in response.content.decode()
    assert not MemberProfile.objects.filter(user__username="newbie").exists()


def test_an_invite_note_refuses_a_line_break():
    code = InviteCode(note="线下\n活动")
    with pytest.raises(Exception, match="single line|只写一行"):
        code.full_clean()


@pytest.fixture
def reviewer():
    # Wagtail's Moderators review member posts and are mailed on submission.
    return factories.editor("reviewer")


@pytest.fixture
def site_mail(settings):
    # The test runner swaps EMAIL_BACKEND for its own; put ours back in front.
    settings.EMAIL_BACKEND = "website.mail.SingleLineSubjectBackend"


def submit_with_title(index, title, capture):
    with capture(execute=True):
        return post_submit(
            index=index,
            user=factories.member(),
            title=title,
            body="正文",
            tags=[],
            related_session=None,
        )


def test_a_title_with_a_line_break_set_in_code_still_mails_the_reviewers(
    index, reviewer, site_mail, django_capture_on_commit_callbacks
):
    post = submit_with_title(
        index, "第一行\n第二行", django_capture_on_commit_callbacks
    )
    assert post.pk and post.get_workflow() is not None
    subjects = [message.subject for message in mail.outbox]
    assert any("第一行 第二行" in subject for subject in subjects), subjects
    assert all("\n" not in subject for subject in subjects)


def test_a_mail_that_fails_is_logged_and_the_post_is_still_submitted(
    index, reviewer, settings, site_mail, caplog, django_capture_on_commit_callbacks
):
    # A mail server nobody listens on: every notification fails for real.
    settings.CHENDIAN_EMAIL_DELIVERY_BACKEND = (
        "django.core.mail.backends.smtp.EmailBackend"
    )
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    with caplog.at_level(logging.ERROR):
        post = submit_with_title(
            index, "新人指南\n第二行", django_capture_on_commit_callbacks
        )
    assert KnowledgePostPage.objects.filter(pk=post.pk).exists()
    assert "Mail connection error" in caplog.text or "Failed to send" in caplog.text
