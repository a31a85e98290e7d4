"""Account pages speak the site's language: its words, one voice (你), full-width colons."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from knowledge.models import InviteCode
from tests import factories

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def main_text(client, url, language):
    client.cookies["django_language"] = language
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return " ".join(soup.find("main").stripped_strings)


def test_chinese_account_pages_say_you_as_the_site_does_with_full_width_colons(client):
    factories.home_page()
    for url in ACCOUNT_PAGES:
        text = main_text(client, url, "zh-hans")
        assert "您" not in text, url
        assert "登录:" not in text and "密码:" not in text, url
    assert "加入" in main_text(client, "/accounts/login/", "zh-hans")


def test_english_account_pages_use_the_headers_words(client):
    factories.home_page()
    login = main_text(client, "/accounts/login/", "en")
    signup = main_text(client, "/accounts/signup/", "en")
    for text in (login, signup):
        assert "Sign In" not in text and "Sign Up" not in text
    assert "Log in" in login and "Remember me" in login
    assert "Join" in signup


def test_signing_up_without_an_email_address_works(client):
    InviteCode.objects.create(code="JOINUS26", max_uses=5)
    response = client.post(
        "/accounts/signup/",
        {
            "username": "nomail",
            "email": "",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
            "display_name": "杭州-无邮箱",
            "invite_code": "JOINUS26",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="nomail", email="").exists()
