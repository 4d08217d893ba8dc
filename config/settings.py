"""Table Order settings, read from the environment (and an optional `.env`).

Every value has a default that runs on a developer's machine: SQLite, media on local disk,
events in process. Production switches parts on by environment; see README.md for the table.
A bad value (``DEBUG=maybe``) stops the process with the variable's name; secrets may also come
from files (``SECRET_KEY_FILE=/run/secrets/key``).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from environs import FileAwareEnv

BASE_DIR = Path(__file__).resolve().parent.parent

env = FileAwareEnv(strip_whitespace=True)
env.read_env(BASE_DIR / ".env", recurse=False)

DEBUG = env.bool("DEBUG", False)

SECRET_KEY = env.str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) in the environment, "
            "or DEBUG=true on a developer's machine."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_eventstream",
    "csp",
    "core",
    "stores",
    "live",
    "menus",
    "calls",
    "orders",
    "reports",
    "tablet",
]

MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",
    # Security headers go on every response, the API's rewritten errors included: outside it.
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.api_errors.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.dj_db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, refusing at once for a second after failing to connect (see there).
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    # Django's own psycopg pool; persistent connections must stay off with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The pool tests each connection before lending it (psycopg's check_connection), so that
    # after a database restart stale connections are replaced instead of failing requests.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", 2),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", 10),
        "timeout": env.int("DATABASE_POOL_TIMEOUT", 5),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
    # instead of failing with "database is locked" half-way; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests use a file too (not Django's shared in-memory database), so that concurrent
    # tests lock and wait the way the real file does.
    # Connections stay open in a thread that serves request after request (gunicorn's):
    # opening one costs more than a small request's queries. Under ASGI each request has a
    # thread and a connection of its own, which ends with it.
    DATABASES["default"]["CONN_MAX_AGE"] = None
    DATABASES["default"].setdefault("TEST", {"NAME": str(BASE_DIR / "test-db.sqlite3")})
# Two test runs at once on one machine (say, two checkouts) each name their own test database.
if _test_database_name := env.str("TEST_DATABASE_NAME", ""):
    DATABASES["default"]["TEST"] = {"NAME": _test_database_name}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate-limit counts) ----------------------------------------------------------------
# Per process by default; CACHE_URL=redis://host:6379/1 shares it between processes.
CACHES = {"default": env.dj_cache_url("CACHE_URL", default="locmem://")}

# --- Users and passwords --------------------------------------------------------------------
AUTH_USER_MODEL = "stores.User"
AUTHENTICATION_BACKENDS = ["stores.auth_backends.StoreUserBackend"]
# Usernames are unique per store (and among platform staff), enforced by constraints on
# stores.User rather than by the field itself; our backend looks users up accordingly.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# --- Internationalization -------------------------------------------------------------------
LANGUAGE_CODE = "en"
# The pages' languages and the menus': manager pages in English and Korean (the others fall
# back to English), the tablet and menus in all four.
LANGUAGES = [("en", "English"), ("ko", "한국어"), ("ja", "日本語"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True

# --- Static files and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", "/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", BASE_DIR / "media")
# Production serves collectstatic's hashed, compressed copies. STATIC_FROM_SOURCE serves the
# files from static/ and the apps as they are (DEBUG does; so do the browser tests' servers,
# which would otherwise wait half a minute for collectstatic).
STATIC_FROM_SOURCE = env.bool("STATIC_FROM_SOURCE", DEBUG)
WHITENOISE_USE_FINDERS = STATIC_FROM_SOURCE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if STATIC_FROM_SOURCE
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Menu photos: on S3 (or any S3-compatible store) when a bucket is named, else MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", None),
            "region_name": env.str("AWS_S3_REGION_NAME", None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", None),
            # A CDN or public domain for image URLs (CloudFront: d123.cloudfront.net).
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", None),
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", None),
            # Photos are public and their URLs stable: signed URLs would change the menu's
            # ETag on every request. Serve the bucket (or its CDN) publicly readable.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
# Request bodies above this are refused before they are read into memory (413 under /api/);
# uploads are cut off at 5 MB by menus.images.UploadSizeLimitHandler.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
FILE_UPLOAD_HANDLERS = [
    "menus.images.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- API ------------------------------------------------------------------------------------
JWT_ACCESS_HOURS = env.int("JWT_ACCESS_HOURS", 16)
# Failed logins allowed in LOGIN_LOCKOUT: per account and client address, and per account from
# anywhere (stores.login_throttle). Past either, LOGIN_LOCKOUT of 429.
LOGIN_MAX_FAILURES = 5
LOGIN_MAX_FAILURES_PER_ACCOUNT = 20
LOGIN_LOCKOUT = timedelta(minutes=15)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "stores.authentication.BearerTokenAuthentication",
        "stores.authentication.ManagerSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON everywhere, as the contract says; menu items also take multipart (their photo).
    "DEFAULT_PARSER_CLASSES": ["core.parsers.StrictJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_SCHEMA_CLASS": "core.openapi.ContractAutoSchema",
    "EXCEPTION_HANDLER": "core.api_errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["stores.throttling.CallerRateThrottle"],
    # Behind a proxy, the client address is the last hop of X-Forwarded-For it appended.
    "NUM_PROXIES": env.int("NUM_PROXIES", 1 if env.bool("BEHIND_TLS_PROXY", not DEBUG) else 0),
}
# Requests per caller ("N/second|minute|hour|day"; "off" for none): generous for a busy
# floor, tight enough to stop a runaway client. Anonymous calls are the logins, per address.
API_RATE_LIMITS = {
    kind: None if rate == "off" else rate
    for kind, rate in {
        "table": env.str("API_RATE_LIMIT_TABLE", "120/minute"),
        "manager": env.str("API_RATE_LIMIT_MANAGER", "600/minute"),
        "anonymous": env.str("API_RATE_LIMIT_ANONYMOUS", "30/minute"),
    }.items()
}
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": SECRET_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=JWT_ACCESS_HOURS),
    # Our tokens carry exactly the contract's claims; no simplejwt "token_type".
    "TOKEN_TYPE_CLAIM": None,
    "JTI_CLAIM": "jti",
    "LEEWAY": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Table Order API",
    "DESCRIPTION": "Tablets order, managers run the floor. See the HTTP contract, v1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The menu's languages, wherever a field names one (menus.serializers).
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": [code for code, _name in LANGUAGES],
        "OrderStatusEnum": "orders.models.OrderStatus",
        "CallStatusEnum": "calls.models.CallStatus",
    },
    # The event stream is a plain Django view (django-eventstream), so it is described here.
    "APPEND_PATHS": {
        "/api/v1/events/": {
            "get": {
                "operationId": "events_stream",
                "tags": ["live events"],
                "summary": "Server-Sent Events: new_order, order_updated, order_deleted, "
                "table_reset",
                "description": "A manager hears their store's events, a table those about its "
                "own orders and visit. Send Last-Event-ID to receive what was missed (kept 24 "
                "h). A keep-alive comes every 20 s. Never put a token in the URL.",
                "security": [{"bearerAuth": []}, {"managerSession": []}],
                "parameters": [
                    {"name": "Last-Event-ID", "in": "header", "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "The event stream.",
                        "content": {"text/event-stream": {"schema": {"type": "string"}}},
                    },
                    "400": {"description": "A token or channel in the URL."},
                    "401": {"description": "No credentials, or a bad or expired token."},
                },
            }
        }
    },
}

# --- Live events (Server-Sent Events at /api/v1/events/) ----------------------------------
EVENTSTREAM_STORAGE_CLASS = "live.storage.TransactionalEventStorage"
EVENTSTREAM_CHANNELMANAGER_CLASS = "live.stream.CallerChannelManager"
# Events are kept 24 h for replay; every ASGI server process deletes older ones this often
# (config/asgi.py runs `manage.py prune_events`).
LIVE_EVENTS_PRUNE_SECONDS = env.int("LIVE_EVENTS_PRUNE_SECONDS", 600)
# With several server processes, events must reach the clients of every one of them: set
# EVENTS_REDIS_URL (redis://host:6379/0) and each process relays them through Redis
# (live.relay). Unset, events stay in the process that sent them (fine for one process).
_events_redis = env.url("EVENTS_REDIS_URL", None, schemes={"redis"}, require_tld=False)
EVENTS_REDIS_URL = _events_redis.geturl() if _events_redis else None
LIVE_EVENTS_RELAY = "live.relay.RedisRelay"

# What every ASGI server process runs for its whole life (coroutine functions), and what
# /healthz reports beside the database (each a function of no argument that returns a
# report and whether that part is degraded).
SERVER_TASKS = ["live.delivery.deliver_for_ever"]
# What serves an event stream under ASGI: Django's handler opens it, then this writes it
# (config/asgi.py, live.handover).
EVENT_STREAM_SERVER = "live.handover.serve"
HEALTH_REPORTS = {"live_events": "live.delivery.health"}
# How often each server process compares its streams' channels with storage, to hand over
# the events whose publish was lost (live.delivery): the most such an event is late.
LIVE_EVENTS_REPAIR_SECONDS = env.float("LIVE_EVENTS_REPAIR_SECONDS", 5.0)

# --- Security -------------------------------------------------------------------------------
# Content-Security-Policy: our own scripts, styles and connections only (no inline script or
# style anywhere); images also from data: (photo previews) and from where photos are served.
_MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    _custom_domain = STORAGES["default"]["OPTIONS"]["custom_domain"]
    _endpoint = STORAGES["default"]["OPTIONS"]["endpoint_url"]
    if _custom_domain:
        _MEDIA_ORIGINS.append(f"https://{_custom_domain}")
    elif _endpoint:
        _MEDIA_ORIGINS.append(_endpoint.rstrip("/"))
    else:
        _MEDIA_ORIGINS.append("https://*.amazonaws.com")
CONTENT_SECURITY_POLICY = {
    # An event stream is no document: its longest header would be kept for its whole life.
    "EXCLUDE_URL_PREFIXES": ["/api/v1/events/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SESSION_COOKIE_AGE = JWT_ACCESS_HOURS * 3600  # a manager's shift
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    # The health check is probed over plain HTTP by load balancers inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # The directive alone submits nothing; it lets the operator submit the domain for preload.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", True)
    if env.bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging --------------------------------------------------------------------------------
LOG_LEVEL = env.log_level("LOG_LEVEL", "INFO")
LOG_FORMAT = env.str("LOG_FORMAT", "json", validate=lambda value: value in ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.request_id.RequestIdLogFilter"}},
    "formatters": {
        "json": {
            "()": "config.logging.JsonLogFormatter",
        },
        "text": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s",
        },
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Our access line already records every 4xx; Django's own lines for them would repeat
        # it. 5xx stay: they carry the traceback of errors raised outside a view.
        "django.request": {"level": "ERROR", "propagate": True},
        "django.server": {"level": "CRITICAL", "propagate": True},
        # uvicorn configures its own text handlers before Django starts; route its lines
        # through ours so that every line on stderr is one JSON object.
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
