"""digest_build drafts one page per week with what the week deposited."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from knowledge.digest.selectors import week_content
from knowledge.digest.services import (
    digest_build,
    digest_sections,
    digest_week_default,
)
from knowledge.models import DigestPage
from tests import factories

from .digest_support import (
    MIDWEEK,
    SHANGHAI,
    WEEK,
    add_items,
    digest_index,
    fixture_week,
)

pytestmark = pytest.mark.django_db

NEXT_WEEK = MIDWEEK + timedelta(days=7)


def sections_of(page):
    """{kind: [link texts]} of the digest's latest draft."""
    draft = page.get_latest_revision_as_object()
    return {
        block.value["kind"]: [item["title"] for item in block.value["items"]]
        for block in draft.body
        if block.block_type == "section"
    }


def test_building_a_week_drafts_a_digest_listing_each_source():
    week = fixture_week()

    call_command("digest_build", "--week", str(WEEK))

    page = DigestPage.objects.get(week="2026-W10")
    assert not page.live
    assert page.get_parent().pk == week.index.pk
    assert sections_of(page) == week.shown


def test_the_digest_leaves_out_drafts_unapproved_and_other_weeks_content():
    week = fixture_week()

    digest_build(week=WEEK)

    listed = " ".join(sum(sections_of(DigestPage.objects.get()).values(), []))
    assert week.hidden and not [title for title in week.hidden if title in listed]


def test_building_twice_leaves_one_page_with_one_draft():
    fixture_week()

    call_command("digest_build", "--week", str(WEEK))
    call_command("digest_build", "--week", str(WEEK))

    page = DigestPage.objects.get()
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1


def test_building_again_after_new_content_saves_a_new_draft_of_the_same_page():
    fixture_week()
    digest_build(week=WEEK)
    factories.sharing_session(
        factories.topic_series(), start=NEXT_WEEK, title="新加的下周分享"
    )

    built = digest_build(week=WEEK)

    assert (built.created, built.changed) == (False, True)
    assert DigestPage.objects.count() == 1
    assert "新加的下周分享" in sections_of(built.page)["upcoming"]


def test_a_published_digest_keeps_its_live_content_until_the_new_draft_is_published():
    fixture_week()
    page = digest_build(week=WEEK).page
    page.get_latest_revision().publish()
    factories.sharing_session(
        factories.topic_series(), start=NEXT_WEEK, title="发布后才加的分享"
    )

    digest_build(week=WEEK)

    page.refresh_from_db()
    live = {b.value["kind"]: [i["title"] for i in b.value["items"]] for b in page.body}
    assert "发布后才加的分享" not in live["upcoming"]
    assert "发布后才加的分享" in sections_of(page)["upcoming"]
    assert page.live and page.has_unpublished_changes


def test_an_editor_changed_digest_is_only_rebuilt_with_force_keeping_their_words():
    fixture_week()
    page = digest_build(week=WEEK).page
    draft = page.get_latest_revision_as_object()
    draft.intro = "<p>编辑写的开场白</p>"
    raw = draft.body.get_prep_value()
    raw.append(
        {
            "type": "section",
            "value": {"kind": "custom", "heading": "编辑推荐", "items": []},
        }
    )
    draft.body = raw
    draft.save_revision(user=factories.editor())

    with pytest.raises(CommandError, match="--force"):
        call_command("digest_build", "--week", str(WEEK))
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2

    factories.sharing_session(
        factories.topic_series(), start=NEXT_WEEK, title="强制重建后出现"
    )
    call_command("digest_build", "--week", str(WEEK), "--force")

    page = DigestPage.objects.get(pk=page.pk)
    rebuilt = page.get_latest_revision_as_object()
    assert rebuilt.intro == "<p>编辑写的开场白</p>"
    assert "编辑推荐" in [b.value["heading"] for b in rebuilt.body]
    assert "强制重建后出现" in sections_of(page)["upcoming"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-49", "YYYY-Www"),
        ("next week", "YYYY-Www"),
        ("2025-W53", "2025"),
        ("2026-W00", "2026"),
    ],
)
def test_a_bad_week_is_refused_with_a_message_and_nothing_is_created(value, message):
    fixture_week()

    with pytest.raises(CommandError, match=message):
        call_command("digest_build", "--week", value)

    assert not DigestPage.objects.exists()


def test_without_an_index_the_command_says_to_add_one():
    with pytest.raises(CommandError, match="还没有每周沉淀索引页"):
        call_command("digest_build", "--week", str(WEEK))


def test_the_default_week_is_the_one_that_just_ended_in_the_community_time_zone():
    # Monday 00:30 in Shanghai is still Sunday in UTC: the zone decides.
    monday_night = datetime(2026, 3, 8, 16, 30, tzinfo=UTC)

    assert str(digest_week_default(now=monday_night)) == "2026-W10"
    assert str(digest_week_default(now=monday_night - timedelta(hours=1))) == "2026-W09"


def test_without_a_week_the_command_builds_the_week_that_just_ended():
    digest_index()

    call_command("digest_build")

    assert DigestPage.objects.get().week == str(digest_week_default())


def test_the_build_reads_the_sources_in_the_same_number_of_queries_however_busy():
    week = fixture_week(busy=1)
    with CaptureQueriesContext(connection) as quiet:
        digest_build(week=WEEK)
    DigestPage.objects.all().delete()
    add_items(week, 5)

    with CaptureQueriesContext(connection) as busy:
        page = digest_build(week=WEEK).page

    assert len(sections_of(page)["recaps"]) == 6
    # The first build also filled the caches (site, community settings).
    assert len(busy) <= len(quiet)


def test_each_source_is_read_in_one_query_however_many_items():
    week = fixture_week(busy=6)
    start, end = WEEK.bounds(SHANGHAI)

    with CaptureQueriesContext(connection) as queries:
        content = week_content(start=start, end=end, next_end=end + timedelta(days=7))
        digest_sections(content=content, zone=SHANGHAI)

    assert [s.title for s in content.recaps] == week.shown["recaps"]
    # One per source, and one for the recaps' series titles.
    assert len(queries) == 7
