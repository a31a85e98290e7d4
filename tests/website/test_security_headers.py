"""Security headers: a strict Content-Security-Policy on public pages, the
admin's relaxed one under /admin/, and a Permissions-Policy everywhere."""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def directives(response, header="Content-Security-Policy"):
    return {
        part.split()[0]: part.split()[1:]
        for part in response[header].split(";")
        if part.strip()
    }


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


PUBLIC_PATHS = ["/", "/sessions/", "/knowledge/", "/chats/", "/search/?q=社群"]


def test_public_pages_carry_the_strict_policy(client):
    call_command("load_demo", stdout=StringIO())
    for path in PUBLIC_PATHS:
        assert_strict_policy(client.get(path))


def assert_strict_policy(response):
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    # Every script is a same-origin file: none inline, so none needs a nonce.
    parser = Scripts()
    parser.feed(response.content.decode())
    assert parser.scripts
    for script in parser.scripts:
        assert script.get("src", "").startswith("/static/") or (
            script.get("type") == "application/json"
        ), script
    assert not re.search(r"<style\b", response.content.decode())


def test_the_admin_gets_the_policy_wagtail_supports(admin_client):
    policy = directives(admin_client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the editor's live preview
    assert policy["object-src"] == ["'none'"]


def test_the_admin_login_page_also_gets_the_admin_policy(client):
    assert directives(client.get("/admin/login/"))["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_permissions_policy_switches_off_unused_features(client, path):
    header = client.get(path)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_the_older_security_headers_stay(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
