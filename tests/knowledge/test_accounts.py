"""Sign-up gated by invite code, approval or nothing; the usual account pages."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from knowledge.models import InviteCode, MemberProfile
from sessions.questions.services import can_ask
from tests import factories
from website.models import CommunitySettings

pytestmark = pytest.mark.django_db

User = get_user_model()


def set_entry(mode):
    community = CommunitySettings.for_site(factories.home_page().get_site())
    community.member_entry = mode
    community.save()


def sign_up(client, username="xiaolin", **extra):
    data = {
        "username": username,
        "email": f"{username}@example.com",
        "password1": "a-long-pass-2026",
        "password2": "a-long-pass-2026",
        "display_name": "杭州-小林",
        "city": "杭州",
        **extra,
    }
    return client.post("/accounts/signup/", data, follow=True)


@pytest.fixture
def organiser():
    return factories.moderator("organiser")


class TestInviteMode:
    def test_valid_code_lets_the_newcomer_in_and_shows_who_invited_whom(
        self, client, organiser
    ):
        set_entry("invite")
        code = InviteCode.objects.create(
            code="WELCOME8", max_uses=2, created_by=organiser
        )
        sign_up(client, invite_code="welcome8")  # case does not matter
        user = User.objects.get(username="xiaolin")
        profile = user.member_profile
        assert profile.status == "active"
        assert profile.invited_by == organiser
        assert code.invited_names() == "杭州-小林"
        assert can_ask(User.objects.get(pk=user.pk))
        assert user.get_full_name() == "杭州-小林"  # shown by the admin and other apps

    @pytest.mark.parametrize(
        "code, fields, message",
        [
            ("NOSUCH00", {}, "邀请码不存在"),
            (
                "EXPIRED1",
                {"expires_at": timezone.now() - timedelta(minutes=1)},
                "已过期",
            ),
            ("USEDUP01", {"max_uses": 0}, "已用完"),
            ("", {}, 'id="id_invite_code_error"'),
        ],
    )
    def test_bad_code_is_refused_and_no_account_is_created(
        self, client, organiser, code, fields, message
    ):
        set_entry("invite")
        if code != "NOSUCH00" and code:
            InviteCode.objects.create(code=code, created_by=organiser, **fields)
        response = sign_up(client, invite_code=code)
        assert message in response.content.decode()
        assert not User.objects.filter(username="xiaolin").exists()

    def test_code_use_limit_counts_members(self, client, organiser):
        set_entry("invite")
        InviteCode.objects.create(code="ONCEONLY", max_uses=1, created_by=organiser)
        sign_up(client, "first", invite_code="ONCEONLY")
        client.logout()
        response = sign_up(client, "second", invite_code="ONCEONLY")
        assert "已用完" in response.content.decode()
        assert not User.objects.filter(username="second").exists()

    def test_admin_creating_a_code_is_recorded_as_the_inviter(self, client, organiser):
        client.force_login(organiser)
        response = client.post(
            "/admin/snippets/knowledge/invitecode/add/",
            {"code": "MEETUP26", "note": "上海线下", "max_uses": 30, "expires_at": ""},
        )
        assert response.status_code == 302
        assert InviteCode.objects.get(code="MEETUP26").created_by == organiser


class TestApprovalMode:
    def test_newcomer_waits_for_approval_then_may_ask(self, client, organiser):
        set_entry("approval")
        response = sign_up(client)
        assert "审核" in response.content.decode()
        user = User.objects.get(username="xiaolin")
        assert user.member_profile.status == "pending"
        assert not can_ask(user)

        client.force_login(organiser)
        profile = user.member_profile
        response = client.post(
            f"/admin/snippets/knowledge/memberprofile/edit/{profile.pk}/",
            {
                "display_name": profile.display_name,
                "status": "active",
                "role": "member",
                "city": "杭州",
                "organisation": "",
                "introduction": "",
                "joined_at": profile.joined_at.isoformat(),
            },
        )
        assert response.status_code == 302
        assert can_ask(User.objects.get(pk=user.pk))


def test_open_mode_needs_no_code(client):
    set_entry("open")
    response = sign_up(client)
    assert "邀请码" not in response.content.decode()
    assert User.objects.get(username="xiaolin").member_profile.status == "active"


def test_log_in_log_out_and_change_password(client):
    member = factories.member("reader")
    response = client.post(
        "/accounts/login/",
        {"login": "reader", "password": factories.PASSWORD},
        follow=True,
    )
    assert response.context["user"] == member
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": factories.PASSWORD,
            "password1": "another-pass-2027",
            "password2": "another-pass-2027",
        },
        follow=True,
    )
    assert User.objects.get(pk=member.pk).check_password("another-pass-2027")
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_mail_with_a_link(client):
    factories.member("forgetful")
    client.post("/accounts/password/reset/", {"email": "forgetful@example.com"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_member_edits_own_profile_but_not_role_or_status(client):
    member = factories.member("editme")
    client.force_login(member)
    client.post(
        "/accounts/profile/",
        {
            "display_name": "北京-小王",
            "city": "北京",
            "organisation": "某某学社",
            "introduction": "做社群运营三年。",
            "role": "owner",
            "status": "active",
        },
    )
    profile = MemberProfile.objects.get(user=member)
    assert profile.display_name == "北京-小王"
    assert profile.role == "member"
    page = client.get(f"/members/{member.pk}/").content.decode()
    assert "北京-小王" in page and "做社群运营三年。" in page
