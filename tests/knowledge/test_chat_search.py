"""Chat messages as search documents (tested on the source: see the note below).

The search engines are built concurrently in another part of the project;
until they land, these tests check the documents our registered source hands
to any engine: the phrase, its permalink, facets and privacy-aware people.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from knowledge.chats.services import chat_remove_sender
from knowledge.models import ChatArchive, ChatArchiveIndexPage
from search.registry import sources_for_model
from tests import factories

from .chat_support import import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chats_page():
    return factories.add_child(
        factories.home_page(), ChatArchiveIndexPage(title="群聊存档", slug="chats")
    )


def documents(archive):
    (source,) = sources_for_model(ChatArchive)
    return list(source.documents_for(archive))


def test_a_phrase_from_an_imported_message_has_its_permalink():
    session = factories.sharing_session(start=datetime(2023, 3, 5, 6, 0, tzinfo=UTC))
    archive = import_fixture("qq_basic.txt", session=session).archives[0]
    docs = documents(archive)
    hits = [d for d in docs if "沉淀清单" in d.body]
    assert len(hits) == 1
    message = archive.messages.get(text__contains="沉淀清单")
    assert hits[0].url == f"/chats/m/{message.pk}/"
    assert hits[0].kind == "chat"
    assert hits[0].facets == {
        "group": "开源咖啡馆交流群",
        "archive": str(archive.pk),
        "session": str(session.pk),
    }
    assert hits[0].origin == f"knowledge.chat_archive:{archive.pk}"
    # System lines and bare images are not documents; these lines are all far apart.
    assert not [d for d in docs if "加入本群" in d.body]
    assert len(docs) == 6


def test_people_follow_the_privacy_mode():
    archive = import_fixture("qq_basic.txt", privacy="initials").archives[0]
    people = {p for d in documents(archive) for p in d.people}
    assert "山某" in people
    assert "山间小林" not in people


def test_removed_sender_leaves_the_documents():
    archive = import_fixture("qq_basic.txt").archives[0]
    message = archive.messages.filter(sender_name="阿青").first()
    assert chat_remove_sender(message=message, everywhere=False) == 2
    assert not [d for d in documents(archive) if "沉淀清单" in d.body]


def test_consecutive_lines_of_one_sender_form_one_document():
    archive = import_fixture("qq_later.txt").archives[0]
    docs = documents(archive)
    # 阿青's line, then 山间小林's three lines in the same minute: two documents.
    assert [d.body for d in docs] == [
        '<script>alert("x")</script> 记得看讲义里的沉淀清单',
        "今天的回放什么时候上传？\n+1\n+1",
    ]
    first = archive.messages.get(text="今天的回放什么时候上传？")
    assert docs[1].url == f"/chats/m/{first.pk}/"


@pytest.fixture(params=["database", "elasticsearch"])
def search_api(request, client, monkeypatch, settings):
    """The public search API on each engine, with the outbox drained at once
    (tests never commit). The Elasticsearch engine runs against osmem-server."""
    settings.ELASTICSEARCH_URL = (
        request.getfixturevalue("osmem_clone").url
        if request.param == "elasticsearch"
        else ""
    )
    indexing = pytest.importorskip("search.indexing")
    monkeypatch.setattr(
        indexing.transaction, "on_commit", lambda func, using=None, robust=False: func()
    )

    def search(q):
        response = client.get("/search/api/", {"q": q})
        assert response.status_code == 200
        return response.json()["results"]

    return search


def test_imported_phrase_is_found_with_its_permalink_on_both_engines(search_api):
    archive = import_fixture("qq_basic.txt").archives[0]
    message = archive.messages.get(text__contains="沉淀清单")
    urls = [hit["url"] for hit in search_api("讲义里的沉淀清单")]
    assert any(url.endswith(f"/chats/m/{message.pk}/") for url in urls)
    chat_remove_sender(message=message, everywhere=True)
    urls = [hit["url"] for hit in search_api("讲义里的沉淀清单")]
    assert not any(f"/chats/m/{message.pk}/" in url for url in urls)
