"""The one settings module of the KH&CN platform.

Every value that differs between a developer's laptop, the test suite and production comes from
an environment variable read through the small typed helpers below (the Healthchecks pattern).
Development defaults are safe and need no services: SQLite in the project folder, console e-mail,
DEBUG on. Production (``KHCN_ENV=production``) refuses to start with DEBUG on, the demo secret key
or demo passwords enabled: see ``_check_production`` at the bottom.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - refused in production below


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def envsecret(name: str, default: str = "") -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


KHCN_ENV = envstr("KHCN_ENV", "development")  # development | test | production
PRODUCTION = KHCN_ENV == "production"

SECRET_KEY = envsecret("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = envbool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
# The demo accounts have published passwords; production must never accept them.
DEMO_ACCOUNTS_ENABLED = envbool("DEMO_ACCOUNTS_ENABLED", not PRODUCTION)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # Our apps: one per domain noun, plus core plumbing; listed bottom layer first
    # (docs/architecture.md).
    "core",
    "accounts",
    "audit",
    "orgunits",
    "documents",
    "plans",
    "imports",
    "reporting",
    "notifications",
    "reminders",
    "monitoring",
    "indicators",
    "reviews",
    # Above every domain app: the start page and the demo dataset read them all.
    "home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A fresh idempotency key in every POST form of a page (core/idempotency.py).
    "core.idempotency.SubmissionKeyMiddleware",
]

ROOT_URLCONF = "khcn.urls"
WSGI_APPLICATION = "khcn.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL (psycopg 3) in production and
# in the PostgreSQL half of the test suite.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background worker write while the web process reads. Transactions start
    # IMMEDIATE (they take the write lock at BEGIN, and wait for it up to `timeout` seconds):
    # with SQLite's default DEFERRED, two transactions that both read and then write deadlock
    # and one fails at once with "database is locked" (a 500), whatever the busy timeout.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # The test database is a file, not Django's default in-memory database: the browser tests'
    # live server answers from several threads, and an in-memory database would make them share
    # one SQLite connection, which can deadlock when a page fetches data while it loads.
    DATABASES["default"]["TEST"] = {
        "NAME": envstr("TEST_SQLITE_PATH", str(BASE_DIR / ".test-db.sqlite3"))
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The dashboard's covering indexes (reporting models' Meta) carry INCLUDE columns, which only
# PostgreSQL stores; SQLite builds them without, as intended, so its warning is noise.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = ["accounts.backends.KhcnBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Vietnamese first, English second. Dates are always dd/mm/yyyy, whatever the language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["khcn.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Where no language is active (translation.deactivate_all), formats.date_format reads these.
DATE_FORMAT = SHORT_DATE_FORMAT = "d/m/Y"

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Front-end libraries come from the npm registry at setup (`make assets` copies them here); never
# from a CDN, since government intranets are often offline.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
# MEDIA is never served by URL; scoped views hand files over (core.files.serve_file). Behind
# nginx set this to the prefix of an `internal` location aliasing MEDIA_ROOT (e.g.
# "/protected-media/", docs/deployment.md): the view answers X-Accel-Redirect and nginx streams
# the bytes. Empty: the view streams the file itself (FileResponse).
PROTECTED_MEDIA_ACCEL_PREFIX = envstr("PROTECTED_MEDIA_ACCEL_PREFIX", "")
# Uploads above this size are refused with a clear message before they reach a parser.
MAX_UPLOAD_BYTES = envint("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "KH&CN <khcn@localhost>")
# Absolute links in e-mails.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

# Reminders (đôn đốc), see reminders/schedule.py: days before the due date, the overdue
# repeat interval, when automatic reminders stop, and the local times the daily jobs run.
REMINDER_DAYS_BEFORE = [int(d) for d in envlist("REMINDER_DAYS_BEFORE", "7,1")]
REMINDER_OVERDUE_EVERY_DAYS = envint("REMINDER_OVERDUE_EVERY_DAYS", 3)
REMINDER_OVERDUE_STOP_AFTER_DAYS = envint("REMINDER_OVERDUE_STOP_AFTER_DAYS", 90)
REMINDER_SEND_AT = envstr("REMINDER_SEND_AT", "07:00")
DIGEST_SEND_AT = envstr("DIGEST_SEND_AT", "17:00")

TASKS = {
    "default": {
        # Tests run background work eagerly; everywhere else a `db_worker` process picks it up.
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated API call answers 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    # django-filter whose object filters choose among visible objects only (core/api_filters.py).
    "DEFAULT_FILTER_BACKENDS": ["core.api_filters.ScopedFilterBackend"],
    # Action errors → 404 / 409 / 400 in one place (core/api.py).
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KH&CN API",
    "DESCRIPTION": "Theo dõi thực hiện kế hoạch phát triển khoa học và công nghệ.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI assets are served from the installed sidecar package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "plans.models.PlanStatus",
        "TaskStatusEnum": "plans.models.TaskStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_HTTPONLY = True
    X_FRAME_OPTIONS = "DENY"


def _check_production() -> None:
    """Fail fast rather than run a public server with development shortcuts."""
    if not PRODUCTION:
        return
    problems = []
    if DEBUG:
        problems.append("DEBUG must be off")
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a long random value")
    if DEMO_ACCOUNTS_ENABLED:
        problems.append("DEMO_ACCOUNTS_ENABLED must be off")
    if problems:
        raise ImproperlyConfigured("Production settings refused: " + "; ".join(problems))


_check_production()
