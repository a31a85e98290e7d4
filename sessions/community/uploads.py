"""Upload size limits, checked in the form before an upload is stored.

Limits are settings in megabytes (``CHENDIAN_MAX_CHAT_UPLOAD_MB``,
``CHENDIAN_MAX_DOCUMENT_UPLOAD_MB``; images use Wagtail's own
``WAGTAILIMAGES_MAX_UPLOAD_SIZE``). Django has already streamed the upload to
a temporary file by then; what the limit protects is storage and the work an
upload causes (a chat import reads every byte).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_LIMITS_MB = {
    "CHENDIAN_MAX_CHAT_UPLOAD_MB": 500,  # a year of a busy group, with room to spare
    "CHENDIAN_MAX_DOCUMENT_UPLOAD_MB": 50,
}


def upload_limit_bytes(setting: str) -> int:
    megabytes = getattr(settings, setting, DEFAULT_LIMITS_MB[setting])
    return int(megabytes * 1024 * 1024)


def validate_upload_size(file, *, setting: str) -> None:
    """Refuse ``file`` when it is larger than the limit ``setting`` names."""
    limit = upload_limit_bytes(setting)
    if file is not None and file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
