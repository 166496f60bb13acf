"""Settings shared by every environment of the reference site.

Everything that differs between machines comes from the environment, so the same code runs on a
laptop (SQLite, console e-mail) and in production (PostgreSQL, Redis, SMTP).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A citizen's question refused by the CSRF check comes back with its text (see the extension).
CSRF_FAILURE_VIEW = "onlinetalk.questions.views.csrf_failure"

INSTALLED_APPS = [
    "portal.accounts",
    "portal.images",
    "home",
    "search",
    "onlinetalk",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
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
    "django_q",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a form or the database: a form in another charset than UTF-8 is read
    # as what it declares, a database that is down answers 503 and keeps a question being sent.
    "onlinetalk.middleware.FormCharsetMiddleware",
    "onlinetalk.middleware.DatabaseUnavailableMiddleware",
    "portal.middleware.AdminNulParameterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "onlinetalk.request_memo.RequestMemoMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Wagtail's site history for the Office only; everyone else reads the scoped audit report.
    "onlinetalk.audit.middleware.SiteHistoryForTheOfficeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "home.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# DATABASE_URL picks the database: a SQLite file by default, any PostgreSQL URL in production.
DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL (as an unset variable in a deployment template gives) means unset.
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# A database that is down or hung must fail a request within seconds (the site then answers 503,
# see onlinetalk.middleware), not hold every worker for minutes.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))  # seconds
# 0 turns the statement timeout off (e.g. for a long migration: run it with the variable at 0).
DATABASE_STATEMENT_TIMEOUT_MS = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "15000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    # Options in DATABASE_URL's query string win over these defaults.
    # connect_timeout bounds the whole connection, also to a server that accepts and never
    # answers (the kernel acknowledges the packets, so only this timeout ends the wait).
    database_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    # The server cancels a statement that runs longer (a lock wait, a runaway query).
    database_options.setdefault("options", f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}")
    # A server that vanishes mid-query (network cut, host down) answers nothing at all: sent data
    # unacknowledged for this long, or an idle connection without keepalive answers, fails.
    database_options.setdefault("tcp_user_timeout", 10_000)  # milliseconds
    database_options.setdefault("keepalives", 1)
    database_options.setdefault("keepalives_idle", 10)
    database_options.setdefault("keepalives_interval", 5)
    database_options.setdefault("keepalives_count", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    # A writer takes the database lock at BEGIN: concurrent submissions queue instead of failing
    # with "database is locked" and cannot both pass a rate limit.
    database_options["transaction_mode"] = "IMMEDIATE"
    # How long a writer queues for the lock before "database is locked" (then a 503): as long
    # as a statement may run on PostgreSQL, and SQLite's own 5 s when that is turned off.
    database_options.setdefault("timeout", DATABASE_STATEMENT_TIMEOUT_MS / 1000 or 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
WAGTAILIMAGES_IMAGE_MODEL = "images.PortalImage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Chinese is the default at /, English at /en/ (wagtail-localize).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A shared cache when REDIS_URL is set (several web nodes), else one per process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "minsheng",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down: a cache miss, not an error (the live poll then reads the database).
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# E-mail: console by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "minsheng-online@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "珠海市人民政府门户网站")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Chinese search: the database backend with the query segmented like the index
# (onlinetalk/segmentation/); the english configuration stems English words on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "onlinetalk.segmentation.backend", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"],
    *["mp4", "webm", "vtt"],  # recorded sessions and their captions
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 2 * 1024 * 1024 * 1024  # a recorded hour of video
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# The portal around the column: shown in the header and footer (settings, not content).
PORTAL_NAME = os.environ.get("PORTAL_NAME", _("Zhuhai Municipal People's Government"))
PORTAL_ORGANISER = os.environ.get(
    "PORTAL_ORGANISER", _("General Office of the Zhuhai Municipal People's Government")
)
PORTAL_SITE_CODE = os.environ.get("PORTAL_SITE_CODE", "4404000012")
PORTAL_ICP_NUMBER = os.environ.get("PORTAL_ICP_NUMBER", "")

# Minsheng Online (the extension): the reference site's base template wraps its pages.
ONLINETALK_BASE_TEMPLATE = "base.html"
# Behind the documented TLS proxy every request comes from the proxy's address: with 1 here the
# address the proxy appended to X-Forwarded-For is the citizen's (rate limits per address).
ONLINETALK_TRUSTED_PROXY_COUNT = int(os.environ.get("ONLINETALK_TRUSTED_PROXY_COUNT", "0"))

# django-q2: the ORM broker gives delivery receipts with no extra service. A task's timeout is
# shorter than the retry interval so a slow task is never started twice while still running.
Q_CLUSTER = {
    "name": "minsheng",
    "orm": "default",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 240,
    "retry": 300,
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 500,
    "label": "任务队列",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks and publish events are chatty at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
