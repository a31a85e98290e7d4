"""Where each page type may be created, and what editors must fill in."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from sessions.models import SeriesIndexPage, SharingSessionPage, TopicSeriesPage
from tests import factories
from website.models import HomePage, StandardPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_series_live_under_the_series_index_only(self):
        self.assertAllowedParentPageTypes(TopicSeriesPage, {SeriesIndexPage})

    def test_sessions_live_under_a_series_only(self):
        self.assertAllowedParentPageTypes(SharingSessionPage, {TopicSeriesPage})
        self.assertAllowedSubpageTypes(SharingSessionPage, set())

    def test_series_hold_sessions_only(self):
        self.assertAllowedSubpageTypes(TopicSeriesPage, {SharingSessionPage})

    def test_series_index_may_sit_under_any_page_type_a_host_site_has(self):
        # sessions names no project page type, so a host's own home page
        # (here: ours, and StandardPage) can hold the index.
        parents = set(SeriesIndexPage.allowed_parent_page_models())
        self.assertLessEqual({Page, HomePage, StandardPage}, parents)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_only_one_home_page_and_one_series_index_per_parent(self):
        root = Page.get_first_root_node()
        home = factories.home_page()
        self.assertFalse(HomePage.can_create_at(root))  # the migration made one
        self.assertTrue(SeriesIndexPage.can_create_at(home))
        factories.series_index(home)
        self.assertFalse(SeriesIndexPage.can_create_at(home))


@pytest.mark.django_db
def test_postponing_or_cancelling_needs_a_reason_for_members():
    page = SharingSessionPage(
        title="改期测试",
        slug="x",
        start=timezone.now() + timedelta(days=3),
        status=SharingSessionPage.Status.CANCELLED,
        status_reason="  ",
    )
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "status_reason" in caught.value.message_dict


@pytest.mark.django_db
def test_has_recap_follows_the_published_recap():
    series = factories.topic_series()
    session = factories.sharing_session(
        series, start=timezone.now() - timedelta(days=2)
    )
    assert not session.has_recap

    session.recap = factories.recap_stream("要点一")
    session.save_revision().publish()
    session.refresh_from_db()
    assert session.has_recap

    # A recap saved as a draft only does not count until it is published.
    draft = factories.sharing_session(series, start=timezone.now() - timedelta(days=3))
    draft.recap = factories.recap_stream("还没发布")
    draft.save_revision()
    draft.refresh_from_db()
    assert not draft.has_recap


@pytest.mark.django_db
def test_series_offsets_fall_back_to_the_community_settings():
    from website.models import CommunitySettings

    settings = CommunitySettings.for_site(factories.home_page().get_site())
    settings.announce_days_before = 7
    settings.warmup_hours_before = 1
    settings.save()
    series = factories.topic_series(questions_days_before=3)
    offsets = series.stage_offsets()
    assert offsets.announce_before == timedelta(days=7)
    assert offsets.questions_before == timedelta(days=3)
    assert offsets.warmup_before == timedelta(hours=1)
