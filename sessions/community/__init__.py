"""Community-wide infrastructure that every Chendian app shares.

This is the one documented place for what is not a feature of its own:

- ``conf``: the community's settings (time zone, stage offsets), read from the
  host's site-settings model named in ``CHENDIAN_COMMUNITY_SETTINGS_MODEL``
  with built-in defaults when there is none;
- ``limits``: per-member rate limits on what members write;
- ``signals``: ``member_activity``, sent when a member does something worth
  counting.

It sits inside ``sessions`` because ``sessions`` is the base app the others
build on (apps above it may use ``sessions``; ``search`` uses neither), so
every app that needs it already depends on this package. It imports no
feature module of ``sessions`` except the pure ``lifecycle`` value types.
"""
