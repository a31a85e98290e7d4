"""Privacy set in the admin on a series or its alias reaches its session pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    series = factories.topic_series(title="内部分享", slug="inside")
    return factories.sharing_session(series, start=timezone.now() + timedelta(days=3))


def test_a_series_for_members_only_sends_visitors_of_its_sessions_to_log_in(
    client, session
):
    PageViewRestriction.objects.create(
        page=session.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(session.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    client.force_login(factories.member())
    assert client.get(session.url).status_code == 200


def test_a_session_below_an_alias_follows_the_privacy_of_the_aliased_series(
    client, session
):
    series = session.get_parent().specific
    alias = series.create_alias(update_slug="inside-copy", recursive=True)
    PageViewRestriction.objects.create(
        page=series, restriction_type=PageViewRestriction.LOGIN
    )
    session_copy = alias.get_children().get().specific
    response = client.get(session_copy.url)
    assert response.status_code == 302
    client.force_login(factories.member())
    assert client.get(session_copy.url).status_code == 200
