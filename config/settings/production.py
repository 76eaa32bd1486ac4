"""Production: refuses to start without a secret key and allowed hosts; `check --deploy` is clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
#: keys that have been published (compose's old default, the dev and test settings): never in production
KNOWN_DEFAULT_SECRET_KEYS = {
    "change-me-local-only-0123456789abcdefghijklmnopqrstuvwxyz",
    "dev-only-not-secret",
    "test-only-not-secret",
}
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (a long random string).")
if (
    SECRET_KEY in KNOWN_DEFAULT_SECRET_KEYS  # noqa: F405
    or SECRET_KEY.startswith("django-insecure-")  # noqa: F405
    or "change-me" in SECRET_KEY  # noqa: F405
):
    raise ImproperlyConfigured(
        "SECRET_KEY is a published default. Set a new long random string: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated host names).")
if not REDIS_URL and not env_bool("ALLOW_LOCAL_CACHE", False):  # noqa: F405
    raise ImproperlyConfigured(
        "Set REDIS_URL (e.g. redis://localhost:6379/0): with gunicorn's several processes the page cache, "
        "the menu cache and the form rate limits must be shared, or a reader sees an old page after publishing "
        "and the rate limit counts per process. For a single-process trial only, set ALLOW_LOCAL_CACHE=1."
    )
if EMAIL_USE_TLS and EMAIL_USE_SSL:  # noqa: F405
    raise ImproperlyConfigured("Set only one of EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465).")

# Links in the admin's e-mails (workflow notifications, review reminders) name the real site: without
# WAGTAILADMIN_BASE_URL in the environment, the first allowed host over https.
if "WAGTAILADMIN_BASE_URL" not in os.environ:  # noqa: F405
    _hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if host != "*"]  # noqa: F405
    if not _hosts:
        raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL (e.g. https://www.example.org) or a real ALLOWED_HOSTS.")
    WAGTAILADMIN_BASE_URL = f"https://{_hosts[0]}"

# Everyone with admin access logs in with a second factor (home/two_factor.py).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]  # noqa: F405
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# One JSON object per log line on stdout (for the log collector); LOG_FORMAT=text for humans.
if os.environ.get("LOG_FORMAT", "json") == "json":  # noqa: F405
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},  # noqa: F405
    }

# Errors to Sentry when SENTRY_DSN is set. No personal data: registrations hold health information.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")  # noqa: F405
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),  # noqa: F405
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),  # noqa: F405
        send_default_pii=False,
        max_request_body_size="never",
    )
