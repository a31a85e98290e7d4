"""The admin's plan view: the number typed is the number previewed and created."""

import pytest
from django.urls import reverse

from sessions.models import SharingSessionPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_series(weekly_series):
    # Planned from the real clock: no end date.
    weekly_series.cadence_ends_on = None
    weekly_series.save_revision().publish()
    return weekly_series


def test_plan_preview_lists_as_many_sessions_as_typed(client, open_series):
    client.force_login(factories.admin())
    url = reverse("community_sessions_plan", args=[open_series.pk])
    response = client.get(url, {"count": 2})
    assert response.status_code == 200
    assert len(response.context["preview"]) == 2
    assert response.content.decode().count("<li>第 ") == 2


def test_plan_create_makes_as_many_drafts_as_typed_and_none_the_second_time(
    client, open_series
):
    client.force_login(factories.admin())
    url = reverse("community_sessions_plan", args=[open_series.pk])
    client.post(url, {"count": 2})
    assert SharingSessionPage.objects.child_of(open_series).count() == 2
    client.post(url, {"count": 2})
    assert SharingSessionPage.objects.child_of(open_series).count() == 2
