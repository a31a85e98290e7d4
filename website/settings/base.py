"""Settings shared by every environment.

Values that differ between machines come from the environment
(DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG).
With nothing set the site runs on SQLite with the database search engine.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "sessions.apps.SessionsConfig",
    "knowledge",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.middleware.CommunityLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "website.middleware.CommunityTimezoneMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker share the file. WAL lets pages be read
    # while the worker writes a big import; IMMEDIATE transactions wait for the
    # write lock (up to the timeout) instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface: Simplified Chinese first, English available.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The project's own catalog first (makemessages writes there), then what
# Wagtail's zh_Hans catalog lacks for the admin screens.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "website" / "locale_overrides"]
USE_I18N = True
# Stored in UTC, shown in the community's time zone (CommunitySettings.timezone,
# activated per request by CommunityTimezoneMiddleware).
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (chat imports, search indexing) is queued in the database
# and run by `python manage.py db_worker` (run_demo starts one), so a big
# upload never holds up a request. TASKS_BACKEND=
# django_tasks.backends.immediate.ImmediateBackend runs it inside the request
# instead, for a site that cannot run a second process.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# One cache for every process on the machine (web workers and the task
# worker): import progress, rate-limit counts and settings lookups must agree
# across them. CACHE_LOCATION moves it; a bigger site can point CACHES at Redis.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_LOCATION", str(BASE_DIR / "var" / "cache")),
        # Django's default (300) would soon cull rate-limit counts of a busy
        # evening; every write lists the folder, so not much more than this.
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

WAGTAIL_SITE_NAME = "沉淀 Chendian"
# Nothing in the admin loads from another host: Gravatar and Wagtail's release
# feed are slow or blocked in mainland China and added 1–2 s to admin pages.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Tags typed with "，、；" or spaces are separate tags, on the site and in the
# admin (where Wagtail's tag widget then splits on spaces as one types).
TAGGIT_TAGS_FROM_STRING = "sessions.community.tags.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "sessions.community.tags.string_from_tags"
TAG_SPACES_ALLOWED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Member accounts (django-allauth): log in with user name or email. No email
# verification: many small communities run without a mail server, and entry
# is gated by invite codes or approval instead (CommunitySettings.member_entry).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
# E-mail is optional: many communities have no mail server, and invite codes
# gate entry anyway (without one, a forgotten password needs an organiser).
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_FORMS = {"signup": "knowledge.members.accounts.MemberSignupForm"}
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
# Password-reset mail: printed to the console unless a mail server is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")


def member_page_url(user):
    from django.urls import reverse

    return reverse("knowledge:member", args=[user.pk])


# An account's absolute URL is its public member page (knowledge app).
ABSOLUTE_URL_OVERRIDES = {"auth.user": member_page_url}

# CommunitySettings is the site setting the apps read their community-wide
# defaults from, by name, so that they never import this project.
CHENDIAN_COMMUNITY_SETTINGS_MODEL = "website.CommunitySettings"

# Search: Elasticsearch/OpenSearch when ELASTICSEARCH_URL is set, else the
# database engine.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
CHENDIAN_SEARCH_INDEX = os.environ.get("CHENDIAN_SEARCH_INDEX", "chendian")

# Chat sender keys are salted hashes of platform ids; set a stable salt so the
# keys survive a SECRET_KEY rotation.
CHENDIAN_CHAT_SENDER_SALT = os.environ.get("CHENDIAN_CHAT_SENDER_SALT", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
