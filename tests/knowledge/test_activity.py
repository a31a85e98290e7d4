"""Activity records: participation counts and dormant members."""

from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge.members.models import dormant_members
from knowledge.models import Activity
from sessions.questions.services import (
    question_ask,
    question_moderate,
    question_vote_toggle,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_participation_counts_and_dormant_members():
    session = factories.sharing_session(start=timezone.now() + timedelta(days=1))
    asker, voter, quiet = factories.member(), factories.member(), factories.member()
    factories.member(status="pending")  # not a member yet: never dormant
    question = question_ask(session=session, user=asker, text="怎么找到第一批讲者？")
    question_moderate(question=question, by=factories.moderator(), status="approved")
    question_vote_toggle(question=question, user=voter)
    question_vote_toggle(question=question, user=voter)  # withdrawn: not counted twice
    question_vote_toggle(question=question, user=voter)

    week_ago = timezone.now() - timedelta(days=7)
    counts = Activity.objects.since(week_ago).counts_by_member()
    assert counts[asker.pk] == 1
    assert counts[voter.pk] == 2  # voted, withdrew, voted again
    dormant = {profile.user for profile in dormant_members(week_ago)}
    assert quiet in dormant
    assert asker not in dormant and voter not in dormant

    Activity.objects.filter(member=asker).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    assert asker in {profile.user for profile in dormant_members(week_ago)}
