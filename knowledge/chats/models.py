"""Chat archives: group chat exports deposited so the discussion outlives the chat."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessions.community.conf import DEFAULT_TIMEZONE


def sender_salt() -> bytes:
    """The secret salt for sender keys.

    ``CHENDIAN_CHAT_SENDER_SALT`` when set, else derived from SECRET_KEY so a
    fresh install is never unsalted. Changing it changes every sender key
    (re-imports would then duplicate messages), so set it once.
    """
    salt = getattr(settings, "CHENDIAN_CHAT_SENDER_SALT", "")
    if not salt:
        salt = hashlib.sha256(
            b"chendian-chat-sender:" + settings.SECRET_KEY.encode()
        ).hexdigest()
    return salt.encode()


def sender_key_for(
    platform: str, platform_id: str, *, salt: bytes | None = None
) -> str:
    """A stable, non-reversible key for one sender: HMAC-SHA256 of the platform id.

    The raw QQ number or WeChat id is never stored; the same person gets the
    same key in every archive of the platform, which lets an editor remove
    one sender's messages everywhere.
    """
    digest = hmac.new(
        salt or sender_salt(), f"{platform}:{platform_id}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:32]


def sender_label(privacy: str, name: str, key: str, code: str = "") -> str:
    """A sender's name as shown: as exported, a pseudonym, or initials.

    ``code`` is the sender's short pseudonym in its archive (A, B, …, see
    ``ChatArchive.pseudonym_codes``); without it, the start of the key.
    """
    if privacy == Privacy.AS_EXPORTED and name:
        return name
    if privacy == Privacy.INITIALS:
        return initials(name)
    return _("Member %(code)s") % {"code": code or key[:6].upper()}


def letter_code(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: short names a reader can follow."""
    code = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        code = chr(ord("A") + rest) + code
    return code


def initials(name: str) -> str:
    """ "Lao Zhou" -> "L. Z."; "山间小林" -> "山某" (the usual Chinese way to abbreviate)."""
    name = name.strip()
    if not name:
        return "?"
    words = name.split()
    if all(word.isascii() for word in words):
        return " ".join(f"{word[0].upper()}." for word in words)
    return f"{name[0]}某"


class Platform(models.TextChoices):
    QQ = "qq", "QQ"
    WECHAT = "wechat", _("WeChat")
    TELEGRAM = "telegram", "Telegram"
    OTHER = "other", _("Other chat app")


class Privacy(models.TextChoices):
    AS_EXPORTED = "as-exported", _("Names as exported")
    PSEUDONYMISED = "pseudonymised", _("Pseudonyms")
    INITIALS = "initials", _("Initials")


