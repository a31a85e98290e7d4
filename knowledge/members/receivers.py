"""Record members' activity from the signals sessions and Wagtail send."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from wagtail.signals import page_published

from sessions.community.signals import member_activity

from ..models import Activity, KnowledgePostPage


@receiver(member_activity)
def record_member_activity(sender, *, member, verb, target=None, by=None, **kwargs):
    if verb == Activity.Verb.ATTENDED and _recorded(member, verb, target):
        return  # checked in twice (a list, then a meeting export): came once
    Activity.record(member=member, verb=verb, target=target, by=by)


def _recorded(member, verb, target) -> bool:
    return Activity.objects.filter(
        member=member,
        verb=verb,
        target_id=target.pk,
        target_type=ContentType.objects.get_for_model(target),
    ).exists()


@receiver(page_published, sender=KnowledgePostPage)
def record_post_published(sender, instance, revision=None, **kwargs):
    if instance.author_id is None:
        return
    already = Activity.objects.filter(
        member_id=instance.author_id,
        verb=Activity.Verb.POST_PUBLISHED,
        target_id=instance.pk,
        target_type__model="knowledgepostpage",
    ).exists()
    if not already:
        Activity.record(
            member=instance.author,
            verb=Activity.Verb.POST_PUBLISHED,
            target=instance,
        )
