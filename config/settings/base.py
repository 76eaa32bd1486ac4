"""Settings shared by every environment. Everything that differs per machine comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "home",
    "knowledge",
    "importing",
    "deadlines",
    "publishing",
    "campaigns",
    "outbox",
    "subscriptions",
    "search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    # The admin's "Translate" action: the only way for editors to create a page in the other language as its
    # translation (same translation key), which the language switch, hreflang and the sitemap link.
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.locales",
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
    # No Django admin site (no URLs): kept for its Danish and Norwegian catalogue, which translates strings
    # the Wagtail admin shows and Wagtail's own catalogues lack, e.g. "History" (tests/home/test_admin_language.py).
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "home.page_cache.PageCacheMiddleware",
    "home.middleware.CachedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "home.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.security_headers.SiteCSPMiddleware",
    # Last, as django-axes asks: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# A persistent connection is checked before a request reuses it: after a database restart the next request
# reconnects instead of failing on a dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DB_CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets gunicorn workers read while another process writes; IMMEDIATE transactions take the write
    # lock when they begin, so a concurrent writer waits (up to the busy timeout) instead of failing with
    # "database is locked" half-way through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# How many proxies (TLS terminator, load balancer) stand in front of the app and append to X-Forwarded-For;
# the client address for rate limits is read through them (home/client_address.py). 0: the app faces the net.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Pages, chrome, rate limits: shared by every process. Redis down or restarting = cache misses, not 500s.
    REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
    # After a failed call, a process serves without Redis for this long before trying it again.
    REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "1"))
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The full-page cache for anonymous readers (home/page_cache.py); 0 turns it off. s-maxage for a CDN/Varnish.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "300"))

# A CDN or Varnish in front: pages are purged on publish and unpublish (wagtail.contrib.frontend_cache).
# FRONTEND_CACHE_PURGE_URL is where PURGE requests go, e.g. http://varnish:6081.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
FRONTEND_CACHE_TIMEOUT = float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "2"))
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "home.frontend_cache.TimeoutHTTPBackend", "LOCATION": FRONTEND_CACHE_PURGE_URL}
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling with lockout (django-axes)
    "django.contrib.auth.backends.ModelBackend",
]
# Permission failures and login_required send people to the Wagtail login (there is no /accounts/login/).
LOGIN_URL = "wagtailadmin_login"

# Two-factor authentication for everyone with admin access (home/two_factor.py; django-otp with TOTP and
# recovery codes). Required in production; in development a user who has set it up is still asked for it.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "Familier med særlige behov"

# django-axes: 5 failed logins for one username from one address lock that pair for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_ip_or_none"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "home/login_locked.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Danish first, Norwegian bokmål beside it. Each locale is its own page tree.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("nb", "Norsk bokmål")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale/: the project's own strings (Danish msgids, Norwegian translations). admin_locale/: Wagtail admin
# strings (English msgids) that Wagtail's own Danish and Norwegian catalogues lack or translate oddly;
# LOCALE_PATHS win over the installed apps' catalogues (JavaScript catalogue included). Kept apart so that
# makemessages on the project never marks them obsolete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "admin_locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files the site generates for readers (position-paper PDFs) live outside MEDIA_ROOT, never under a public
# URL: they are served by a view that checks the page's view restrictions.
GENERATED_FILES_ROOT = Path(os.environ.get("GENERATED_FILES_ROOT", BASE_DIR / "var" / "generated"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "generated": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": GENERATED_FILES_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
# Port 587 needs STARTTLS (EMAIL_USE_TLS=1), port 465 implicit TLS (EMAIL_USE_SSL=1): never both.
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# Seconds any one wait on the mail server may take; the worker never hangs on a server that does not answer.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# The outbox retries a failed delivery after 30 s, 1 min, 2 min … (outbox/worker.py).
OUTBOX_BASE_DELAY_SECONDS = int(os.environ.get("OUTBOX_BASE_DELAY_SECONDS", "30"))
# A claimed message is reserved this long (at least 6 × EMAIL_TIMEOUT): if a worker dies mid-round, its
# messages are due again after it.
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Foreningen <noreply@example.org>")
ORGANISATION_EMAIL = os.environ.get("ORGANISATION_EMAIL", "kontakt@example.org")

# Slugs are ASCII in both languages (home/slugs.py: æ→ae, ø→oe, å→aa), in the admin as in the import.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_SITE_NAME = "Familier med særlige behov"
# The address the public site is served at (see home/site_url.py): unset in production means the default
# Site's hostname and port; `make run PORT=…` sets it to http://127.0.0.1:PORT.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL or "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each editor's e-mail address to a third party (and the CSP blocks it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always served through Wagtail's view, which checks collection privacy and the pages that use
# them. MEDIA_ROOT/documents/ must never be served directly by the web server (docs/security.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English"), ("nb", "Norsk bokmål")]
WAGTAIL_I18N_ENABLED = True

# Wagtail's own database backend stays for the admin's search; the public search has its own engines.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public search engine (see search/engines): "embedded" (default, no server) or "elasticsearch".
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "embedded")
# How many app servers (machines) run the site; the embedded engine is for one (see docs/scaling.md).
APP_SERVERS = int(os.environ.get("APP_SERVERS", "1"))
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", BASE_DIR / "var" / "search-index"))
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# A secured cluster (Elasticsearch 9's default): an API key, and the cluster's CA file or its certificate's
# SHA-256 fingerprint for a self-signed certificate (see docs/elasticsearch.md for the privileges needed).
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_SSL_FINGERPRINT = os.environ.get("ELASTICSEARCH_SSL_FINGERPRINT", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "dev")
# A reader's query waits at most this long for Elasticsearch; after SEARCH_BREAKER_FAILURES failures in a
# row the engine is not asked for SEARCH_BREAKER_RESET_SECONDS (search says "temporarily unavailable").
ELASTICSEARCH_QUERY_TIMEOUT = float(os.environ.get("ELASTICSEARCH_QUERY_TIMEOUT", "1.5"))
SEARCH_BREAKER_FAILURES = int(os.environ.get("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_RESET_SECONDS = float(os.environ.get("SEARCH_BREAKER_RESET_SECONDS", "30"))
# Index updates applied by the worker instead of the publishing request (default: yes for Elasticsearch).
SEARCH_INDEX_IN_WORKER = env_bool("SEARCH_INDEX_IN_WORKER") if os.environ.get("SEARCH_INDEX_IN_WORKER") else None

# The search query log (search/querylog.py): topic-like queries only, deleted after the retention period,
# the text kept only when it recurs; written by a background thread, never inside the search request.
SEARCH_QUERY_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_QUERY_LOG_RETENTION_DAYS", "90"))
SEARCH_QUERY_LOG_MIN_SEARCHES = int(os.environ.get("SEARCH_QUERY_LOG_MIN_SEARCHES", "3"))
SEARCH_QUERY_LOG_FLUSH_SECONDS = float(os.environ.get("SEARCH_QUERY_LOG_FLUSH_SECONDS", "5"))

# Content-Security-Policy (django-csp 4, home/security_headers.py). No inline script anywhere on the public
# site, hence no 'unsafe-inline' and no nonce (pages stay cacheable). JSON-LD data blocks are not scripts.
_CSP_SELF, _CSP_NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "data:"],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "frame-src": [_CSP_SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "media-src": [_CSP_SELF],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_SELF],
    }
}
# The Wagtail admin: Wagtail 8 still writes inline scripts (date/time widgets, inline panels, multiple
# choosers) whose content varies per form, so no hash can list them: the admin alone allows inline scripts.
# Scripts still load only from this site, the admin is never cached and only reached after login with 2FA.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_CSP_SELF, "'unsafe-inline'"],
        "style-src": [_CSP_SELF, "'unsafe-inline'"],
        "img-src": [_CSP_SELF, "data:", "blob:"],
        "frame-src": [_CSP_SELF, "https:"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
