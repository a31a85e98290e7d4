"""Editors promote what was answered once into FAQ cards with linked sources."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from knowledge.faq.services import (
    PromotionError,
    faq_card_promote,
    faq_draft_from_chat,
    faq_draft_from_question,
    faq_draft_from_recap_block,
)
from knowledge.models import (
    ChatArchiveIndexPage,
    ChatMessage,
    FaqCardPage,
    FaqIndexPage,
)
from sessions.models import SessionQuestion
from tests import factories
from tests.knowledge.chat_support import import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def faq_index():
    return factories.add_child(
        factories.home_page(), FaqIndexPage(title="常见问题", slug="faq")
    )


@pytest.fixture
def session():
    page = factories.sharing_session(
        start=timezone.now() - timedelta(days=3), title="社群冷启动"
    )
    page.tags.add("冷启动")
    page.save_revision().publish()
    return page


def answered(session, text="社群冷启动先找谁？", answer="先找愿意分享的种子成员。"):
    return SessionQuestion.objects.create(
        session=session,
        author_name="杭州-小林",
        text=text,
        answer=answer,
        status=SessionQuestion.Status.ANSWERED,
    )


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_an_answered_question_becomes_a_card_linking_back_to_it(
    client, faq_index, session
):
    question = answered(session)
    card = faq_card_promote(
        index=faq_index,
        draft=faq_draft_from_question(question=question),
        publish=True,
    )
    assert card.get_parent().specific == faq_index
    page = soup(client, card.url)
    assert page.h1.get_text() == "社群冷启动先找谁？"
    assert "种子成员" in page.select_one(".faq-card__answer").get_text()
    (link,) = page.select(".faq-card__sources a")
    assert link["href"] == f"{session.url}#question-{question.pk}"
    # The session it came from links to the card.
    section = soup(client, session.url).select_one(".faq-cards")
    assert section.select_one("a")["href"] == card.url


def test_an_unanswered_question_cannot_be_promoted(session):
    question = answered(session)
    question.status = SessionQuestion.Status.APPROVED
    with pytest.raises(PromotionError):
        faq_draft_from_question(question=question)


def test_a_recap_qa_block_becomes_a_card_linking_to_its_section(faq_index, session):
    session.recap = json.dumps(
        [
            {"type": "paragraph", "value": "<p>开场</p>"},
            {"type": "heading", "value": {"text": "答疑", "anchor": "qa-part"}},
            {
                "type": "question_answer",
                "id": "b1",
                "value": {
                    "question": "积分怎么兑换？",
                    "asked_by": "",
                    "answer": "<p>满 100 分换一次答疑。</p>",
                },
            },
        ]
    )
    session.save_revision().publish()
    session.refresh_from_db()
    draft = faq_draft_from_recap_block(session=session, block_id="b1")
    card = faq_card_promote(index=faq_index, draft=draft, publish=True)
    assert card.title == "积分怎么兑换？"
    assert "满 100 分换一次答疑" in card.answer
    assert [t.name for t in card.tags.all()] == ["冷启动"]
    assert card.sources.get().get_url() == f"{session.url}#qa-part"


def test_a_chat_run_becomes_a_card_with_the_first_message_as_question(
    faq_index,
):
    factories.add_child(
        factories.home_page(), ChatArchiveIndexPage(title="聊天记录", slug="chats")
    )
    import_fixture("qq_basic.txt")
    first, answer, last = ChatMessage.objects.exclude(
        kind__in=["system", "recalled"]
    ).exclude(text="")[:3]
    draft = faq_draft_from_chat(first=last, last=first)  # order does not matter
    card = faq_card_promote(index=faq_index, draft=draft)
    assert not card.live  # a draft for the editor to polish
    assert card.title == first.text.strip()
    assert [s.chat_message_id for s in card.sources.all()] == [first.pk, answer.pk]
    assert card.sources.first().get_url() == f"/chats/m/{first.pk}/"


def test_the_faq_index_lists_cards_by_tag(client, faq_index, session):
    one = faq_card_promote(
        index=faq_index, draft=faq_draft_from_question(question=answered(session))
    )
    one.save_revision().publish()
    other_draft = faq_draft_from_question(
        question=answered(session, text="打卡断了怎么办？", answer="补卡一次。")
    )
    other_draft.tags = ["打卡"]
    faq_card_promote(index=faq_index, draft=other_draft, publish=True)

    everything = soup(client, "/faq/")
    assert [h.get_text() for h in everything.select(".faq-list h2")] == [
        "打卡断了怎么办？",
        "社群冷启动先找谁？",
    ]
    tag_links = {
        a.get_text(" ", strip=True): a["href"] for a in everything.select("nav.tags a")
    }
    by_tag = soup(client, tag_links["#打卡 1"])
    assert [h.get_text() for h in by_tag.select(".faq-list h2")] == ["打卡断了怎么办？"]


def test_editors_promote_from_the_admin_and_land_on_the_card_editor(
    client, faq_index, session
):
    question = answered(session)
    client.force_login(factories.admin())
    url = f"/admin/faq/promote/?question={question.pk}"
    assert "社群冷启动先找谁" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "question": "冷启动先找谁？",
            "answer": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a",
                            "type": "unstyled",
                            "text": "先找种子成员。",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "tags": "冷启动, 运营",
            "publish": "on",
        },
    )
    card = FaqCardPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{card.pk}/edit/"
    assert card.live and card.title == "冷启动先找谁？"
    assert sorted(t.name for t in card.tags.all()) == ["冷启动", "运营"]
    assert card.sources.get().question == question
