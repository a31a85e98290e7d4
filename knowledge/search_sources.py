"""What knowledge contributes to search."""

from __future__ import annotations

from search.documents import Kind, SearchDocument
from search.registry import IndexableSource, register

from .chat_urls import chat_index, message_url_prefix
from .models.chats import ChatArchive, MessageKind


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
        messages = (
            obj.messages.exclude(
                kind__in=[MessageKind.SYSTEM, MessageKind.RECALLED, MessageKind.IMAGE]
            )
            .exclude(text="")
            .order_by("sent_at", "seq")
            .only("pk", "sent_at", "sender_name", "sender_key", "text", "kind")
        )
        origin = self.origin(obj.pk)
        for message in messages.iterator(chunk_size=5000):
            sender = obj.display_sender(message)
            yield SearchDocument(
                key=f"chat:{message.pk}",
                origin=origin,
                kind=Kind.CHAT,
                title=f"{title} · {sender}" if sender else title,
                body=message.text,
                url=f"{prefix}{message.pk}/",
                date=message.sent_at,
                people=[str(sender)] if sender else [],
                facets=dict(facets),
            )
