"""A fixture week (2026-W10, 2–8 March, Asia/Shanghai) with content from every
source the digest gathers, plus content it must leave out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from knowledge.digest.weeks import IsoWeek
from knowledge.models import (
    DigestIndexPage,
    FaqCardPage,
    FaqIndexPage,
    KnowledgePostPage,
)
from sessions.models import QuestionVote, SessionQuestion, SharingSessionPage
from tests import factories

WEEK = IsoWeek(2026, 10)
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Wednesday of the week, 20:00 in the community's time zone.
MIDWEEK = datetime(2026, 3, 4, 20, 0, tzinfo=SHANGHAI)


@dataclass
class FixtureWeek:
    index: DigestIndexPage
    series: object
    faq_index: FaqIndexPage
    posts: object
    author: object
    voters: list
    shown: dict[str, list[str]] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)


def digest_index() -> DigestIndexPage:
    existing = DigestIndexPage.objects.first()
    if existing:
        return existing
    return factories.add_child(
        factories.home_page(), DigestIndexPage(title="本周沉淀", slug="digest")
    )


def at(page_model, page, **stamps):
    """Set timestamps the services would have set at another time."""
    page_model.objects.filter(pk=page.pk).update(**stamps)


def fixture_week(*, busy: int = 1) -> FixtureWeek:
    """``busy`` items of each kind inside the week, and one of each outside or
    unpublished. Titles name what they are, so tests can look for them."""
    week = FixtureWeek(
        index=digest_index(),
        series=factories.topic_series(title="工具实战", slug="tools"),
        faq_index=factories.add_child(
            factories.home_page(), FaqIndexPage(title="常见问题", slug="faq")
        ),
        posts=factories.knowledge_index(),
        author=factories.member("writer", display_name="杭州-小林"),
        voters=[factories.member(f"voter{n}") for n in range(3)],
        shown={kind: [] for kind in KINDS},
    )
    add_items(week, busy)
    week.hidden = _left_out(week)
    return week


KINDS = ["recaps", "answers", "faq", "top_questions", "posts", "upcoming"]


def add_items(week: FixtureWeek, count: int) -> None:
    """``count`` more items of each kind inside the week."""
    for n in range(len(week.shown["recaps"]), len(week.shown["recaps"]) + count):
        recap = factories.sharing_session(
            week.series,
            start=MIDWEEK - timedelta(days=7),
            title=f"本周回顾{n}：报名表自动汇总",
            recap=factories.recap_stream("原始数据只录一次。"),
        )
        at(SharingSessionPage, recap, recap_published_at=MIDWEEK)
        question = SessionQuestion.objects.create(
            session=recap,
            author_name="成员",
            text=f"本周已回答{n}：公式怎么避免被改坏？",
            answer="把输入区和计算区分开。",
            status=SessionQuestion.Status.ANSWERED,
        )
        SessionQuestion.objects.filter(pk=question.pk).update(answered_at=MIDWEEK)
        card = factories.add_child(
            week.faq_index,
            FaqCardPage(
                title=f"本周卡片{n}：去重看什么？", answer="<p>昵称加尾号。</p>"
            ),
        )
        at(FaqCardPage, card, first_published_at=MIDWEEK)
        post = factories.add_child(
            week.posts,
            KnowledgePostPage(
                title=f"本周投稿{n}：给表格上锁",
                body="<p>三种办法。</p>",
                author=week.author,
            ),
        )
        at(KnowledgePostPage, post, first_published_at=MIDWEEK)
        session = factories.sharing_session(
            week.series,
            start=MIDWEEK + timedelta(days=7),
            title=f"下周分享{n}：日历排期",
        )
        asked = SessionQuestion.objects.create(
            session=session,
            author_name="成员",
            text=f"热门问题{n}：排期怎么对齐？",
            status=SessionQuestion.Status.APPROVED,
        )
        for voter in week.voters[: 1 + n % 3]:
            vote = QuestionVote.objects.create(question=asked, voter=voter)
            QuestionVote.objects.filter(pk=vote.pk).update(created_at=MIDWEEK)
        for kind, title in zip(
            KINDS,
            [
                recap.title,
                question.text,
                card.title,
                asked.text,
                post.title,
                session.title,
            ],
            strict=True,
        ):
            week.shown[kind].append(title)


def _left_out(week: FixtureWeek) -> list[str]:
    """Content the week's digest must not show: drafts, unapproved, other weeks."""
    series, faq_index, posts = week.series, week.faq_index, week.posts
    author, voters = week.author, week.voters
    draft_recap = factories.sharing_session(
        series,
        start=MIDWEEK - timedelta(days=1),
        title="草稿回顾：不该出现",
        recap=factories.recap_stream("草稿"),
        publish=False,
    )
    at(SharingSessionPage, draft_recap, recap_published_at=MIDWEEK)
    old_recap = factories.sharing_session(
        series,
        start=MIDWEEK - timedelta(days=30),
        title="上月回顾：不该出现",
        recap=factories.recap_stream("旧的"),
    )
    at(SharingSessionPage, old_recap, recap_published_at=MIDWEEK - timedelta(days=20))
    pending = SessionQuestion.objects.create(
        session=old_recap,
        author_name="成员",
        text="待审问题：不该出现在热门里",
        status=SessionQuestion.Status.PENDING,
    )
    for voter in voters:
        vote = QuestionVote.objects.create(question=pending, voter=voter)
        QuestionVote.objects.filter(pk=vote.pk).update(created_at=MIDWEEK)
    unanswered_in_draft = SessionQuestion.objects.create(
        session=draft_recap,
        author_name="成员",
        text="草稿分享的回答：不该出现",
        answer="不该出现。",
        status=SessionQuestion.Status.ANSWERED,
    )
    SessionQuestion.objects.filter(pk=unanswered_in_draft.pk).update(
        answered_at=MIDWEEK
    )
    factories.add_child(
        faq_index,
        FaqCardPage(title="草稿卡片：不该出现", answer="<p>草稿</p>"),
        publish=False,
    )
    unapproved = factories.add_child(
        posts,
        KnowledgePostPage(
            title="待审投稿：不该出现", body="<p>待审</p>", author=author
        ),
        publish=False,
    )
    at(KnowledgePostPage, unapproved, first_published_at=None)
    factories.sharing_session(
        series,
        start=MIDWEEK + timedelta(days=7),
        title="下周草稿分享：不该出现",
        publish=False,
    )
    factories.sharing_session(
        series,
        start=MIDWEEK + timedelta(days=7),
        title="下周取消的分享：不该出现",
        status=SharingSessionPage.Status.CANCELLED,
        status_reason="嘉宾临时有事",
    )
    factories.sharing_session(
        series, start=MIDWEEK + timedelta(days=21), title="三周后的分享：不该出现"
    )
    return [
        "草稿回顾",
        "上月回顾",
        "待审问题",
        "草稿分享的回答",
        "草稿卡片",
        "待审投稿",
        "下周草稿分享",
        "下周取消的分享",
        "三周后的分享",
    ]
