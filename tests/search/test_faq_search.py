"""A FAQ card is its own kind in search, and comes first for its question."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from knowledge.faq.services import faq_card_promote, faq_draft_from_question
from knowledge.models import FaqIndexPage
from sessions.models import SessionQuestion
from tests import factories

pytestmark = pytest.mark.django_db

QUESTION = "社群冷启动先找谁？"


@pytest.fixture
def faq_index():
    return factories.add_child(
        factories.home_page(), FaqIndexPage(title="常见问题", slug="faq")
    )


@pytest.fixture
def answered_question():
    session = factories.sharing_session(
        start=timezone.now() - timedelta(days=3),
        title="社群冷启动先找谁",
        summary="社群冷启动先找谁？这期聊种子成员。",
        recap=factories.recap_stream("社群冷启动先找谁？先找愿意分享的种子成员。"),
    )
    return SessionQuestion.objects.create(
        session=session,
        author_name="杭州-小林",
        text=QUESTION,
        answer="先找愿意分享的种子成员。",
        status=SessionQuestion.Status.ANSWERED,
    )


def result_links(client, q):
    page = BeautifulSoup(client.get("/search/", {"q": q}).content, "html.parser")
    return [a["href"] for a in page.select("ol.results > li h2 a")]


def test_promoting_an_answer_makes_a_card_search_shows_first(
    client, faq_index, answered_question
):
    before = result_links(client, QUESTION)
    assert before and all("/faq/" not in link for link in before)

    card = faq_card_promote(
        index=faq_index,
        draft=faq_draft_from_question(question=answered_question),
        publish=True,
    )

    assert result_links(client, QUESTION)[0] == card.url
    api = client.get("/search/api/", {"q": "种子成员"}).json()
    assert "faq" in [hit["kind"] for hit in api["results"]]


def test_other_ways_to_ask_also_show_the_card_first(
    client, faq_index, answered_question
):
    card = faq_card_promote(
        index=faq_index,
        draft=faq_draft_from_question(question=answered_question),
    )
    card.other_phrasings = "新群第一批人从哪来"
    card.save_revision().publish()
    assert result_links(client, "新群第一批人从哪来")[0] == card.url


def test_an_unpublished_card_is_no_longer_shown_first(
    client, faq_index, answered_question
):
    card = faq_card_promote(
        index=faq_index,
        draft=faq_draft_from_question(question=answered_question),
        publish=True,
    )
    card.unpublish()
    assert card.url not in result_links(client, QUESTION)
