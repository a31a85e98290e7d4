"""The reading side of chat archives: one routable page at /chats/."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from sessions.paging import page_number

from .days import archive_zone, day_page, neighbour_days, page_of_message
from .models import ChatArchive, ChatMessage


class ChatArchiveIndexPage(RoutablePageMixin, Page):
    """Lists the imported chat archives and serves them day by day.

    Routes (decided over a child page per archive, because archives are
    created by imports, not by editors in the page tree):
    ``/chats/<archive-id>/`` the archive's days, ``/chats/<archive-id>/<YYYY-MM-DD>/``
    one day's messages, ``/chats/m/<message-id>/`` a message's permalink, which
    redirects to its day with the message highlighted.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list of archives."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count = 1
    template = "knowledge/chats/chat_archive_index_page.html"

    class Meta:
        verbose_name = _("chat archive index")

    @path("")
    def archive_list(self, request):
        archives = ChatArchive.objects.filter(message_count__gt=0).select_related(
            "session"
        )
        return self.render(request, context_overrides={"archives": archives})

    @path("<int:archive_id>/")
    def archive_days(self, request, archive_id):
        archive = get_object_or_404(ChatArchive, pk=archive_id)
        days = (
            archive.messages.annotate(
                day=TruncDate("sent_at", tzinfo=archive_zone(archive))
            )
            .values("day")
            .annotate(count=Count("pk"))
            .order_by("day")
        )
        return self.render(
            request,
            template="knowledge/chats/chat_archive.html",
            context_overrides={"archive": archive, "days": days},
        )

    @re_path(r"^(?P<archive_id>\d+)/(?P<day>\d{4}-\d{2}-\d{2})/$")
    def archive_day(self, request, archive_id, day):
        archive = get_object_or_404(ChatArchive, pk=archive_id)
        try:
            the_day = date.fromisoformat(day)
        except ValueError as exc:
            raise Http404 from exc
        page = page_number(request.GET.get("page"))
        highlight = request.GET.get("m", "")
        rows, has_next_page = day_page(archive, the_day, page, highlight)
        if not rows:
            raise Http404
        previous_day, next_day = neighbour_days(archive, the_day)
        return self.render(
            request,
            template="knowledge/chats/chat_day.html",
            context_overrides={
                "archive": archive,
                "day": the_day,
                "rows": rows,
                "highlighted": bool(highlight),
                "day_page": page,
                "has_next_page": has_next_page,
                "index_url": self.url,
                "previous_day": previous_day,
                "next_day": next_day,
            },
        )

    @path("session/<int:session_id>/")
    def session_chat(self, request, session_id):
        """Exactly the part of the chat attached to one session, across archives."""
        from sessions.models import SharingSessionPage

        session = get_object_or_404(SharingSessionPage.objects.live(), pk=session_id)
        messages = list(
            ChatMessage.objects.filter(session=session)
            .select_related("archive")
            .order_by("sent_at", "seq")
        )
        if not messages:
            raise Http404
        rows = [
            {"message": message, "sender": message.archive.display_sender(message)}
            for message in messages
        ]
        return self.render(
            request,
            template="knowledge/chats/chat_session.html",
            context_overrides={"session": session, "rows": rows},
        )

    @path("m/<int:message_id>/")
    def message_permalink(self, request, message_id):
        message = get_object_or_404(
            ChatMessage.objects.select_related("archive"), pk=message_id
        )
        return redirect(self.day_url(message.archive, message) + f"#m-{message.pk}")

    def day_url(self, archive: ChatArchive, message: ChatMessage) -> str:
        """The day page that shows ``message``, with it highlighted."""
        day = message.sent_at.astimezone(archive_zone(archive)).date().isoformat()
        url = self.url + self.reverse_subpage("archive_day", args=[archive.pk, day])
        page = page_of_message(archive, message)
        query = {"page": page, "m": message.pk} if page > 1 else {"m": message.pk}
        return f"{url}?{urlencode(query)}"
