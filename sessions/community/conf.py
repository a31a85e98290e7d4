"""Community-wide defaults, read without importing the host project.

The host project names a site-settings model in
``CHENDIAN_COMMUNITY_SETTINGS_MODEL`` (``"app_label.ModelName"``). The apps
read the fields they know about from it and fall back to the defaults below
for anything missing, so an app still works in a project without that model.

The settings object and the time zone are read on every request (a middleware
activates the zone, every page shows the name), so they come from Django's
cache (the zone keyed by the request's host and port, the object by site)
instead of a site lookup and a settings query each time. Saving or deleting
the settings model or a ``Site`` drops every cached zone and settings object at
once (a new generation), so an editor's change applies from the next request.
Several processes see it only if they share the cache.
"""

from __future__ import annotations

import hashlib
import zoneinfo
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost

from ..lifecycle import StageOffsets
from .published import current_generation, forget_now_and_on_commit

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_OFFSETS = StageOffsets()

TIMEZONE_CACHE_PREFIX = "chendian:community-timezone"
TIMEZONE_GENERATION_KEY = f"{TIMEZONE_CACHE_PREFIX}:generation"
# Entries of an old generation are never read again; they expire after this.
TIMEZONE_CACHE_SECONDS = 24 * 60 * 60


def _settings_model():
    model_name = getattr(settings, "CHENDIAN_COMMUNITY_SETTINGS_MODEL", "")
    return apps.get_model(model_name) if model_name else None


def community_settings(site=None, request=None):
    """The community settings object for a site or request, or None.

    Every page shows the community's name and needs its stage offsets, so the
    object comes from Django's cache (one entry per site, dropped with the
    cached time zones when the settings or a site change). For a request it
    is also remembered where Wagtail's ``{{ settings }}`` looks first, so the
    templates read the same object without a query.
    """
    model = _settings_model()
    if model is None:
        return None
    if request is not None:
        attr_name = model.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is None:  # no Wagtail site answers this host
            return None
        chosen = _cached_settings(model, site.pk, lambda: model.for_site(site))
        chosen._request = request  # as Wagtail's for_request: cheaper page URLs
        setattr(request, attr_name, chosen)
        return chosen
    if site is not None:
        return _cached_settings(model, site.pk, lambda: model.for_site(site))
    return _cached_settings(model, "default", lambda: _default_site_settings(model))


def community_name(request) -> str:
    """The community's name for feeds and calendars (never empty)."""
    chosen = community_settings(request=request)
    return getattr(chosen, "community_name", "") or "Chendian"


def _default_site_settings(model):
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return model.for_site(site) if site is not None else None


_MISSING = "missing"


def _cached_settings(model, site_key, load):
    key = f"{TIMEZONE_CACHE_PREFIX}:{timezone_generation()}:settings:{site_key}"
    chosen = cache.get(key)
    if chosen is None:
        chosen = load()
        cache.set(key, _MISSING if chosen is None else chosen, TIMEZONE_CACHE_SECONDS)
    return None if chosen == _MISSING else chosen


def community_timezone(site=None, request=None) -> zoneinfo.ZoneInfo:
    """The community's time zone for a request (cached) or a site."""
    if request is not None:
        return zoneinfo.ZoneInfo(request_timezone_name(request))
    return zoneinfo.ZoneInfo(timezone_name(community_settings(site)))


def timezone_name(chosen) -> str:
    """The time zone name of a settings object, or the default if unusable."""
    name = getattr(chosen, "timezone", "") or DEFAULT_TIMEZONE
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return name


def request_timezone_name(request) -> str:
    """``timezone_name`` of the request's site settings, from the cache.

    The site follows from the host and port alone (``Site.find_for_request``),
    so they key the cache; a miss looks the settings up as before.
    """
    if not getattr(settings, "CHENDIAN_COMMUNITY_SETTINGS_MODEL", ""):
        return DEFAULT_TIMEZONE
    try:
        host = request.get_host()
    except DisallowedHost:
        # Not ours to reject here: look it up, uncached, as Wagtail does.
        return timezone_name(community_settings(request=request))
    generation = timezone_generation()
    digest = hashlib.sha256(f"{host}|{request.get_port()}".encode()).hexdigest()
    key = f"{TIMEZONE_CACHE_PREFIX}:{generation}:{digest[:32]}"
    name = cache.get(key)
    if name is None:
        name = timezone_name(community_settings(request=request))
        cache.set(key, name, TIMEZONE_CACHE_SECONDS)
    return name


def timezone_generation() -> str:
    """The current generation of cached time zones; a new one after a change.

    Random, so a generation dropped from the cache (by ``forget_timezones`` or
    culling) never comes back, nor do the values cached under it.
    """
    return current_generation(TIMEZONE_GENERATION_KEY)


def forget_timezones(using=None, **kwargs):
    """Drop every cached request time zone (receiver for the settings model and
    ``Site``): now, and again when the saving transaction commits, since a
    request may have cached what the database held before the commit."""
    forget_now_and_on_commit(TIMEZONE_GENERATION_KEY, using=using)


def watch_community_settings():
    """Connect ``forget_timezones`` to saves and deletes of the settings model
    and of sites (which decide the site a host gets). Called once apps are ready."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site

    senders = [Site]
    model_name = getattr(settings, "CHENDIAN_COMMUNITY_SETTINGS_MODEL", "")
    if model_name:
        senders.append(apps.get_model(model_name))
    for sender in senders:
        post_save.connect(
            forget_timezones, sender=sender, dispatch_uid="chendian-timezones-saved"
        )
        post_delete.connect(
            forget_timezones, sender=sender, dispatch_uid="chendian-timezones-deleted"
        )


def default_offsets(site=None, request=None) -> StageOffsets:
    """Site-wide stage offsets, falling back to the built-in defaults."""
    chosen = community_settings(site, request)
    if chosen is None:
        return DEFAULT_OFFSETS
    return StageOffsets(
        announce_before=timedelta(days=chosen.announce_days_before),
        questions_before=timedelta(days=chosen.questions_days_before),
        warmup_before=timedelta(hours=chosen.warmup_hours_before),
    )
