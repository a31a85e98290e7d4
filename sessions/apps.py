from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    """Topic series, sharing sessions and their lifecycle.

    The label avoids a clash with ``django.contrib.sessions``.
    """

    name = "sessions"
    label = "community_sessions"
    verbose_name = _("Sharing sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .attendance import receivers as attendance_receivers
        from .community.conf import watch_community_settings
        from .community.published import watch_publishing

        watch_community_settings()
        attendance_receivers.connect()
        watch_publishing()
