"""Local development: debug on, a fixed insecure key, mail to the console."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-not-for-production"  # noqa: F405, S105
CHENDIAN_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
