from datetime import date, time

import pytest

from tests import factories
from website.models import CommunitySettings


@pytest.fixture
def community_tz():
    """Set the community's time zone; returns a setter."""

    def set_zone(name):
        settings = CommunitySettings.for_site(factories.home_page().get_site())
        settings.timezone = name
        settings.save()

    return set_zone


@pytest.fixture
def weekly_series(db):
    """Thursdays 20:00, from 1 October 2026, with 15 October skipped."""
    series = factories.topic_series(
        title="工具实战",
        slug="tools",
        default_start_time=time(20, 0),
        default_duration_minutes=90,
        default_venue_name="沉淀交流 1 群",
        default_join_url="https://example.com/join",
        cadence_frequency="weekly",
        cadence_weekdays=[3],
        cadence_starts_on=date(2026, 10, 1),
        cadence_ends_on=date(2026, 12, 31),
        host=factories.person(name="孙悦"),
    )
    series.skip_dates.create(date=date(2026, 10, 15), reason="假期")
    return series
