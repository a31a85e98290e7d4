"""Settings shared by every environment.

Values that differ between machines come from the environment
(DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG).
With nothing set the site runs on SQLite with the database search engine.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

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
    "csp",
]

MIDDLEWARE = [
    # /healthz answers before host checks and HTTPS redirects (website/health.py).
    "website.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "website.middleware.ContentSecurityPolicyMiddleware",
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
    # SQLite's write lock not had in time: 503 "busy, try again", not a 500.
    "website.busy.SiteBusyMiddleware",
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
    # while the worker writes a big import; IMMEDIATE transactions take the
    # write lock when they begin, so a member's write waits for the worker's
    # short transaction (busy timeout) instead of failing at once with
    # "database is locked" when it upgrades from reading. The wait stays below
    # gunicorn's 30 s worker timeout, so a waiting request is never killed.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # DATABASE_POOL_SIZE=N keeps up to N connections per process in psycopg's
    # pool (Django's OPTIONS["pool"]) instead of one persistent connection per
    # thread; worth it with threaded web workers. Mind the server's limit:
    # processes × N must stay below max_connections (or put PgBouncer between).
    pool_size = int(os.environ.get("DATABASE_POOL_SIZE", "0"))
    if pool_size:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them instead
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": pool_size,
            "timeout": 10,
        }
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
# Media (images, documents, uploaded chat exports waiting for the worker) on
# S3-compatible object storage when a bucket is named, so that every web
# process and every worker, on any machine, reads the same files. Credentials:
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, R2 …
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")  # a folder in the bucket
    # Wagtail's advice: never overwrite an existing file with a new one of the
    # same name (renditions and documents would silently change).
    AWS_S3_FILE_OVERWRITE = False
    # The bucket stays private; links to files are signed and expire, so a
    # private document's link stops working once shared too far.
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_QUERYSTRING_EXPIRE = int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600"))
    # Documents: Wagtail checks privacy, then redirects to a signed URL, so the
    # web process never streams big files. ("serve_view" would stream them
    # through Python; "direct" would link the bucket and skip the check.)
    WAGTAILDOCS_SERVE_METHOD = os.environ.get("WAGTAILDOCS_SERVE_METHOD", "redirect")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than files (forms, JSON) stay at Django's 2.5 MB; file
# uploads above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, never RAM.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Upload size limits (megabytes), refused with a message before anything is
# stored: chat exports (admin import), documents, images (Wagtail's setting).
CHENDIAN_MAX_CHAT_UPLOAD_MB = int(os.environ.get("CHENDIAN_MAX_CHAT_UPLOAD_MB", "500"))
CHENDIAN_MAX_DOCUMENT_UPLOAD_MB = int(
    os.environ.get("CHENDIAN_MAX_DOCUMENT_UPLOAD_MB", "50")
)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = (
    int(os.environ.get("CHENDIAN_MAX_IMAGE_UPLOAD_MB", "10")) * 1024 * 1024
)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "website.documents.DocumentForm"

# Content-Security-Policy (django-csp), defence in depth behind the escaping
# and the HTML cleaner. Public pages: scripts and styles only from our own
# static files (an inline script would need the request's nonce), nothing may
# frame them, no plugins, no <base> hijack. Frames are allowed from https for
# the live-share embed editors set.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# The Wagtail admin (website.middleware.ContentSecurityPolicyMiddleware uses
# this under the admin's URL): Wagtail 8 still writes inline scripts, inline
# style attributes and a same-origin preview frame, so scripts and styles may
# be inline there. Only signed-in staff reach it.
CHENDIAN_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "worker-src": [SELF, "blob:"],
    }
}
# Browser features no page of ours uses, switched off for us and any frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}

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

# One cache for every process (web workers and the task worker): import
# progress, rate-limit counts and settings lookups must agree across them.
# CACHE_URL=redis://[:password@]host:6379/0 (several comma separated: the first
# takes writes) uses Django's RedisCache, shared by every machine; without it,
# a folder on local disk (CACHE_LOCATION) shared by the processes of one machine.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_list("CACHE_URL"),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "chendian"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "CACHE_LOCATION", str(BASE_DIR / "var" / "cache")
            ),
            # Django's default (300) would soon cull rate-limit counts of a busy
            # evening; every write lists the folder, so not much more than this.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# A member's session is read from that cache on every page (written through to
# the database, so a cleared cache logs nobody out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

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
    "website.auth_backends.CommunityModelBackend",
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
# Every message passes website.mail first (one-line subjects), then goes to
# the backend EMAIL_BACKEND names.
EMAIL_BACKEND = "website.mail.SingleLineSubjectBackend"
CHENDIAN_EMAIL_DELIVERY_BACKEND = os.environ.get(
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
# A cluster: several nodes (comma separated in ELASTICSEARCH_URL), an API key
# or user:pass in the URL, a CA bundle; index shape; retries with backoff
# (search/engines/cluster.py).
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
CHENDIAN_SEARCH_SHARDS = int(os.environ.get("CHENDIAN_SEARCH_SHARDS", "1"))
CHENDIAN_SEARCH_REPLICAS = int(os.environ.get("CHENDIAN_SEARCH_REPLICAS", "1"))
CHENDIAN_SEARCH_RETRIES = int(os.environ.get("CHENDIAN_SEARCH_RETRIES", "3"))
CHENDIAN_SEARCH_BULK_TIMEOUT = float(
    os.environ.get("CHENDIAN_SEARCH_BULK_TIMEOUT", "120")
)
CHENDIAN_SEARCH_BULK_CHUNK = int(os.environ.get("CHENDIAN_SEARCH_BULK_CHUNK", "500"))

# Wagtail's own search (page explorer, choosers, snippet listings). On the
# database: modelsearch's backend with our Chinese folding and bigrams
# (search/wagtail_search.py). With ELASTICSEARCH_URL: Wagtail's Elasticsearch
# backend in its own index, every text field analysed like our cluster
# analyzer (cjk_width, lowercase, cjk_bigram; built-in parts only). For an
# OpenSearch cluster set WAGTAILSEARCH_ELASTICSEARCH_BACKEND to
# modelsearch.backends.opensearch2 (or 3) and install opensearch-py.
# After changing the backend, run "manage.py update_index" once.
CJK_ANALYZER = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get(
                "WAGTAILSEARCH_ELASTICSEARCH_BACKEND",
                "modelsearch.backends.elasticsearch8",
            ),
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{CHENDIAN_SEARCH_INDEX}_wagtail_",
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": CJK_ANALYZER,
                            "edgengram_analyzer": {
                                **CJK_ANALYZER,
                                "filter": [*CJK_ANALYZER["filter"], "edgengram"],
                            },
                        }
                    }
                }
            },
        }
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_search"}}
else:
    # The segmenting backend builds on modelsearch's SQLite one; on PostgreSQL
    # Wagtail's own database backend is used (not yet segmented: open work).
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }

# Chat sender keys are salted hashes of platform ids; set a stable salt so the
# keys survive a SECRET_KEY rotation.
CHENDIAN_CHAT_SENDER_SALT = os.environ.get("CHENDIAN_CHAT_SENDER_SALT", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
