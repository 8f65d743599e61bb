"""Settings for the housing complaints portal, one section per topic.

Everything that differs between a laptop, CI and production comes from the environment (every
variable is in docs/configuration.md, production values in .env.example). The defaults run the
whole portal on one machine with no servers: SQLite under var/, the Celery broker included.
Each list (apps, middleware, the API's settings) is written once, here, in its final order.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from housing_portal.cache import REDIS_BACKENDS, redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# Everything the portal writes on one machine (SQLite, the embedded broker, beat's schedule, the logs
# of `make run`) lives here; the soak test of `make run` points it at a temporary folder.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(exist_ok=True)  # the embedded defaults keep their files here

# --- Core ---------------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production-0123456789"
SECRET_KEY = env.str("SECRET_KEY", default=_DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# On only in the gunicorn that `manage.py bench_intake` and `load_test` start: a bare view at
# /bench/ceiling/ that inserts one row, the ceiling intake is measured against. Never in production.
BENCH_CEILING = env.bool("BENCH_CEILING", default=False)

ROOT_URLCONF = "benchmarks.ceiling.urls" if BENCH_CEILING else "housing_portal.urls"
WSGI_APPLICATION = "housing_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications -------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # before staticfiles: runserver serves as whitenoise does
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's assets served by the portal, not a CDN
    "crispy_forms",
    "crispy_bootstrap5",
    # The portal: the core, the channels that plug into it, the minister's office.
    "complaints",
    "channels_intake",
    "minister_office",
    # Staff sign-in: a code after the password (django-otp), lockout (django-axes), idle sessions.
    "django_otp",
    "housing_portal.staff_signin.otp_apps.AuthenticatorAppsConfig",
    "housing_portal.staff_signin.otp_apps.BackupCodesConfig",
    "axes",
    "housing_portal.staff_signin",
    # The staff REST API's filters, and its tokens and Open311 clients' keys.
    "django_filters",
    "complaints.api_keys",
    # Outside the apps: the demo data (`manage.py seed_demo`) and the benchmarks' commands.
    "housing_portal.demo",
    "benchmarks",
    *(["benchmarks.ceiling"] if BENCH_CEILING else []),
]

# --- Middleware ---------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: no-store on every staff page (the office, reports, API), whatever answers it.
    "housing_portal.staff_pages.StaffPagesNotStoredMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The intake webhooks' callers are machines: English unless they ask (Accept-Language).
    "housing_portal.machine_clients.MachineClientsInEnglishMiddleware",
    # Bodies over REQUEST_MAX_BYTES are refused (413) before anything reads them, in the request's
    # language (hence after LocaleMiddleware).
    "housing_portal.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A NUL character in the path, query, a form field or a JSON string gets 400 in the request's
    # language: after the size check (an oversized body is refused before it is read) and after the
    # content security policy, so that the refusal page carries its header.
    "housing_portal.nul_bytes.RefuseNulBytesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "housing_portal.staff_signin.middleware.StaffIdleTimeoutMiddleware",
    "housing_portal.staff_signin.middleware.StaffTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# --- Templates and forms ------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Database -----------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real Celery worker started by a test sees the test data.
    _db["TEST"] = {"NAME": str(VAR_DIR / "test_portal.sqlite3")}
    _db.setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
else:
    _db["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    # Lets the web process recover from a database restart without being restarted itself.
    _db["CONN_HEALTH_CHECKS"] = True

# --- Cache --------------------------------------------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] in REDIS_BACKENDS:
    # A Redis that stops must not stop intake: its calls count as misses (housing_portal/cache.py).
    CACHES["default"] = redis_cache(CACHES["default"]["LOCATION"], CACHES["default"].get("OPTIONS"))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- Sessions -----------------------------------------------------------------------------------
# Database sessions that let a database outage through as the 503 page instead of Django's
# "session deleted" 400 (found by the PostgreSQL restart drill, docs/reliability.md).
SESSION_ENGINE = "complaints.security.sessions"

# --- Languages and time: Arabic first -----------------------------------------------------------
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bahrain"

# --- Static and private files -------------------------------------------------------------------
STATIC_URL = "static/"
# Where collectstatic puts the (hashed) files that whitenoise serves; the deployed tests collect elsewhere.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Citizens' documents: outside STATIC_ROOT and with no MEDIA_URL, so no URL serves them directly.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "complaints.files.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT,
                    "file_permissions_mode": 0o640, "directory_permissions_mode": 0o750},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Celery -------------------------------------------------------------------------------------
# The embedded broker (no server): kombu's SQLAlchemy transport on a SQLite file. A message is one
# row, inserted and taken inside SQLite transactions, so a worker can never read half of one, as it
# could with kombu's filesystem transport (kombu issue #1551: the worker died of JSONDecodeError and
# beat with it). Measured on the 2-core development machine (`python -m benchmarks.embedded_broker`):
# 125 tasks/s through one worker, far more than `make run` sends (beat's routing run once a second
# and the messages to citizens), and 4 publishers hammering it for a minute: 21,241 messages, each received once
# and whole, 0 failures. The filesystem transport published faster but lists its whole folder for
# every message taken, so a backlog stalls it, and it can hand out half-written messages. An idle
# worker polls once a second, so a task waits up to a second.
# Redis in CI and production (CELERY_BROKER_URL=redis://...).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=f"sqla+sqlite:///{VAR_DIR / 'broker.sqlite3'}")
if CELERY_BROKER_URL.startswith(("sqla+", "sqlalchemy+")):
    # kombu passes every transport option to SQLAlchemy's create_engine, which refuses Redis's:
    # only engine arguments here. SQLite waits up to 20 s for a lock rather than failing at once.
    # No visibility timeout either: a message taken by a worker that is then killed is not handed
    # back, but routing does not depend on it (beat's reconcile_unrouted routes what waits).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"connect_args": {"timeout": 20}}
    # Remote control (inspect, ping, broadcast revoke) needs fanout exchanges, which this transport
    # lacks: said here rather than left for Celery to drop silently. /healthz reads the workers'
    # heartbeats from the database instead (complaints/operations/health.py).
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
    from housing_portal import embedded_broker  # noqa: E402  (only for this broker)

    if _broker_file := embedded_broker.sqlite_path(CELERY_BROKER_URL):
        embedded_broker.use_write_ahead_log(_broker_file)
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Redis redelivers an unacknowledged task after this many seconds. Routing takes
        # milliseconds, so ten minutes is generous.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
        # Look for such tasks every 10 s (kombu's default waits ten times longer between scans).
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
        # A broker that does not answer must never hold up a citizen's request for long.
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Beat sends only while it holds a lock in the shared cache: a second beat does nothing.
CELERY_BEAT_SCHEDULER = "housing_portal.single_beat:SingleBeatScheduler"
# How often beat has a worker route the complaints waiting in status `new`. Intake sends no message of
# its own (the new complaint is the durable record that routing is owed), so this is how soon a
# complaint reaches its department; each run is one indexed query when nothing waits.
ROUTING_RECONCILE_SECONDS = env.int("ROUTING_RECONCILE_SECONDS", default=1)
# Routing by meaning (complaints/routing/): "current" uses the promoted model, or the one shipped
# with the code until a model is trained here; "none" routes by policy rules and categories alone.
ROUTING_MODEL = env.str("ROUTING_MODEL", default="current")
# When beat retrains the routing model on the corpus and the ministry's answered complaints (hour, Bahrain time).
ROUTING_RETRAIN_HOUR = env.int("ROUTING_RETRAIN_HOUR", default=2)

# --- E-mail and SMS -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="complaints@housing.gov.bh")
SMS_BACKEND = env.str("SMS_BACKEND", default="complaints.notifications.sms.ConsoleBackend")
SMS_SENDER_ID = env.str("SMS_SENDER_ID", default="MOH")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(VAR_DIR / "sms.jsonl"))
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
# Seconds to wait for the SMS gateway before a message counts as failed (and is tried again later).
SMS_GATEWAY_TIMEOUT_SECONDS = env.float("SMS_GATEWAY_TIMEOUT_SECONDS", default=10.0)

# --- Security -----------------------------------------------------------------------------------
# HTTPS everywhere unless DEBUG; /healthz answers plain HTTP for the load balancer.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing from another host, and no inline script without the page's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies and load balancers in front (addresses or networks): only a request from one
# of them has its X-Forwarded-For believed, for the client's address that the throttles, locks and
# audit records count (complaints/security/proxies.py). Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Bodies larger than this are refused (413) before Django reads them: five 10 MB files and the form.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_MEGABYTES", default=55) * 1024 * 1024

# --- Staff sign-in: a code after the password, lockout, idle sessions ---------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "admin:login"
# Staff enter a code from an authenticator app (TOTP) or a backup code after their password.
STAFF_TWO_FACTOR_REQUIRED = env.bool("STAFF_TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Ministry of Housing"
# Device keys stay out of the admin's device screens.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A username failing this often from one address is locked out of signing in there for the cool-off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# And an address failing this often, whatever the usernames (one password tried on many accounts),
# is paused for the cool-off too: higher, since an office's staff share one address.
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_HANDLER = "housing_portal.staff_signin.lockout.AddressLimitHandler"
AXES_RESET_ON_SUCCESS = True
# The same client address as the portal's other throttles (complaints/security/proxies.py, TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "housing_portal.staff_signin.lockout.client_ip_address"
AXES_LOCKOUT_CALLABLE = "housing_portal.staff_signin.views.locked_out"
AXES_VERBOSE = False  # its start-up banner and per-login lines would fill every command's output
# A staff session ends after this many minutes without a request.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)

# --- APIs: the signed webhooks and the staff REST API (/api/v1/), Open311 (/open311/v2/) --------
REST_FRAMEWORK = {
    # Hashed tokens first: an anonymous call is then answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "complaints.api_keys.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON nested a hundred thousand deep is a malformed request (400), not a RecursionError (500).
    "DEFAULT_PARSER_CLASSES": ["housing_portal.json_parsing.JSONParser",
                               "rest_framework.parsers.FormParser", "rest_framework.parsers.MultiPartParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ministry of Housing complaints portal API",
    "DESCRIPTION": (
        "Machine intake channels and, later, the staff API. Webhooks are signed with HMAC-SHA256 "
        "over `<X-Signature-Timestamp>.<raw body>`, hex-encoded in the `X-Signature` header."
        "\n\nThe staff API under `/api/v1/` acts as a member of staff, with their permissions and department "
        "(another department's complaint is a 404): send `Authorization: Token <key>`, or use a back-office "
        "session. Refusals by the complaint's rules are 400 (the request cannot be done) or 409 (not in the "
        "complaint's present status), with `detail` in the caller's language (`Accept-Language: ar` or "
        "`en`). Open311 GeoReport v2 for civic apps is under `/open311/v2/`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ComplaintStatusEnum": "complaints.models.Complaint.Status",
        "ComplaintKindEnum": "complaints.models.Complaint.Kind",
        "ComplaintChannelEnum": "complaints.models.Complaint.Channel",
        "EventKindEnum": "complaints.models.ComplaintEvent.Kind",
        "Open311StatusEnum": [("open", "open"), ("closed", "closed")],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "complaints.api.schema.document_refusals",
        # Every operation may be refused for a NUL character (housing_portal/nul_bytes.py).
        "housing_portal.nul_bytes.document_refusal",
    ],
}
# Calls to /open311/v2/ per minute from one address, and submissions per minute from one client
# application whatever its address (counted in the shared cache, like the portal's other throttles).
OPEN311_REQUESTS_PER_MINUTE = env.int("OPEN311_REQUESTS_PER_MINUTE", default=120)

# --- Channels -----------------------------------------------------------------------------------
# Shared secrets of the signed webhooks (HMAC-SHA256 over "<timestamp>.<body>").
TAWASUL_WEBHOOK_SECRET = env.str("TAWASUL_WEBHOOK_SECRET", default="")
# The telephone system of the hotline 80008001 reporting each call (POST /api/v1/intake/calls/).
TELEPHONY_WEBHOOK_SECRET = env.str("TELEPHONY_WEBHOOK_SECRET", default="")
SOCIAL_WEBHOOK_SECRET = env.str("SOCIAL_WEBHOOK_SECRET", default="")
# The way back to Tawasul (status changes and replies); off while the URL is empty.
TAWASUL_API_URL = env.str("TAWASUL_API_URL", default="")
TAWASUL_API_TOKEN = env.str("TAWASUL_API_TOKEN", default="")
TAWASUL_TIMEOUT_SECONDS = env.float("TAWASUL_TIMEOUT_SECONDS", default=10.0)
TAWASUL_BACKEND = env.str("TAWASUL_BACKEND", default="channels_intake.tawasul.client.HttpBackend")

# --- The domain: answer periods and the SLA sweep -----------------------------------------------
# Days within which every complaint is answered unless its category or kind says otherwise.
SLA_DEFAULT_DAYS = env.int("SLA_DEFAULT_DAYS", default=30)
# Days to answer by kind, where a kind differs from the default, e.g. "inquiry=7".
SLA_KIND_DAYS = {kind: int(days) for kind, days in env.dict("SLA_KIND_DAYS", default={}).items()}
# "calendar" (every day counts) or "working" (Bahrain working days: no Fridays, Saturdays,
# public holidays or closure dates entered in the back office).
SLA_CALENDAR = env.str("SLA_CALENDAR", default="calendar")
# Days before the due date on which the assignee and the department are reminded.
SLA_REMINDER_DAYS = [int(days) for days in env.list("SLA_REMINDER_DAYS", default=["7", "2"])]
# How often beat runs the SLA sweep, and how many complaints one statement updates.
SLA_SWEEP_SECONDS = env.int("SLA_SWEEP_SECONDS", default=300)
SLA_SWEEP_CHUNK = env.int("SLA_SWEEP_CHUNK", default=10_000)
PHONE_REGION = "BH"

# --- Data protection (complaints/data_protection, docs/data-protection.md) ----------------------
# Days after its last change (its closure, or later) before a closed complaint's personal data is
# removed; 1826 days is five years. A citizen's goes once none of their complaints keeps it.
RETENTION_CLOSED_DAYS = env.int("RETENTION_CLOSED_DAYS", default=1826)
# Complaints anonymised per transaction by the retention run.
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=500)
# Working days (Sunday to Thursday, less Bahrain's public holidays and closure dates) to answer a
# citizen's correction, erasure or export request, and how many before the deadline the data
# protection officers are warned.
DATA_REQUEST_WORKING_DAYS = env.int("DATA_REQUEST_WORKING_DAYS", default=10)
DATA_REQUEST_WARNING_DAYS = env.int("DATA_REQUEST_WARNING_DAYS", default=2)

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
