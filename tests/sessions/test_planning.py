"""Planning the next sessions of a series from its cadence."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sessions.models import SharingSessionPage
from sessions.planning import PlanningError, sessions_plan
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 10, 2, 12, 0, tzinfo=SHANGHAI)  # a Friday


def local_dates(plan, tz=SHANGHAI):
    return [timezone.localtime(item.start, tz).date() for item in plan]


def test_plans_exactly_the_next_dates_as_drafts_with_series_defaults(weekly_series):
    plan = sessions_plan(series=weekly_series, count=3, now=NOW)
    # 15 October is skipped.
    assert local_dates(plan) == [
        date(2026, 10, 8),
        date(2026, 10, 22),
        date(2026, 10, 29),
    ]
    pages = SharingSessionPage.objects.child_of(weekly_series).order_by("start")
    assert [p.episode for p in pages] == [1, 2, 3]
    first = pages.first()
    assert not first.live
    assert timezone.localtime(first.start, SHANGHAI).hour == 20
    assert first.duration_minutes == 90
    assert first.host.name == "孙悦"
    assert first.venue_name == "沉淀交流 1 群"
    assert first.join_url == "https://example.com/join"
    assert first.planned_for == date(2026, 10, 8)


def test_running_again_creates_nothing_new(weekly_series):
    sessions_plan(series=weekly_series, count=2, now=NOW)
    again = sessions_plan(series=weekly_series, count=2, now=NOW)
    assert again == []
    assert SharingSessionPage.objects.child_of(weekly_series).count() == 2


def test_a_longer_horizon_adds_only_the_dates_beyond_the_planned_ones(weekly_series):
    sessions_plan(series=weekly_series, count=2, now=NOW)
    more = sessions_plan(series=weekly_series, count=3, now=NOW)
    assert local_dates(more) == [date(2026, 10, 29)]
    assert SharingSessionPage.objects.child_of(weekly_series).count() == 3


def test_a_session_moved_by_hand_is_not_recreated_on_its_old_date(weekly_series):
    (planned,) = sessions_plan(series=weekly_series, count=1, now=NOW)
    page = planned.page
    page.start = page.start + timedelta(days=1)  # moved to Friday
    page.save_revision().publish()
    replan = sessions_plan(series=weekly_series, count=2, now=NOW)
    assert local_dates(replan) == [date(2026, 10, 22)]


def test_a_date_planned_into_a_gap_takes_its_place_in_the_episode_order(
    weekly_series,
):
    # 8 and 22 October exist as drafts (episodes 1, 2); 29 October is planned
    # later, then 22 October's draft is deleted and planned again.
    first, second, _third = sessions_plan(series=weekly_series, count=3, now=NOW)
    second.page.delete()
    (refilled,) = sessions_plan(series=weekly_series, count=3, now=NOW)
    assert local_dates([refilled]) == [date(2026, 10, 22)]
    pages = SharingSessionPage.objects.child_of(weekly_series).order_by("start")
    assert [p.episode for p in pages] == [1, 2, 3]
    assert [p.title for p in pages][1:] == ["工具实战 · 第 2 期", "工具实战 · 第 3 期"]


def test_published_episode_numbers_never_change_when_planning(weekly_series):
    published = factories.sharing_session(
        weekly_series, start=NOW + timedelta(days=27), episode=5
    )
    sessions_plan(series=weekly_series, count=4, now=NOW)
    published.refresh_from_db()
    assert published.episode == 5
    pages = SharingSessionPage.objects.child_of(weekly_series).order_by("start")
    # 8 and 22 October, the published 29 October, 5 November.
    assert [p.episode for p in pages] == [1, 2, 5, 6]


def test_episodes_continue_from_existing_sessions(weekly_series):
    factories.sharing_session(weekly_series, start=NOW - timedelta(days=30), episode=12)
    plan = sessions_plan(series=weekly_series, count=2, now=NOW)
    assert [item.episode for item in plan] == [13, 14]


def test_planning_stops_at_the_end_of_the_series(weekly_series):
    plan = sessions_plan(series=weekly_series, count=50, now=NOW)
    assert local_dates(plan)[-1] == date(2026, 12, 31)
    assert len(plan) == 12  # 13 Thursdays from 8 Oct to 31 Dec, one skipped


def test_dry_run_creates_nothing(weekly_series):
    plan = sessions_plan(series=weekly_series, count=2, now=NOW, dry_run=True)
    assert len(plan) == 2 and all(item.page is None for item in plan)
    assert not SharingSessionPage.objects.child_of(weekly_series).exists()


def test_cadence_is_read_in_the_community_time_zone(weekly_series, community_tz):
    community_tz("America/New_York")
    new_york = zoneinfo.ZoneInfo("America/New_York")
    plan = sessions_plan(series=weekly_series, count=7, now=NOW)
    locals_ = [timezone.localtime(item.start, new_york) for item in plan]
    assert all(start.hour == 20 for start in locals_)
    # DST ends 1 November in New York: the UTC time moves, local time does not.
    assert {start.utcoffset() for start in locals_} == {
        timedelta(hours=-4),
        timedelta(hours=-5),
    }


def test_series_without_cadence_gets_a_clear_error():
    series = factories.topic_series()
    with pytest.raises(PlanningError, match="还没有设置举办频率"):
        sessions_plan(series=series, count=2)


def test_command_plans_and_dry_runs(weekly_series, capsys):
    # The command plans from the real clock: give the series no end date.
    weekly_series.cadence_ends_on = None
    weekly_series.save_revision().publish()
    call_command("plan_sessions", "tools", "--count", "2", "--dry-run")
    assert "Would create: episode 1" in capsys.readouterr().out
    assert not SharingSessionPage.objects.child_of(weekly_series).exists()

    call_command("plan_sessions", "tools", "--count", "2")
    assert "Created draft: episode 2" in capsys.readouterr().out
    assert SharingSessionPage.objects.child_of(weekly_series).count() == 2


def test_command_count_three_twice_makes_three_sessions_then_none(
    weekly_series, capsys
):
    weekly_series.cadence_ends_on = None
    weekly_series.save_revision().publish()
    call_command("plan_sessions", "tools", "--count", "3")
    assert SharingSessionPage.objects.child_of(weekly_series).count() == 3
    capsys.readouterr()
    call_command("plan_sessions", "tools", "--count", "3")
    assert "Nothing to plan" in capsys.readouterr().out
    assert SharingSessionPage.objects.child_of(weekly_series).count() == 3


def test_command_names_unknown_series(weekly_series):
    with pytest.raises(
        CommandError, match="No topic series with slug “nope”. Known: tools"
    ):
        call_command("plan_sessions", "nope")
