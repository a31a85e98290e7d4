"""On the demo community, digest_build gathers something from every source."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from knowledge.digest.blocks import SectionKind
from knowledge.digest.weeks import week_of
from knowledge.models import DigestPage
from sessions.community.conf import community_timezone

pytestmark = pytest.mark.django_db


def test_the_demo_digest_has_every_source_and_building_twice_keeps_one_draft(client):
    call_command("load_demo")
    # The demo's recaps, answers, cards and posts all go out as it loads.
    week = str(week_of(timezone.now(), community_timezone()))

    call_command("digest_build", "--week", week)
    call_command("digest_build", "--week", week)

    page = DigestPage.objects.get()
    assert page.week == week
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    kinds = {
        block.value["kind"]: len(block.value["items"])
        for block in page.get_latest_revision_as_object().body
    }
    assert set(kinds) == set(SectionKind.GATHERED) and all(kinds.values())
    response = client.get(page.get_parent().url)
    assert page.title in response.content.decode()
    assert client.get(page.url).status_code == 200
