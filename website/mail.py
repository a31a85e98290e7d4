"""The mail backend every message goes through: subjects become one line.

A subject with a line break makes Django refuse the whole message
(BadHeaderError). Subjects are built from what people typed (Wagtail's
workflow notifications carry the page title), so they are flattened here,
in one place, before the real backend (CHENDIAN_EMAIL_DELIVERY_BACKEND)
sends them. Wagtail itself logs a notification that still fails and goes
on, so the action that triggered it (a post submission) is never lost.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

from sessions.community.text import mail_subject


class SingleLineSubjectBackend(BaseEmailBackend):
    """Flattens and caps each subject, then hands the message on."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(
            settings.CHENDIAN_EMAIL_DELIVERY_BACKEND,
            fail_silently=fail_silently,
            **kwargs,
        )

    def open(self):
        return self.delivery.open()

    def close(self):
        return self.delivery.close()

    def send_messages(self, email_messages):
        for message in email_messages:
            message.subject = mail_subject(str(message.subject))
        return self.delivery.send_messages(email_messages)
