"""Settings shared by every environment, read from environment variables.

The embedded default (no variable set) is SQLite with background jobs run
in-process, so ``make run`` works on a machine with no service running.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-dev-only-thidua-0b1f3c9e5a7d4e2f8c6b"
)
# Off unless set: `make run` sets DEBUG=1 for the development server; nothing else turns it on.
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "units",
    "documents",
    "documents.signing",
    "campaigns",
    "awards",
    "thidua",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "units.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thidua.middleware.NoStoreForSignedInMiddleware",
    "thidua.middleware.RejectNulInQueryMiddleware",
    "units.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "thidua.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers. A transaction that reads, then writes (a vote checks the ballot box,
    # then inserts) fails at once with "database is locked" when it began DEFERRED: SQLite cannot
    # upgrade its read lock while another writer waits, and no busy timeout helps. So every
    # transaction takes the write lock when it begins (IMMEDIATE) and waits for it up to
    # SQLITE_BUSY_TIMEOUT seconds; WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "units.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "units.backends.UnitModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "units.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "units.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "units.validators.CommonPasswordValidator"},
    {"NAME": "units.validators.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = None  # show registration/logged_out.html

# Sessions: 15 minutes idle (Vietnamese guidance for important data), 12 hours absolute.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(15 * 60)))
SESSION_SAVE_EVERY_REQUEST = False  # units.middleware.SessionLifetimeMiddleware renews an active session once a minute
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# The client's address behind TRUSTED_PROXY_COUNT reverse proxies (common/clientip.py): 1 behind nginx.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# django-axes: lock a username *from one address* after repeated failures (counted in the database,
# which every process shares). Not by username alone: anyone could then lock a council member out
# during a vote by typing wrong passwords for them. Not by address alone: a Sở's staff share one NAT
# address, so an address lock would shut out the whole office.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "common.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Password reset (thidua/accounts.py): requests per hour per client address and per e-mail address,
# and the least time an answer takes, whether or not the address has an account.
PASSWORD_RESET_LIMITS = {
    "address": int(os.environ.get("PASSWORD_RESET_PER_ADDRESS", "10")),
    "email": int(os.environ.get("PASSWORD_RESET_PER_EMAIL", "3")),
}
PASSWORD_RESET_MIN_SECONDS = float(os.environ.get("PASSWORD_RESET_MIN_SECONDS", "1.0"))

# Locale: Vietnamese text, Vietnamese numbers (38.300 and 8,2), dates as dd/mm/yyyy.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]
# Grouping is applied where a number is shown (|intcomma, |floatformat:"1g"), never to ids or years.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: the console in development; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua <no-reply@thidua.local>")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a mail server that hangs does not hold a worker



def cache_settings() -> dict:
    """One cache for every process, so rate limits and throttles count once: Redis from CACHE_URL
    (or REDIS_URL), else the broker's Redis; local memory only in the embedded default."""
    url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not url and broker.startswith(("redis://", "rediss://")):
        url = broker
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "thidua",
                # A cache outage must not hang a request: callers treat errors as "not counted".
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thidua"}}


CACHES = cache_settings()

# Celery: a broker when CELERY_BROKER_URL is set; otherwise tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
# In-process mode still opens a producer for task signals: give it the in-memory transport.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# WeasyPrint keeps about 0.25 MiB per render in a worker process: a process is replaced after this many
# tasks, or once its resident memory passes this many KiB after a task, so a worker stays under 300 MiB
# through thousands of certificates (issue 13).
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "200"))
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_MEMORY_PER_CHILD", str(250 * 1024)))
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the longest task, so a slow render is not redelivered mid-run.
    "visibility_timeout": 3600,
    "max_retries": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    "pdf-sweep": {"task": "documents.tasks.pdf_sweep", "schedule": float(os.environ.get("PDF_SWEEP_SECONDS", "30"))},
    "campaign-reminders": {"task": "campaigns.tasks.send_reminders", "schedule": 3600.0},
    "notification-email-sweep": {"task": "units.tasks.notification_email_sweep", "schedule": 120.0},
}

# Security headers that apply everywhere; production.py adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
    },
}

# Official documents: certificate paper size (Nghị định 50/2006/NĐ-CP Art 28, historical; the value is a setting).
THIDUA_CERTIFICATE_PAGE_SIZE = os.environ.get("THIDUA_CERTIFICATE_PAGE_SIZE", "400mm 300mm")
# PDF jobs: a run holds its job under a lease renewed by a heartbeat (a third of the lease); a dead
# worker's job is taken over once its lease expires. Pending jobs sent longer ago than
# PDF_JOB_STALE_MINUTES are sent again (all of them at once after the broker lost its data).
PDF_JOB_LEASE_SECONDS = int(os.environ.get("PDF_JOB_LEASE_SECONDS", "30"))
PDF_JOB_STALE_MINUTES = int(os.environ.get("PDF_JOB_STALE_MINUTES", "5"))

# Excel imports (common/excel.py): the upload's bytes, its bytes once unpacked, distinct text cells,
# data rows, columns, characters in one cell. Beyond any of them the file is refused before parsing
# (or at the row that breaks it), so a zip bomb or a giant cell costs neither memory nor time.
IMPORT_LIMITS = {
    "bytes": int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024))),
    "unpacked": int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", str(10 * 1024 * 1024))),
    "strings": 50_000,
    "rows": int(os.environ.get("IMPORT_MAX_ROWS", "5000")),
    "columns": 50,
    "cell": 2000,
}

# Campaigns: evidence upload cap (bytes).
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))

# Digital signatures (docs/signatures.md). With nothing set, `make run` makes a demo CA under var/.
THIDUA_PUBLIC_URL = os.environ.get("THIDUA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
THIDUA_SIGNING_REQUIRED = env_bool("THIDUA_SIGNING_REQUIRED", False)
THIDUA_SIGNING_TRUST_ROOTS = env_list("THIDUA_SIGNING_TRUST_ROOTS")
THIDUA_SIGNING_TSA_URL = os.environ.get("THIDUA_SIGNING_TSA_URL", "")
THIDUA_SIGNING_REVOCATION = env_bool("THIDUA_SIGNING_REVOCATION", False)
THIDUA_SIGNING_KEYS = env_list("THIDUA_SIGNING_KEYS")
THIDUA_PKCS11_MODULE = os.environ.get("THIDUA_PKCS11_MODULE", "")
THIDUA_PKCS11_PIN = os.environ.get("THIDUA_PKCS11_PIN", "")
THIDUA_SIGNING_DEMO_DIR = Path(os.environ.get("THIDUA_SIGNING_DEMO_DIR", BASE_DIR / "var" / "signing-demo"))
# Phụ lục I gives no sizes for the electronic images (not confirmed in the texts read): settings.
THIDUA_SEAL_DIAMETER_MM = float(os.environ.get("THIDUA_SEAL_DIAMETER_MM", "34"))
THIDUA_SIGNATURE_IMAGE_MM = env_list("THIDUA_SIGNATURE_IMAGE_MM", "50,22")
THIDUA_VERIFY_RATE_LIMIT = int(os.environ.get("THIDUA_VERIFY_RATE_LIMIT", "20"))
