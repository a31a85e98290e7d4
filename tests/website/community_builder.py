"""A community of a chosen size, for the page budget tests and bench/pages.py.

``CommunityBuilder.grow(n)`` adds ``n`` of everything a page lists: past
sessions with recaps, coming sessions, answered and approved questions (with
the member's votes), member posts with tags, chat messages of one day, so the
same pages can be read at N and at 10×N.
"""

from __future__ import annotations

import itertools
import zlib
import zoneinfo
from datetime import datetime, time, timedelta

from django.utils import timezone

from knowledge.models import (
    ChatArchive,
    ChatArchiveIndexPage,
    ChatMessage,
    KnowledgePostPage,
)
from sessions.models import QuestionVote, SessionQuestion
from tests import factories
from website.models import StandardPage

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


class CommunityBuilder:
    """The page tree every page type needs, one session at each stage."""

    def __init__(self):
        self.now = timezone.now()
        self.serial = itertools.count(1)
        home = factories.home_page()
        self.rules = factories.add_child(
            home, StandardPage(title="群规", slug="rules", show_in_menus=True)
        )
        self.index = factories.series_index(show_in_menus=True)
        self.series = factories.topic_series(self.index, host=factories.person())
        self.member = factories.member("reader")
        self.other_member = factories.member("neighbour")
        self.knowledge = factories.knowledge_index()
        self.chats = factories.add_child(
            home, ChatArchiveIndexPage(title="群聊存档", slug="chats")
        )
        speaker = factories.person()
        now = self.now
        starts = {
            "announced": now + 3 * DAY,
            "collecting": now + DAY,
            "warm_up": now + HOUR,
            "live": now - 30 * timedelta(minutes=1),
            "ended": now - 2 * DAY,
            "archived": now - 3 * DAY,
        }
        self.stages = {}
        for stage, start in starts.items():
            fields = {"host": factories.person(), "summary": f"{stage} 的分享"}
            if stage == "archived":
                fields["recap"] = factories.recap_stream("要点一", "要点二")
            session = factories.sharing_session(self.series, start=start, **fields)
            session.speakers.create(person=speaker)
            session.tags.add("工具", "沉淀")
            session.save()
            self.stages[stage] = session
        self.archive = ChatArchive.objects.create(
            title="三月分享群聊", session=self.stages["archived"]
        )
        # Noon of the archived session's day, in the archive's zone: every
        # message added below falls on that one day.
        zone = zoneinfo.ZoneInfo(self.archive.timezone)
        the_day = starts["archived"].astimezone(zone).date()
        self.chat_day = datetime.combine(the_day, time(12), tzinfo=zone)

    @property
    def archived(self):
        return self.stages["archived"]

    @property
    def collecting(self):
        return self.stages["collecting"]

    def grow(self, n: int) -> None:
        """Add ``n`` of every listed thing."""
        for _ in range(n):
            k = next(self.serial)
            factories.sharing_session(
                self.series,
                start=self.now - (10 + k) * DAY,
                recap=factories.recap_stream(f"第 {k} 次的回顾"),
            )
            factories.sharing_session(self.series, start=self.now + (10 + k) * DAY)
            asker = factories.member()
            SessionQuestion.objects.create(
                session=self.archived,
                author=asker,
                author_name=f"提问者{k}",
                text=f"第 {k} 个已回答的问题",
                status=SessionQuestion.Status.ANSWERED,
                answer="回答",
            )
            SessionQuestion.objects.create(
                session=self.archived,
                author=self.member,
                author_name="读者",
                text=f"读者的第 {k} 个问题",
                status=SessionQuestion.Status.ANSWERED,
                answer="回答",
            )
            approved = SessionQuestion.objects.create(
                session=self.collecting,
                author=asker,
                author_name=f"提问者{k}",
                text=f"第 {k} 个待讲的问题",
                status=SessionQuestion.Status.APPROVED,
            )
            QuestionVote.objects.create(question=approved, voter=self.member)
            post = factories.add_child(
                self.knowledge,
                KnowledgePostPage(
                    title=f"笔记 {k}",
                    slug=f"note-{k}",
                    body="<p>笔记正文 https://example.com/a</p>",
                    author=self.member,
                    related_session=self.archived,
                ),
            )
            post.tags.add(f"标签{k % 5}")
            post.save_revision().publish()
        self.add_messages(n * 10)

    def add_messages(self, count: int) -> None:
        start = ChatMessage.objects.filter(archive=self.archive).count()
        ChatMessage.objects.bulk_create(
            ChatMessage(
                archive=self.archive,
                seq=start + i,
                sent_at=self.chat_day + timedelta(seconds=start + i),
                sender_name=f"成员{i % 7}",
                sender_key=f"key{i % 7}",
                text=f"消息 {start + i} 见 https://example.com/{i}" if i % 4 else "好",
                dedupe_hash=zlib.crc32(f"{start + i}".encode()),
            )
            for i in range(count)
        )
        self.archive.refresh_stats()

    def chat_day_url(self) -> str:
        return f"{self.chats.url}{self.archive.pk}/{self.chat_day:%Y-%m-%d}/"
