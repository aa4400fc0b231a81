"""The one settings module of the KH&CN platform.

Every value that differs between a developer's laptop, the test suite and production comes from
an environment variable read through the small typed helpers below (the Healthchecks pattern).
Development defaults are safe and need no services: SQLite in the project folder, console e-mail,
DEBUG on. Production (``KHCN_ENV=production``) refuses to start with DEBUG on, the demo secret key
or demo passwords enabled: see ``_check_production`` at the bottom.
"""

from __future__ import annotations

import os
from datetime import timedelta
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Our apps: one per domain noun, plus core plumbing; listed bottom layer first
    # (docs/architecture.md).
    "core",
    "accounts",
    "audit",
    "orgunits",
    "documents",
    "organisations",
    "plans",
    "imports",
    "reporting",
    "notifications",
    "reminders",
    "monitoring",
    "indicators",
    "projects",
    "market",
    "ip",
    "events",
    "experts",
    "cooperation",
    "reviews",
    "supervision",
    "portal",
    # Above every domain app: the start page and the demo dataset read them all.
    "home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Finished public portal pages for visitors without a session, before the session, auth
    # and the database are touched (portal/pagecache.py); everything else passes through.
    "portal.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "khcn.security.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "khcn.replica.ReplicaMiddleware",
    # A fresh idempotency key in every POST form of a page (core/idempotency.py).
    "core.idempotency.SubmissionKeyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "khcn.urls"
