"""A re-upload that adds nothing leaves the archive, and its search index, alone."""

import pytest

from knowledge.models import ChatArchive
from search.models import OutboxEntry

from .chat_support import import_fixture

pytestmark = pytest.mark.django_db


def test_reupload_that_adds_no_message_queues_no_reindexing():
    first = import_fixture("qq_basic.txt")
    archive = first.archives[0]
    updated_at = ChatArchive.objects.get(pk=archive.pk).updated_at
    OutboxEntry.objects.all().delete()

    again = import_fixture("qq_basic.txt")

    assert again.messages_added == 0
    assert not OutboxEntry.objects.exists()
    assert ChatArchive.objects.get(pk=archive.pk).updated_at == updated_at


def test_reupload_with_new_sender_privacy_saves_it_and_reindexes_once():
    archive = import_fixture("qq_basic.txt").archives[0]
    OutboxEntry.objects.all().delete()

    import_fixture("qq_basic.txt", privacy="initials")

    assert ChatArchive.objects.get(pk=archive.pk).privacy == "initials"
    assert OutboxEntry.objects.filter(object_pk=str(archive.pk)).count() == 1
