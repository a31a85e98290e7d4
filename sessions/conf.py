"""Community-wide defaults, read without importing the host project.

The host project names a site-settings model in
``CHENDIAN_COMMUNITY_SETTINGS_MODEL`` (``"app_label.ModelName"``). The apps
read the fields they know about from it and fall back to the defaults below
for anything missing, so an app still works in a project without that model.
"""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.apps import apps
from django.conf import settings

from .lifecycle import StageOffsets

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_OFFSETS = StageOffsets()


def community_settings(site=None, request=None):
    """The community settings object for a site or request, or None."""
    model_name = getattr(settings, "CHENDIAN_COMMUNITY_SETTINGS_MODEL", "")
    if not model_name:
        return None
    model = apps.get_model(model_name)
    if request is not None:
        return model.for_request(request)
    if site is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
    return model.for_site(site)


def community_timezone(site=None, request=None) -> zoneinfo.ZoneInfo:
    chosen = (
        getattr(community_settings(site, request), "timezone", "") or DEFAULT_TIMEZONE
    )
    try:
        return zoneinfo.ZoneInfo(chosen)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)


def default_offsets(site=None) -> StageOffsets:
    """Site-wide stage offsets, falling back to the built-in defaults."""
    chosen = community_settings(site)
    if chosen is None:
        return DEFAULT_OFFSETS
    return StageOffsets(
        announce_before=timedelta(days=chosen.announce_days_before),
        questions_before=timedelta(days=chosen.questions_days_before),
        warmup_before=timedelta(hours=chosen.warmup_hours_before),
    )
