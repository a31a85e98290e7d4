"""Promoting what was answered somewhere into a FAQ card.

``faq_draft_from_*`` read a source into a ``CardDraft`` (question, answer,
sources) that the editor reviews; ``faq_card_promote`` turns a draft into a
card page under the FAQ index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from sessions.models import SessionQuestion, SharingSessionPage
from sessions.search_sources import recap_anchors

from ..chats.models import ChatMessage, MessageKind
from .models import FaqCardPage, FaqIndexPage, FaqSource

#: A chat excerpt promoted to a card: at most this many messages.
MAX_CHAT_MESSAGES = 30


class PromotionError(ValueError):
    """The chosen source cannot become a card (unanswered, missing …)."""


@dataclass
class CardDraft:
    question: str
    answer_html: str
    sources: list[FaqSource] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _paragraphs(text: str) -> str:
    """Plain text as safe HTML paragraphs (member text is never trusted as HTML)."""
    return linebreaks(escape(text.strip()))


def faq_draft_from_question(*, question: SessionQuestion) -> CardDraft:
    if question.status != SessionQuestion.Status.ANSWERED:
        raise PromotionError(_("Only an answered question can become a FAQ card."))
    session = question.session
    return CardDraft(
        question=question.text.strip(),
        answer_html=_paragraphs(question.answer),
        sources=[
            FaqSource(
                kind=FaqSource.Kind.QUESTION,
                question=question,
                session=session,
                label=session.title,
            )
        ],
        tags=[tag.name for tag in session.tags.all()],
    )


def recap_questions(session: SharingSessionPage) -> list[tuple[str, str, str]]:
    """(block id, anchor, question) of each Q&A block of the session's recap;
    the anchor is the section the block sits in, as recap search results link."""
    return [
        (block.id, anchor, block.value["question"])
        for block, anchor in recap_anchors(session)
        if block.block_type == "question_answer"
    ]


def faq_draft_from_recap_block(
    *, session: SharingSessionPage, block_id: str
) -> CardDraft:
    for block in session.recap:
        if block.id == block_id and block.block_type == "question_answer":
            anchor = next(
                a for bid, a, _q in recap_questions(session) if bid == block_id
            )
            return CardDraft(
                question=block.value["question"].strip(),
                answer_html=block.value["answer"].source,
                sources=[
                    FaqSource(
                        kind=FaqSource.Kind.RECAP,
                        session=session,
                        anchor=anchor,
                        label=session.title,
                    )
                ],
                tags=[tag.name for tag in session.tags.all()],
            )
    raise PromotionError(_("That Q&A block is not in the session's recap."))


def faq_draft_from_chat(*, first: ChatMessage, last: ChatMessage) -> CardDraft:
    """The first message is the question; the messages after it, the answer."""
    if first.archive_id != last.archive_id:
        raise PromotionError(_("Both messages must come from the same archive."))
    if (first.sent_at, first.seq) > (last.sent_at, last.seq):
        first, last = last, first
    archive = first.archive
    messages = list(
        archive.messages.filter(sent_at__gte=first.sent_at, sent_at__lte=last.sent_at)
        .exclude(kind__in=[MessageKind.SYSTEM, MessageKind.RECALLED])
        .exclude(text="")
        .order_by("sent_at", "seq")[: MAX_CHAT_MESSAGES + 1]
    )
    if len(messages) > MAX_CHAT_MESSAGES:
        raise PromotionError(
            _("A card is made from at most %(n)s messages; pick a shorter range.")
            % {"n": MAX_CHAT_MESSAGES}
        )
    if len(messages) < 2:
        raise PromotionError(
            _("Pick a question and at least one message that answers it.")
        )
    asked, *answers = messages
    answer_html = "".join(
        f"<p>{escape(archive.display_sender(m))}：{escape(m.text)}</p>" for m in answers
    )
    return CardDraft(
        question=asked.text.strip()[:255],
        answer_html=answer_html,
        sources=[
            FaqSource(
                kind=FaqSource.Kind.CHAT,
                chat_message=message,
                session_id=message.session_id or archive.session_id,
                label=_chat_label(archive, message),
            )
            for message in (asked, answers[0])
        ],
    )


def _chat_label(archive, message) -> str:
    """ "群名 · 11-05 20:17 陈一鸣": which message, readable in a list of sources."""
    when = timezone.localtime(message.sent_at)
    return f"{archive.title} · {when:%m-%d %H:%M} {archive.display_sender(message)}"


def faq_card_promote(
    *,
    index: FaqIndexPage,
    draft: CardDraft,
    user=None,
    publish: bool = False,
) -> FaqCardPage:
    """Add the draft as a card under ``index``: a draft page, or published."""
    card = FaqCardPage(
        title=draft.question[:255],
        answer=draft.answer_html,
        owner=user,
        live=False,
    )
    for position, source in enumerate(draft.sources):
        source.sort_order = position
        card.sources.add(source)
    with transaction.atomic():
        index.add_child(instance=card)
        if draft.tags:
            card.tags.set(draft.tags)
            card.save()
        revision = card.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    return FaqCardPage.objects.get(pk=card.pk)
