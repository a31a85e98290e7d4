"""What knowledge contributes to search."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from search.documents import SearchDocument
from search.registry import IndexableSource, register, register_kind

from .chats.models import ChatArchive, MessageKind
from .chats.permalinks import chat_index, message_url_prefix
from .faq.models import FaqCardPage
from .posts.models import KnowledgePostPage
from .posts.ugc import member_html_to_text

# Headings members may write (the cleaner keeps h2–h4), with what they enclose.
HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.IGNORECASE | re.DOTALL)
POST = register_kind("post", _("Member posts"))
# A chat line ranks below a session, recap, answer or post that matches as well.
CHAT = register_kind("chat", _("Chat history"), conversational=True)
FAQ = register_kind("faq", _("FAQ cards"))


#: Messages read per query when indexing an archive.
READ_PAGE = 5000


def _in_pages(rows):
    """``rows`` (values ending in sent_at at [1] and seq at [-1], in that
    order) a page per query, each read whole before the next is asked for.

    Not a streaming cursor: the engine writes each batch in a transaction of
    its own while these are read, and on SQLite a statement left open across
    those commits pins an old snapshot of the file; once a member's write has
    committed, that connection can never take the write lock again
    ("database is locked" on every batch). Measured with
    bench/load_sqlite_indexing.py, 20 members writing while a 300,000-message
    archive was indexed: with one streaming cursor the index failed 30 times
    and never finished in 400 s; read a page at a time it finished in 76 s.
    """
    last = None
    while True:
        page = rows
        if last is not None:
            page = rows.filter(sent_at__gte=last[1]).exclude(
                sent_at=last[1], seq__lte=last[-1]
            )
        batch = list(page[:READ_PAGE])
        yield from batch
        if len(batch) < READ_PAGE:
            return
        last = batch[-1]


@register
class ChatArchiveSource(IndexableSource):
    """Chat messages, indexed per archive: one outbox entry re-indexes the whole archive.

    One document per *run*: consecutive messages of one sender at most
    ``RUN_GAP`` apart (up to ``RUN_MAX`` messages), linked to the run's first
    message; a lone message is a run of one. Measured on the demo chat with
    eight questions a member would type (a bigram ranking like the engines'):
    the right message was first for 5/8 with runs against 4/8 one message per
    document, and in the top three for 6/8 against 4/8 — people split one
    thought over several lines ("[文件]模板.xlsx" then "公式可以直接用"), and
    a run keeps those words together. The permalink still opens the day at
    the run's first line, with the rest right below. System lines, recalls
    and bare images carry no findable words and are left out.
    """

    RUN_GAP = timedelta(minutes=3)
    RUN_MAX = 5

    name = "knowledge.chat_archive"
    model = ChatArchive

    def documents_for(self, obj: ChatArchive):
        index = chat_index()
        prefix = message_url_prefix(index)
        if not prefix:
            return  # no public page to link to: nothing may be found
        facets = {"group": obj.group_name, "archive": str(obj.pk)}
        if obj.session_id:
            facets["session"] = str(obj.session_id)
        title = obj.title
        rows = (
            obj.messages.exclude(
                kind__in=[MessageKind.SYSTEM, MessageKind.RECALLED, MessageKind.IMAGE]
            )
            .exclude(text="")
            .order_by("sent_at", "seq")
            .values_list("pk", "sent_at", "sender_name", "sender_key", "text", "seq")
        )
        origin = self.origin(obj.pk)
        # Plain rows and one pseudonym per sender: this runs for every message of
        # an archive on each re-index, a million for the biggest ones.
        senders: dict[tuple[str, str], str] = {}
        run: list[tuple] = []
        for row in _in_pages(rows):
            if run and (
                row[3] != run[-1][3]
                or row[1] - run[-1][1] > self.RUN_GAP
                or len(run) >= self.RUN_MAX
            ):
                yield self._document(obj, run, senders, prefix, origin, title, facets)
                run = []
            run.append(row)
        if run:
            yield self._document(obj, run, senders, prefix, origin, title, facets)

    def _document(self, obj, run, senders, prefix, origin, title, facets):
        pk, sent_at, sender_name, sender_key, _text, _seq = run[0]
        sender = senders.get((sender_name, sender_key))
        if sender is None:
            sender = str(obj.sender_display(sender_name, sender_key))
            senders[(sender_name, sender_key)] = sender
        return SearchDocument(
            key=f"chat:{pk}",
            origin=origin,
            kind=CHAT,
            title=f"{title} · {sender}",
            body="\n".join(row[4] for row in run),
            url=f"{prefix}{pk}/",
            date=sent_at,
            people=[sender],
            facets=dict(facets),
        )


@register
class MemberPostSource(IndexableSource):
    """A published member post; its author is the person, its related session's
    series the series facet."""

    name = "knowledge.post"
    model = KnowledgePostPage

    def get_queryset(self):
        return KnowledgePostPage.objects.live()

    def documents_for(self, post: KnowledgePostPage):
        if not post.live:
            return
        series = post.related_session.series if post.related_session_id else None
        yield SearchDocument(
            key=f"post:{post.pk}",
            origin=self.origin(post.pk),
            kind=POST,
            title=post.title,
            body=member_html_to_text(post.body),
            headings=[member_html_to_text(h) for h in HEADING.findall(post.body or "")],
            url=post.get_url() or post.url_path,
            date=post.first_published_at,
            tags=[tag.name for tag in post.tags.all()],
            series=series.slug if series else "",
            series_title=series.title if series else "",
            people=[post.author_name] if post.author_name else [],
        )


@register
class FaqCardSource(IndexableSource):
    """A published FAQ card: its question and every other way to ask it, and the
    canonical answer. (Search also shows the card first for each phrasing, through
    the search promotions ``knowledge.faq.promotions`` keeps.)"""

    name = "knowledge.faq"
    model = FaqCardPage

    def get_queryset(self):
        return FaqCardPage.objects.live()

    def documents_for(self, card: FaqCardPage):
        if not card.live:
            return
        others = card.phrasings()[1:]
        yield SearchDocument(
            key=f"faq:{card.pk}",
            origin=self.origin(card.pk),
            kind=FAQ,
            title=card.title,
            body="\n".join([*others, member_html_to_text(card.answer)]),
            url=card.get_url() or card.url_path,
            date=card.last_published_at or card.first_published_at,
            tags=[tag.name for tag in card.tags.all()],
        )


# The weekly digest registers its own kind and source.
from .digest import search as digest_search  # noqa: E402, F401