class ChatArchive(models.Model):
    """One imported group chat (or one conversation of an export)."""

    title = models.CharField(
        _("archive title"),
        max_length=200,
        help_text=_("Shown as the archive's heading."),
    )
    platform = models.CharField(
        _("chat platform"),
        max_length=20,
        choices=Platform.choices,
        default=Platform.OTHER,
        help_text=_("The chat app the export came from."),
    )
    group_name = models.CharField(
        _("group name"),
        max_length=200,
        blank=True,
        help_text=_(
            "The group's name in the chat app; re-imports of the same group land here."
        ),
    )
    session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        verbose_name=_("sharing session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chat_archives",
        help_text=_("The session whose live share this chat records, if any."),
    )
    privacy = models.CharField(
        _("sender names"),
        max_length=20,
        choices=Privacy.choices,
        default=Privacy.PSEUDONYMISED,
        help_text=_("How senders are shown to readers and in search."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIMEZONE,
        help_text=_(
            "Time zone the export's local times were read in, and days are cut in."
        ),
    )
    first_message_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_message_at = models.DateTimeField(null=True, blank=True, editable=False)
    message_count = models.PositiveIntegerField(default=0, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_message_at", "-pk"]
        verbose_name = _("chat archive")
        verbose_name_plural = _("chat archives")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from .permalinks import archive_url

        return archive_url(self)

    def display_sender(self, message: ChatMessage) -> str:
        """The sender as readers see it, per this archive's privacy mode."""
        if message.kind == MessageKind.SYSTEM:
            return ""
        return self.sender_display(message.sender_name, message.sender_key)

    def sender_display(self, name: str, key: str) -> str:
        code = ""
        if self.privacy == Privacy.PSEUDONYMISED:
            code = self.pseudonym_codes().get(key, "")
        return sender_label(self.privacy, name, key, code)

    def pseudonym_codes(self) -> dict[str, str]:
        """Sender key → A, B, C … in order of first message in this archive.

        Stable while the archive only grows (imports append later messages).
        Kept in the shared cache until the archive's messages change (their
        count and last time are in the key), and once per archive object.
        """
        if getattr(self, "_pseudonym_codes", None) is None:
            stamp = self.last_message_at.timestamp() if self.last_message_at else 0
            key = f"chendian:chat-pseudonyms:{self.pk}:{self.message_count}:{stamp}"

            def codes():
                keys = (
                    self.messages.exclude(kind=MessageKind.SYSTEM)
                    .values("sender_key")
                    .annotate(first=models.Min("seq"))
                    .order_by("first")
                    .values_list("sender_key", flat=True)
                )
                return {key: letter_code(i) for i, key in enumerate(keys)}

            self._pseudonym_codes = cache.get_or_set(key, codes, timeout=24 * 3600)
        return self._pseudonym_codes

    def refresh_stats(self):
        """Recount messages and the time range after an import or a removal."""
        stats = self.messages.aggregate(
            count=models.Count("pk"),
            first=models.Min("sent_at"),
            last=models.Max("sent_at"),
        )
        self.message_count = stats["count"]
        self.first_message_at = stats["first"]
        self.last_message_at = stats["last"]
        self.save(
            update_fields=["message_count", "first_message_at", "last_message_at"]
        )


class MessageKind(models.TextChoices):
    TEXT = "text", _("Text message")
    IMAGE = "image", _("Image message")
    FILE = "file", _("File message")
    LINK = "link", _("Link message")
    SYSTEM = "system", _("System message")
    RECALLED = "recalled", _("Recalled message")


class ChatMessage(models.Model):
    """One message of an archive.

    Re-imports are idempotent through the unique (archive, sent_at,
    dedupe_hash) constraint: ``dedupe_hash`` is a CRC-32
    of (sender_key, the text with whitespace collapsed, occurrence), and
    sent_at has whole seconds. ``occurrence`` counts identical
    (second, sender, text) triples within one file, so two "+1" sent in the
    same second both survive, while an overlapping later export of the same
    group — which contains the same messages in the same order — maps onto
    the keys already stored and adds only what is new. Platform message ids
    are not used because most exports (QQ/WeChat text) have none. The key
    leads with the time, so a chronological import appends to the index
    instead of writing all over it (this keeps big imports fast), and it
    doubles as the index for reading an archive day by day.
    """

    # No index of its own: the unique constraint below leads with the archive.
    archive = models.ForeignKey(
        ChatArchive, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    seq = models.PositiveIntegerField(
        help_text=_("Order of import within the archive.")
    )
    sent_at = models.DateTimeField()
    sender_name = models.CharField(max_length=200, blank=True)
    # Not indexed on purpose: removing a sender is a rare editor action that can
    # afford a scan, while an index here halves the speed of every big import.
    sender_key = models.CharField(max_length=32)
    text = models.TextField(blank=True)
    kind = models.CharField(
        max_length=10, choices=MessageKind.choices, default=MessageKind.TEXT
    )
    platform_message_id = models.CharField(max_length=64, blank=True)
    reply_to_platform_id = models.CharField(max_length=64, blank=True)
    dedupe_hash = models.BigIntegerField()
    # The session whose window (warm-up to an hour after the end) the message
    # falls in, set after each import (see chats.session_links); editors attach
    # the rest from the "Chat days without a session" report.
    session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chat_messages",
        db_index=False,
    )

    class Meta:
        ordering = ["sent_at", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "sent_at", "dedupe_hash"],
                name="knowledge_chatmessage_unique_dedupe",
            )
        ]
        indexes = [
            # Partial: the rows a big import inserts (session still empty) cost
            # this index nothing.
            models.Index(
                fields=["session", "sent_at"],
                condition=models.Q(session__isnull=False),
                name="knowledge_chatmsg_session",
            )
        ]
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")

    def __str__(self):
        return f"{self.sender_name}: {self.text[:40]}"

    def get_absolute_url(self):
        from .permalinks import message_url

        return message_url(self)

    @property
    def is_system(self) -> bool:
        return self.kind in (MessageKind.SYSTEM, MessageKind.RECALLED)
