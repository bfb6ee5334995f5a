"""The one settings module, driven by the environment.

Nothing set: a local SQLite database under ``var/`` and DEBUG on, for the demo and development.
Production: set ``DATABASE_URL`` (PostgreSQL), ``TRACTION_SECRET_KEY``, ``TRACTION_DEBUG=0`` and
``TRACTION_ALLOWED_HOSTS``; ``manage.py check --deploy`` is then clean. Every variable is listed in
docs/settings.md (a test checks the two agree).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # src/traction
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TRACTION_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("TRACTION_DEBUG", True)
_INSECURE_KEY = "django-insecure-traction-local-development-only"
SECRET_KEY = os.environ.get("TRACTION_SECRET_KEY", _INSECURE_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("TRACTION_SECRET_KEY must be set when TRACTION_DEBUG is off.")
ALLOWED_HOSTS = env_list("TRACTION_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("TRACTION_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "traction.core",
    "traction.governance",
    "traction.diagnosis",
    "traction.imports",
    "traction.intake",
    "traction.listening",
    "traction.workshop",
    "traction.direction",
    "traction.commissioning",
    "traction.stakeholders",
    "traction.programmes",
    "traction.privacy",
    "axes",
    "traction.reminders",
    "traction.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with a second factor
    "traction.core.middleware.RequestSizeMiddleware",  # before anything reads the body (CSRF reads POST)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "traction.core.twofactor.sessions.TwoFactorSessionMiddleware",  # ends one whose second factor changed
    "traction.core.middleware.LoginRequiredMiddleware",
    "traction.core.twofactor.middleware.TwoFactorRequiredMiddleware",
    "traction.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the sign-in page saying so
]

# Sign-in throttling (django-axes): after TRACTION_SIGNIN_FAILURE_LIMIT failed sign-ins for one username from
# one address, that pair is refused for TRACTION_SIGNIN_COOLOFF_MINUTES. Attempts while locked do not extend
# it, so a lockout always ends. A success resets the count. traction.core.signin shows the lockout on the
# sign-in page and audits failures and lockouts.
AUTHENTICATION_BACKENDS = [
    "traction.core.signin.ThrottledBackend",  # first: it refuses a locked-out request before any other runs
    "traction.core.sso.OrganisationBackend",  # answers only the organisation sign-in's callback
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("TRACTION_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=float(os.environ.get("TRACTION_SIGNIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "traction.core.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "traction.core.signin.client_ip_address"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp; traction.core.twofactor). Wrong codes are counted on the account's device
# with django-otp's counters and lock its second step as password failures do (the limit and cool-off above);
# django-otp's own growing delay between attempts is off, so a right code after a slip is never refused.
OTP_TOTP_ISSUER = "Traction"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Organisation sign-in (OpenID Connect, through mozilla-django-oidc; traction.core.sso): off unless a client
# id and either the issuer (its endpoints are read from its discovery document) or the endpoints are set.
OIDC_RP_CLIENT_ID = os.environ.get("TRACTION_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("TRACTION_OIDC_CLIENT_SECRET", "")
TRACTION_OIDC_ISSUER = os.environ.get("TRACTION_OIDC_ISSUER", "").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("TRACTION_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("TRACTION_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("TRACTION_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("TRACTION_OIDC_USERINFO_ENDPOINT", "")
OIDC_RP_SCOPES = os.environ.get("TRACTION_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = False  # traction.core.sso decides who may have a new account
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"
OIDC_REDIRECT_REQUIRE_HTTPS = not DEBUG
TRACTION_OIDC_BUTTON_LABEL = os.environ.get(
    "TRACTION_OIDC_BUTTON_LABEL", "Sign in with your organisation account"
)
# Providers that send no `email_verified` claim (Microsoft Entra ID): trust the email they send only if set.
TRACTION_OIDC_TRUST_EMAIL = env_bool("TRACTION_OIDC_TRUST_EMAIL", False)

# Background work (document extraction) runs through django-tasks with its database backend: no
# service beyond the database. A deployment runs `python manage.py db_worker` beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

ROOT_URLCONF = "traction.config.urls"
WSGI_APPLICATION = "traction.config.wsgi.application"

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
                "traction.core.context_processors.navigation",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    # The embedded default: a SQLite file under var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'traction.sqlite3'}",
        conn_max_age=int(os.environ.get("TRACTION_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent readers while the demo server writes; a busy timeout instead of "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TRACTION_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("TRACTION_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("TRACTION_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Listening notes are encrypted at rest with this Fernet key (comma-separated keys: the first encrypts, all
# decrypt). Debug derives a development key from the secret key; without debug a missing key stops start-up
# here (as the secret key does, so a WSGI server refuses too), and a malformed one fails the system check
# listening.E001 (manage.py check, migrate, runserver).
TRACTION_LISTENING_KEY = os.environ.get("TRACTION_LISTENING_KEY", "") or (
    base64.urlsafe_b64encode(
        hashlib.sha256(b"traction-listening-dev:" + SECRET_KEY.encode()).digest()
    ).decode()
    if DEBUG
    else ""
)
if not TRACTION_LISTENING_KEY:
    raise ImproperlyConfigured(
        "TRACTION_LISTENING_KEY must be set when TRACTION_DEBUG is off: listening notes "
        "are encrypted with it (see docs/settings.md)."
    )

# Uploads: Django does not cap file sizes itself; core.uploads does, with this figure.
TRACTION_MAX_UPLOAD_BYTES = int(os.environ.get("TRACTION_MAX_UPLOAD_MB", "25")) * 1024 * 1024
# A whole request (several files and the form) is refused on its declared length above this, unread.
TRACTION_MAX_REQUEST_BYTES = int(os.environ.get("TRACTION_MAX_REQUEST_MB", "100")) * 1024 * 1024
# The background worker reads an upload in a process it kills after this many seconds.
TRACTION_READ_SECONDS = float(os.environ.get("TRACTION_READ_SECONDS", "60"))
# How long a worker may hold a document "Being read" before it counts as stopped (killed, crashed) and the
# document is queued again: reading is capped at TRACTION_READ_SECONDS; extracting and storing follow it.
TRACTION_READ_LEASE_SECONDS = float(os.environ.get("TRACTION_READ_LEASE_SECONDS", "600"))

# The ModernGov importer reads only sites on the public internet unless this is on (a council's own
# deployment importing from a site inside its network).
TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES = (
    os.environ.get("TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES", "0") == "1"
)
# Outgoing mail (reminder emails, listening retention notices) goes through Django's SMTP backend, set by
# these variables; in debug, with no mail host set, messages are printed to the console instead.
EMAIL_HOST = os.environ.get("TRACTION_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("TRACTION_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("TRACTION_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TRACTION_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TRACTION_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("TRACTION_DEFAULT_FROM_EMAIL", "traction@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address the app is reached at, for the links in emails (sent by the worker, outside any request).
TRACTION_SITE_URL = os.environ.get("TRACTION_SITE_URL", "http://localhost:8000").rstrip("/")
# How long a reminder claimed by a worker may stay unsent before another run counts that worker as stopped
# and sends it (traction.reminders.services).
TRACTION_REMINDER_LEASE_SECONDS = float(os.environ.get("TRACTION_REMINDER_LEASE_SECONDS", "900"))

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields other than files: 2.5 MB, Django's default
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000  # bulk action updates post one field per row

# Security headers. Strict CSP: no inline script or style, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("TRACTION_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRACTION_BEHIND_PROXY", False) else None
)
SECURE_HSTS_SECONDS = int(os.environ.get("TRACTION_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is an operator's choice, not ours

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRACTION_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "traction.core.views.csrf_failure"