# A refused CSRF check gets the platform's own 403 page, in the user's language.
CSRF_FAILURE_VIEW = "khcn.error_pages.csrf_failure"
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
# In production a connection is kept for a minute (checked before reuse): opening one per
# request costs PostgreSQL a new backend process and its catalogue caches on every page.
DB_CONN_MAX_AGE = envint("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0)
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=DB_CONN_MAX_AGE,
        conn_health_checks=DB_CONN_MAX_AGE > 0,
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
# A PostgreSQL streaming replica for the heavy read-only pages (khcn/replica.py): dashboards,
# compiled reports and exports read there when DATABASE_REPLICA_URL is set.
if envstr("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        envstr("DATABASE_REPLICA_URL"),
        conn_max_age=DB_CONN_MAX_AGE,
        conn_health_checks=DB_CONN_MAX_AGE > 0,
    )
    # The test suite does not build a second database: the replica is the same one.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["khcn.replica.ReplicaRouter"]
REPLICA_URL_NAMES = [
    "monitoring:*",
    "reviews:list",
    "reviews:plan_reviews",
    "reviews:detail",
    "reviews:versions",
    "*:export",
    "*:export_*",
]
# After a write, the same browser reads from the primary this long (replication lag margin).
REPLICA_PIN_SECONDS = envint("REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The dashboard's covering indexes (reporting models' Meta) carry INCLUDE columns, which only
# PostgreSQL stores; SQLite builds them without, as intended, so its warning is noise.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# django-axes first: it refuses a sign-in while the account or the address is locked out.
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend", "accounts.backends.KhcnBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in throttling (django-axes, docs/decisions/hardening-libraries.md): after
# LOGIN_FAILURE_LIMIT failed attempts for one account, or from one address, further attempts
# are refused for LOGIN_LOCKOUT_MINUTES. The address is the client's, not the proxy's
# (khcn.security.client_ip reads X-Real-IP when BEHIND_PROXY is on). Offices behind one NAT can
# be listed in LOGIN_NEVER_LOCKOUT_IPS so one person's typos do not lock out the whole office
# by address (their accounts still lock individually).
BEHIND_PROXY = envbool("BEHIND_PROXY", PRODUCTION)
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "khcn.security.client_ip"
AXES_NEVER_LOCKOUT_WHITELIST = bool(envlist("LOGIN_NEVER_LOCKOUT_IPS"))
AXES_IP_WHITELIST = envlist("LOGIN_NEVER_LOCKOUT_IPS") or None
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# Personal API tokens expire; a new one is issued from the profile page (accounts.tokens).
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", 90)
# Time-based one-time passwords (django-otp, optional second factor): the issuer name shown in
# the authenticator app, and how long a half-finished two-step sign-in stays valid.
OTP_TOTP_ISSUER = envstr("OTP_TOTP_ISSUER", "KH&CN")
OTP_LOGIN_TIMEOUT_SECONDS = 300

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
# Where the file-based e-mail backend (checks, staging) writes each message.
EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "KH&CN <khcn@localhost>")
# Absolute links in e-mails.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

# Reminders (đôn đốc), see reminders/schedule.py: days before the due date, the overdue
# repeat interval, when automatic reminders stop, and the local times the daily jobs run.
REMINDER_DAYS_BEFORE = [int(d) for d in envlist("REMINDER_DAYS_BEFORE", "7,1")]
REMINDER_OVERDUE_EVERY_DAYS = envint("REMINDER_OVERDUE_EVERY_DAYS", 3)
REMINDER_OVERDUE_STOP_AFTER_DAYS = envint("REMINDER_OVERDUE_STOP_AFTER_DAYS", 90)
REMINDER_SEND_AT = envstr("REMINDER_SEND_AT", "07:00")
# Supervision recommendations unanswered this many days after their deadline go to the unit's
# leaders and the Front (first), then to the leaders of the unit above (second); sent with the
# morning reminders (supervision.escalation).
SUPERVISION_ESCALATION_DAYS = (
    envint("SUPERVISION_ESCALATE_LEADER_AFTER_DAYS", 1),
    envint("SUPERVISION_ESCALATE_SUPERIOR_AFTER_DAYS", 15),
)
# The reporting calendar opens each schedule's current rounds (reporting.actions), before
# the reminders of the day.
ROUNDS_OPEN_AT = envstr("ROUNDS_OPEN_AT", "06:00")
DIGEST_SEND_AT = envstr("DIGEST_SEND_AT", "17:00")
# Yearly "report the application of your results" reminders of S&T projects (projects app):
# after the working day, so they never crowd the morning's reporting reminders.
PROJECT_REMINDER_SEND_AT = envstr("PROJECT_REMINDER_SEND_AT", "19:00")

# Brokers of the technology market are reminded of waiting connection requests (market app)
# early in the afternoon, apart from the morning's reporting reminders.
MARKET_BROKER_REMINDER_AT = envstr("MARKET_BROKER_REMINDER_AT", "13:30")

# Background work (notifications.leases, notifications.outbox): a running task holds a lease
# its worker renews every TASK_HEARTBEAT_SECONDS; a task whose lease has not been renewed for
# TASK_LEASE_SECONDS (worker killed) goes back to the queue, at most TASK_MAX_ATTEMPTS runs in
# all, then it is marked failed. Outbox e-mails are retried with back-off up to
# OUTBOX_MAX_ATTEMPTS; a sender holds a message OUTBOX_CLAIM_SECONDS.
TASK_LEASE_SECONDS = envint("TASK_LEASE_SECONDS", 120)
TASK_HEARTBEAT_SECONDS = envint("TASK_HEARTBEAT_SECONDS", 15)
TASK_MAX_ATTEMPTS = envint("TASK_MAX_ATTEMPTS", 3)
OUTBOX_MAX_ATTEMPTS = envint("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_CLAIM_SECONDS = envint("OUTBOX_CLAIM_SECONDS", 300)
# The daily housekeeping job (notifications.tasks.housekeeping_task): submission keys
# (core.idempotency) are kept this many days, sent outbox e-mails OUTBOX_KEEP_DAYS.
HOUSEKEEPING_AT = envstr("HOUSEKEEPING_AT", "23:30")
SUBMISSION_KEY_KEEP_DAYS = envint("SUBMISSION_KEY_KEEP_DAYS", 2)
OUTBOX_KEEP_DAYS = envint("OUTBOX_KEEP_DAYS", 30)
# Finished background task results (django_tasks_db): kept this many days, then deleted.
TASK_RESULTS_KEEP_DAYS = envint("TASK_RESULTS_KEEP_DAYS", 14)
# Test hook only (the crash test): a reminder run pauses for an hour after this many
# deliveries, so the test can kill its worker half-way. 0 (always in production) = off.
TEST_PAUSE_AFTER_DELIVERIES = envint("KHCN_TEST_PAUSE_AFTER_DELIVERIES", 0)

TASKS = {
    "default": {
        # Tests run background work eagerly; everywhere else a `db_worker` process picks it up.
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# The all-years dashboard (monitoring/queries/cache.py): a recomputation that took longer than
# MONITORING_SYNC_MS is done by the worker while the last figures are served, marked with
# their time, if they are at most MONITORING_STALE_SECONDS old.
MONITORING_SYNC_MS = envint("MONITORING_SYNC_MS", 150)
MONITORING_STALE_SECONDS = envint("MONITORING_STALE_SECONDS", 300)
# Each morning, after the rounds open, the worker recomputes the expensive all-years views
# opened in the last MONITORING_WARM_DAYS days, so nobody's first view of the day waits.
DASHBOARD_WARM_AT = envstr("DASHBOARD_WARM_AT", "06:30")
MONITORING_WARM_DAYS = envint("MONITORING_WARM_DAYS", 7)

# The most rows one API page may hold, whatever ?page_size= asks for.
API_MAX_PAGE_SIZE = envint("API_MAX_PAGE_SIZE", 500)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated API call answers 401 with WWW-Authenticate.
        # Tokens are stored hashed, with an expiry (accounts.tokens).
        "accounts.tokens.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Rate limits per signed-in user and per anonymous address, counted in the shared cache
    # (CACHES below), so every app node counts the same requests. A deadline-day reporter
    # makes a few requests a minute; a script pulling data gets far more than it needs.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": envstr("API_RATE_ANON", "60/min"),
        "user": envstr("API_RATE_USER", "1200/min"),
    },
    "NUM_PROXIES": 1 if BEHIND_PROXY else None,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # ?page_size= is honoured up to API_MAX_PAGE_SIZE (core/pagination.py).
    "DEFAULT_PAGINATION_CLASS": "core.pagination.CappedPageNumberPagination",
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
        # Several registries name a choice field "status" or "field": one enum name each.
        "ReportStatusEnum": "reporting.models.ReportStatus",
        "IssueStatusEnum": "reporting.models.IssueStatus",
        "ProjectStatusEnum": "projects.models.Status",
        "AgreementStatusEnum": "cooperation.models.AgreementStatus",
        "ListingStatusEnum": "market.models.ListingStatus",
        "ConnectionStatusEnum": "market.models.ConnectionStatus",
        "MarketFieldEnum": "market.models.Field",
        "ExpertFieldEnum": "experts.models.Field",
    },
}

# The API description: public in development, for signed-in users only in production
# (khcn.security.docs_view).
API_DOCS_PUBLIC = envbool("API_DOCS_PUBLIC", not PRODUCTION)

# Content-Security-Policy (django-csp): the app loads nothing from elsewhere and runs no inline
# script (page scripts live in static files). Style attributes stay allowed (progress bars and
# tree indents set a width); style elements and every script must come from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (khcn.security): no page needs a camera, microphone, location, payment…
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# App nodes keep no state of their own: sessions live in the database (Django's default
# backend) and the cache - API rate-limit counters - in a database table (created by the
# accounts migration 0003), so any node can answer any request. CACHE_BACKEND=locmem keeps it
# in process memory (a single-process development server).
if envstr("CACHE_BACKEND", "db") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "khcn_cache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
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
    if TEST_PAUSE_AFTER_DELIVERIES:
        problems.append("KHCN_TEST_PAUSE_AFTER_DELIVERIES is a test hook")
    if problems:
        raise ImproperlyConfigured("Production settings refused: " + "; ".join(problems))


_check_production()
