"""Who edits Community settings: the owner (and superusers), not moderators."""

import pytest
from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/settings/website/communitysettings/{site}/"


def settings_page(client, user):
    client.force_login(user)
    return client.get(SETTINGS_URL.format(site=Site.objects.get().pk))


def test_the_owner_reaches_the_community_settings_form(client):
    response = settings_page(client, factories.member(role="owner"))
    assert response.status_code == 200
    assert 'name="community_name"' in response.content.decode()


def test_a_moderator_does_not_reach_community_settings(client):
    response = settings_page(client, factories.moderator())
    assert response.status_code in (302, 403)
    assert 'name="community_name"' not in response.content.decode()


def test_a_former_owner_loses_community_settings():
    owner = factories.member(role="owner")
    assert owner.has_perm("website.change_communitysettings")
    owner.member_profile.role = "moderator"
    owner.member_profile.save()
    refreshed = type(owner).objects.get(pk=owner.pk)
    assert not refreshed.has_perm("website.change_communitysettings")
    assert refreshed.has_perm("wagtailadmin.access_admin")


def test_superusers_reach_community_settings(client):
    response = settings_page(client, factories.admin())
    assert response.status_code == 200
