"""Record members' activity from the signals sessions and Wagtail send."""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import page_published

from sessions.community.signals import member_activity

from ..models import Activity, KnowledgePostPage


@receiver(member_activity)
def record_member_activity(sender, *, member, verb, target=None, by=None, **kwargs):
    Activity.record(member=member, verb=verb, target=target, by=by)


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
