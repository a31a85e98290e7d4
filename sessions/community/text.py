"""Single-line text: what members and editors type into titles and names.

Decision: a single-line field refuses control characters and line breaks
with a message (rather than silently mending them), so what a member sees
after saving is what they typed. Text that still carries them (stored before
this rule, or set in code) is flattened wherever it goes into a mail header:
``mail_subject``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Longest subject we send; mail clients cut long subjects anyway.
MAIL_SUBJECT_MAX = 150

# Every control character (Unicode category Cc: C0 and C1, tab and newlines
# included) and the Unicode line and paragraph separators.
_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_single_line(value: str) -> None:
    """Refuse line breaks, tabs and other control characters."""
    if value and _BREAKING.search(value):
        raise ValidationError(
            _("Use a single line: no line breaks, tabs or control characters."),
            code="single_line",
        )


def single_line(value: str) -> str:
    """``value`` with every run of control characters and breaks as one space."""
    return " ".join(_BREAKING.sub(" ", value or "").split())


def mail_subject(value: str, *, max_length: int = MAIL_SUBJECT_MAX) -> str:
    """A subject Django's mail accepts: one line, trimmed to ``max_length``."""
    subject = single_line(value)
    if len(subject) > max_length:
        subject = subject[: max_length - 1].rstrip() + "…"
    return subject
