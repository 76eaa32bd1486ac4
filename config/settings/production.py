"""Production: refuses to start without a secret key and allowed hosts; `check --deploy` is clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (a long random string).")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated host names).")

# Links in the admin's e-mails (workflow notifications, review reminders) name the real site: without
# WAGTAILADMIN_BASE_URL in the environment, the first allowed host over https.
if "WAGTAILADMIN_BASE_URL" not in os.environ:  # noqa: F405
    _hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if host != "*"]  # noqa: F405
    if not _hosts:
        raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL (e.g. https://www.example.org) or a real ALLOWED_HOSTS.")
    WAGTAILADMIN_BASE_URL = f"https://{_hosts[0]}"

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
