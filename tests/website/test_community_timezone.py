"""Every page is shown in the community's time zone, read from the cache.

The zone is cached per host (sessions/community/conf.py); saving the settings or a site
must still change it from the very next request.
"""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from tests import factories
from website.models import CommunitySettings

pytestmark = pytest.mark.django_db

# 20:00–21:30 in Shanghai, 08:00–09:30 in New York (daylight saving time).
START = datetime(2030, 6, 14, 12, 0, tzinfo=UTC)


def shown_time(client, page, **headers):
    response = client.get(page.url, **headers)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".session__facts time").find_parent("dd").get_text()


def form_values(form):
    """What a browser would post for ``form`` as it stands."""
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in {"submit", "button", "file"}:
            data[name] = field.get("value", "")
    return data


@pytest.fixture
def session():
    return factories.sharing_session(start=START, duration_minutes=90)


def test_pages_show_times_in_the_community_time_zone(client, session):
    assert "20:00" in shown_time(client, session)
    assert "21:30" in shown_time(client, session)


def test_a_zone_changed_in_the_admin_applies_on_the_next_request(client, session):
    visitor = type(client)()
    assert "20:00" in shown_time(visitor, session)  # now cached for this host
    client.force_login(factories.admin())
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit", args=["website", "communitysettings", site.pk]
    )
    form = BeautifulSoup(client.get(url).content, "html.parser").select_one(
        "form[method=post]"
    )
    data = form_values(form)
    data["timezone"] = "America/New_York"

    response = client.post(url, data)

    assert response.status_code == 302, response.content[:2000]
    assert CommunitySettings.for_site(site).timezone == "America/New_York"
    assert "08:00" in shown_time(visitor, session)
    assert "09:30" in shown_time(visitor, session)


def test_repeat_requests_read_the_zone_without_a_query(client, session):
    CommunitySettings.for_site(Site.objects.get(is_default_site=True))  # exists
    client.get("/search/api/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/api/").status_code == 400
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "website_communitysettings" not in tables


def test_each_site_keeps_its_own_zone_and_a_changed_site_applies_at_once(
    client, session, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    other = Site.objects.create(
        hostname="other.example", port=80, root_page=factories.home_page()
    )
    zone = CommunitySettings.for_site(other)
    zone.timezone = "America/New_York"
    zone.save()
    assert "08:00" in shown_time(client, session, HTTP_HOST="other.example")
    assert "20:00" in shown_time(client, session)

    other.hostname = "renamed.example"
    other.save()

    # other.example now falls back to the default site, and its zone.
    assert "20:00" in shown_time(client, session, HTTP_HOST="other.example")
    assert "08:00" in shown_time(client, session, HTTP_HOST="renamed.example")


def test_a_zone_cached_before_the_save_commits_is_dropped_on_commit(
    client, session, django_capture_on_commit_callbacks
):
    chosen = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    rows = CommunitySettings.objects.filter(pk=chosen.pk)
    with django_capture_on_commit_callbacks(execute=True):
        chosen.timezone = "America/New_York"
        chosen.save()
        # Another request, reading before the commit, still sees the old zone
        # (played here by writing the row without signals) and caches it.
        rows.update(timezone="Asia/Shanghai")
        assert "20:00" in shown_time(client, session)
        rows.update(timezone="America/New_York")
    assert "08:00" in shown_time(client, session)


def test_a_host_no_site_answers_gets_the_default_zone_not_an_error(client):
    # A fresh project before its first site exists, or a host Wagtail cannot map.
    Site.objects.all().delete()
    response = client.get("/search/api/", {"q": "运营"})
    assert response.status_code == 200
    assert response.json()["total"] == 0
