"""Ilmiö settings: one module, read through one typed environment schema (django-environ).

Run modes (ILMIO_ENV):
- ``production`` (the default): every secret must come from the environment; DEBUG is off.
- ``dev``: `make run`; embedded PostgreSQL when DATABASE_URL is unset, demo passwords allowed.
- ``test``: the test suite; like dev, with fast password hashing.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from config.redis_url import redis_database_for_worker

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    ILMIO_ENV=(str, "production"),
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SITE_URL=(str, ""),
    DATABASE_URL=(str, ""),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, ""),
    DEFAULT_FROM_EMAIL=(str, "Ilmiö <noreply@ilmio.invalid>"),
    SECURE_SSL_REDIRECT=(bool, True),
    SESSION_IDLE_MINUTES=(int, 30),
    SESSION_ABSOLUTE_HOURS=(int, 10),
    DEMO_MODE=(bool, False),
    OIDC_ENABLED=(bool, False),
    OIDC_PROVIDER_NAME=(str, "Entra ID"),
    OIDC_SERVER_URL=(str, ""),
    OIDC_CLIENT_ID=(str, ""),
    OIDC_CLIENT_SECRET=(str, ""),
    LOG_LEVEL=(str, "INFO"),
    MEDIA_ROOT=(str, ""),
    DOCUMENT_MAX_BYTES=(int, 10 * 1024 * 1024),
    ACCESSIBILITY_CONTACT_EMAIL=(str, "saavutettavuus@ilmio.invalid"),
    SOTKANET_BASE_URL=(str, "https://sotkanet.fi/rest/1.1"),
    STATFIN_BASE_URL=(str, "https://pxdata.stat.fi/PxWeb/api/v1"),
    INDICATORS_USER_AGENT=(str, "Ilmio/1.0 (family-centre indicators)"),
    INDICATORS_HTTP_TIMEOUT=(float, 30.0),
    INDICATORS_HTTP_RETRIES=(int, 3),
    INDICATORS_HTTP_BACKOFF=(float, 2.0),
)

ILMIO_ENV = env("ILMIO_ENV")
if ILMIO_ENV not in {"production", "dev", "test"}:
    raise environ.ImproperlyConfigured("ILMIO_ENV must be production, dev or test")
EMBEDDED = ILMIO_ENV in {"dev", "test"}
TESTING = ILMIO_ENV == "test"

DEBUG = env("DEBUG") if not TESTING else False
# SECURITY: secrets have defaults only in the embedded run modes.
SECRET_KEY = env(
    "SECRET_KEY", default="dev-only-insecure-key-not-for-production" if EMBEDDED else environ.Env.NOTSET
)

ALLOWED_HOSTS = env("ALLOWED_HOSTS") or (["127.0.0.1", "localhost", "testserver"] if EMBEDDED else [])
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL") or "http://127.0.0.1:8000"
# The name emails and their subjects carry.
SITE_NAME = "Ilmiö"
DEMO_MODE = env("DEMO_MODE") or EMBEDDED
# `manage.py seed_demo` runs these `load(ctx)` functions in this order (each app's demo.py); a loader of
# an app that is not installed is skipped. A new app adds its own at the end, after the apps it uses.
DEMO_LOADERS = [
    "familycentres.demo.load",
    "observations.demo.load",
    "phenomena.demo.load",
    "codevelopment.demo.load",
    # The services of the service map, through the catalogue importer (its own all-or-nothing run).
    "familycentres.demo_services.load",
    "networkmeetings.demo.load",
    "influencernet.demo.load",
    "indicators.demo.load",
]
# Where the accessibility statement tells people to send feedback (Act 306/2019 requires a channel).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL")

INSTALLED_APPS = [
    "accounts.admin_apps.IlmioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "django_altcha",
    "django.forms",  # its form templates, for FORM_RENDERER below
    "core",
    "accounts",
    "familycentres",
    "observations",
    "phenomena",
    "codevelopment",
    "influencernet",
    "networkmeetings",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.JsonGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.QueryStringGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "core.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
                "core.context_processors.site",
                "observations.context_processors.observations",
                "codevelopment.context_processors.developer_groups",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# Database: PostgreSQL only. Without DATABASE_URL the embedded server (pgserver) under var/ is used,
# but only in the dev and test modes.
_database_url = env("DATABASE_URL")
if not _database_url:
    if not EMBEDDED:
        raise environ.ImproperlyConfigured("DATABASE_URL is required in production")
    from config.embedded_db import embedded_database_url

    _database_url = embedded_database_url(BASE_DIR)
DATABASES = {"default": env.db_url_config(_database_url)}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = 0 if EMBEDDED else 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if TESTING:
    # A test database needs no durability across a server crash: commits do not wait for the disk.
    # Visibility and locking are unchanged (synchronous_commit is a per-session setting).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
# Lets parallel test runs on one server use separate test databases.
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# Parallel test workers (pytest-xdist: gw0, gw1, …) each get a Redis database of their own: tests clear the
# cache (FLUSHDB), and one worker's clear must not reset another's rate-limit counters mid-test. The
# environment is updated too, so the tests that read REDIS_URL to start a real worker see the same one.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "") if TESTING else ""
if REDIS_URL and _xdist_worker.startswith("gw"):
    REDIS_URL = redis_database_for_worker(REDIS_URL, int(_xdist_worker[2:]))
    os.environ["REDIS_URL"] = REDIS_URL
if REDIS_URL:
    # core.cache.RedisCache: Django's, with one Redis client per connection pool instead of one per call.
    CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ilmio"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Sign-up is closed: a reset asked for an unknown address sends nothing (allauth's mail would invite
# to sign up); the page answers the same either way, so addresses cannot be probed.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Repeated failed sign-ins lock one account from one address (the key is account + address, see
# accounts.lockout); the looser per-address limit stops one address spraying many accounts.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "60/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "login": "30/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ilmiö"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS: dict = {}
if env("OIDC_ENABLED"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "oidc",
                "name": env("OIDC_PROVIDER_NAME"),
                "client_id": env("OIDC_CLIENT_ID"),
                "secret": env("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": env("OIDC_SERVER_URL")},
            }
        ]
    }

# Sessions: an inactivity timeout and an absolute lifetime for staff. The timeout is renewed at most once a
# minute (accounts.middleware.SessionLifetimeMiddleware), not by a write on every request.
SESSION_COOKIE_AGE = env("SESSION_IDLE_MINUTES") * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = env("SESSION_ABSOLUTE_HOURS") * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The follow-up codes a browser has just received through the families' open form (a signed cookie, so
# that a family's send writes no session row; see observations.views.public).
FOLLOWUP_CODES_COOKIE_NAME = "followup_codes"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Forms render through the project's templates: templates/django/forms/label.html marks every required
# field the same way, "(required)", on every form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# Finnish dates everywhere (1.12.2026 klo 18.18), Finland-Swedish in sv, never ISO dates on pages.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if EMBEDDED
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# In the embedded modes WhiteNoise serves straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = EMBEDDED
WHITENOISE_AUTOREFRESH = EMBEDDED

# Uploads live outside the web root and are served only through permission-checking views.
MEDIA_ROOT = env("MEDIA_ROOT") or str(BASE_DIR / "var" / "media")
# The largest document a developer group can upload to its workspace (bytes).
DOCUMENT_MAX_BYTES = env("DOCUMENT_MAX_BYTES")

# Email: EMAIL_URL (smtp://user:pass@host:587/?tls=True) in production; files under var/mail otherwise.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_URL"):
    vars().update(env.email_url("EMAIL_URL"))
elif TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif EMBEDDED:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
else:
    raise environ.ImproperlyConfigured("EMAIL_URL is required in production")

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, which needs no server.
_celery_dir = BASE_DIR / "var" / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {"visibility_timeout": 3600}
else:
    if not EMBEDDED:
        raise environ.ImproperlyConfigured("REDIS_URL is required in production")
    for _sub in ("queue", "processed", "control"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
# The unit tests run tasks in-process; tests/test_celery_redis.py runs them through Redis in a real worker.
CELERY_TASK_ALWAYS_EAGER = TESTING
CELERY_TASK_EAGER_PROPAGATES = TESTING
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(_celery_dir / "beat-schedule")
CELERY_BEAT_SCHEDULE = {
    "retention-sweep": {"task": "core.tasks.retention_sweep", "schedule": 3600.0},
    "scheduler-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    "notification-digests": {"task": "core.tasks.send_notification_digests", "schedule": 3600.0},
    "codevelopment-reminders": {"task": "codevelopment.tasks.schedule_reminders", "schedule": 300.0},
    "influencernet-reminders": {"task": "influencernet.tasks.schedule_reminders", "schedule": 300.0},
    "service-catalogue-import": {
        "task": "familycentres.tasks.service_catalogue_import_task",
        "schedule": float(env.int("PTV_IMPORT_INTERVAL_HOURS", default=24) * 3600),
    },
    "networkmeetings-step-reminders": {
        "task": "networkmeetings.tasks.schedule_step_reminders",
        "schedule": 300.0,
    },
    "networkmeetings-booster-reminders": {
        "task": "networkmeetings.tasks.send_booster_reminders",
        "schedule": 86400.0,
    },
    "networkmeetings-retention": {
        "task": "networkmeetings.tasks.erase_expired_processes",
        "schedule": 86400.0,
    },
    # Each indicator has its own schedule (off, daily, weekly, monthly); this finds the ones due.
    "indicator-imports": {"task": "indicators.tasks.scheduled_imports", "schedule": 3600.0},
    "indicator-platform-figures": {"task": "indicators.tasks.platform_figures", "schedule": 6 * 3600.0},
    "observation-retention": {"task": "observations.tasks.observation_retention_sweep", "schedule": 86400.0},
    # Local teams meet every one to two months; a quiet team's coordinator is reminded once per gap.
    "local-team-rhythm": {"task": "familycentres.tasks.remind_quiet_local_teams", "schedule": 86400.0},
}
# Retention (README: "Retention and data rights"): a family's contact email at most this many days (it
# goes earlier, when the observation is archived or merged); closed observations are anonymised this many
# days after closing.
OBSERVATION_CONTACT_RETENTION_DAYS = env.int("OBSERVATION_CONTACT_RETENTION_DAYS", default=183)
OBSERVATION_RETENTION_DAYS = env.int("OBSERVATION_RETENTION_DAYS", default=730)

# The national service catalogue (PTV open API v11) that fills the service map. The base URL is a
# setting so that tests (and a county's own mirror) can serve the same shape from elsewhere.
PTV_API_URL = env.str("PTV_API_URL", default="https://api.palvelutietovaranto.suomi.fi/api/v11")
# Municipality codes to import (comma-separated); empty: every municipality of the area tree.
PTV_MUNICIPALITIES = env.list("PTV_MUNICIPALITIES", default=[])
PTV_TIMEOUT = env.int("PTV_TIMEOUT", default=30)
PTV_MAX_PAGES = env.int("PTV_MAX_PAGES", default=200)

# Indicator sources (THL Sotkanet REST 1.1, Statistics Finland PxWeb API v1) and the live HTTP path.
SOTKANET_BASE_URL = env("SOTKANET_BASE_URL")
STATFIN_BASE_URL = env("STATFIN_BASE_URL")
INDICATORS_USER_AGENT = env("INDICATORS_USER_AGENT")
INDICATORS_HTTP_TIMEOUT = env("INDICATORS_HTTP_TIMEOUT")
INDICATORS_HTTP_RETRIES = env("INDICATORS_HTTP_RETRIES")
INDICATORS_HTTP_BACKOFF = env("INDICATORS_HTTP_BACKOFF")
INDICATORS_HTTP_MAX_BYTES = 200_000_000
INDICATORS_UPLOAD_MAX_BYTES = 50_000_000
INDICATORS_YEARS_BACK = 10
INDICATORS_OWN_YEARS_BACK = 3

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min", "public_observation": "10/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ilmiö API",
    "DESCRIPTION": "The family-centre network: areas, family centres, groups, memberships and meetings.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    # Named per model so that later apps' own status/role choices never collide in the schema.
    "ENUM_NAME_OVERRIDES": {
        "AreaKindEnum": "familycentres.models.Area.Kind",
        "OrganisationKindEnum": "familycentres.models.Organisation.Kind",
        "GroupKindEnum": "familycentres.models.Group.Kind",
        "GroupLevelEnum": "familycentres.models.Group.Level",
        "MembershipRoleEnum": "familycentres.models.Membership.Role",
        "MeetingStatusEnum": "familycentres.models.Meeting.Status",
        "ObservationKindEnum": "observations.models.Observation.Kind",
        "ObservationEnvironmentEnum": "observations.models.Observation.Environment",
        "ObservationAgeGroupEnum": "observations.models.Observation.AgeGroup",
        "ObservationSourceEnum": "observations.models.Observation.Source",
        "ObservationStatusEnum": "observations.models.Observation.Status",
        # Phenomenon.Kind is the same choice set as Observation.Kind (positive / concern), so it shares
        # ObservationKindEnum: a second name for the same set is an error in drf-spectacular.
        "PhenomenonScaleEnum": "phenomena.models.Phenomenon.Scale",
        "PhenomenonAnalyserKindEnum": "phenomena.models.Phenomenon.AnalyserKind",
        "PhenomenonStatusEnum": "phenomena.models.Phenomenon.Status",
        "NetworkProcessStatusEnum": "networkmeetings.models.NetworkProcess.Status",
        "NetworkMeetingStatusEnum": "networkmeetings.models.NetworkMeeting.Status",
    },
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Content Security Policy: no inline script, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"

# The families' open form and follow-up pages: spam protection without third parties.
# ALTCHA proof-of-work (django-altcha). SECURITY: a fixed key only in the embedded modes; in production,
# without ALTCHA_HMAC_KEY, a key derived from SECRET_KEY (never a constant) signs the challenges.
ALTCHA_HMAC_KEY = env("ALTCHA_HMAC_KEY", default="") or (
    "dev-only-insecure-altcha-key"
    if EMBEDDED
    else hmac.new(SECRET_KEY.encode(), b"ilmio.altcha", "sha256").hexdigest()
)
ALTCHA_JS_URL = "vendor/altcha-2.3.0/altcha.js"
# Work the browser does per send: the widget tries numbers up to this (100 000: a second or two on a phone;
# it starts when the page opens, while the person writes).
PUBLIC_FORM_ALTCHA_MAX_NUMBER = env.int("PUBLIC_FORM_ALTCHA_MAX_NUMBER", default=100_000)
# Per-address limits, as (count, seconds): accepted observations, all sends of the form, and failed
# follow-up-code look-ups. Addresses come from allauth's client-IP logic, so behind a proxy set
# TRUSTED_PROXY_COUNT (the number of proxies that append to X-Forwarded-For).
PUBLIC_FORM_RATE_LIMIT = (env.int("PUBLIC_FORM_RATE_LIMIT", default=5), 600)
PUBLIC_FORM_ATTEMPT_LIMIT = (env.int("PUBLIC_FORM_ATTEMPT_LIMIT", default=30), 600)
PUBLIC_LOOKUP_RATE_LIMIT = (env.int("PUBLIC_LOOKUP_RATE_LIMIT", default=10), 600)
# Accepted answers to an experience survey per address: higher, because a poster at a family centre brings
# many families answering through the same network (all sends count towards PUBLIC_FORM_ATTEMPT_LIMIT).
PUBLIC_SURVEY_RATE_LIMIT = (env.int("PUBLIC_SURVEY_RATE_LIMIT", default=20), 600)
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Addresses the per-address limits of the public forms do not apply to (comma-separated). Empty in normal
# use: only the load test (`make bench-load`) sets its own address, to send the open form at a county's rate.
RATE_LIMIT_EXEMPT_ADDRESSES = env.list("RATE_LIMIT_EXEMPT_ADDRESSES", default=[])
# The load test's bare page (/fi/bench/ceiling/): the same middleware and base template, no queries.
BENCH_CEILING = env.bool("BENCH_CEILING", default=False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not EMBEDDED:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    FOLLOWUP_CODES_COOKIE_NAME = "__Host-followup_codes"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        "pgserver": {"level": "WARNING"},
    },
}
