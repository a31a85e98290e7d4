"""Import jobs started from the admin upload form, run by django-tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessions.community.conf import DEFAULT_TIMEZONE

from .models import ChatArchive, Privacy


class ChatImportJob(models.Model):
    """One uploaded export waiting for, going through or done with its import."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Import queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Import failed")

    upload = models.FileField(
        upload_to="chat_imports/", help_text=_("The export file.")
    )
    original_name = models.CharField(max_length=255, blank=True)
    format = models.CharField(
        max_length=20, blank=True, help_text=_("Empty: detect it.")
    )
    archive_title = models.CharField(max_length=200, blank=True)
    group_name = models.CharField(max_length=200, blank=True)
    session = models.ForeignKey(
        "community_sessions.SharingSessionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy = models.CharField(
        max_length=20, choices=Privacy.choices, default=Privacy.PSEUDONYMISED
    )
    timezone = models.CharField(max_length=64, default=DEFAULT_TIMEZONE)
    use_remarks = models.BooleanField(
        default=False,
        help_text=_(
            "WeChat CSV only: publish the exporter's private remarks for contacts "
            "instead of the members' own nicknames."
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    bytes_total = models.PositiveBigIntegerField(default=0)
    bytes_done = models.PositiveBigIntegerField(default=0)
    messages_read = models.PositiveIntegerField(default=0)
    messages_added = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    archives = models.ManyToManyField(ChatArchive, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("chat import")
        verbose_name_plural = _("chat imports")

    def __str__(self):
        return self.original_name or f"#{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.bytes_total:
            return 0
        return min(99, int(100 * self.bytes_done / self.bytes_total))
