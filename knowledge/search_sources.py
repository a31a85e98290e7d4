"""What knowledge contributes to search."""

from __future__ import annotations

from search.documents import Kind, SearchDocument
from search.registry import IndexableSource, register

from .chat_urls import chat_index, message_url_prefix
from .models.chats import ChatArchive, MessageKind, sender_label


@register
class ChatArchiveSource(IndexableSource):
    """Chat messages, indexed per archive: one outbox entry re-indexes the whole archive.

    One document per message (not per run of consecutive messages): a hit
    then links to the exact message, which is what a reader follows a chat
    search result for; chat lines are short, so a document per line loses
    little context, and the day page shows the neighbours around the
    highlighted message. System lines, recalls and bare images/files carry
    no findable words and are left out.
    """

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
            .values_list("pk", "sent_at", "sender_name", "sender_key", "text")
        )
        origin = self.origin(obj.pk)
        # Plain rows and one pseudonym per sender: this runs for every message of
        # an archive on each re-index, a million for the biggest ones.
        senders: dict[tuple[str, str], str] = {}
        for pk, sent_at, sender_name, sender_key, text in rows.iterator(
            chunk_size=5000
        ):
            sender = senders.get((sender_name, sender_key))
            if sender is None:
                sender = str(sender_label(obj.privacy, sender_name, sender_key))
                senders[(sender_name, sender_key)] = sender
            yield SearchDocument(
                key=f"chat:{pk}",
                origin=origin,
                kind=Kind.CHAT,
                title=f"{title} · {sender}",
                body=text,
                url=f"{prefix}{pk}/",
                date=sent_at,
                people=[sender],
                facets=dict(facets),
            )
