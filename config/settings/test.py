import hashlib
import tempfile

from .base import *  # noqa: F403

# pytest-xdist runs the suite in several processes: each gets its own files and index ("" without xdist).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # noqa: F405
# The files the tests write (media, generated files, search indexes) are thrown away, so they live in the
# temporary folder: `make test` points TMPDIR at a RAM disk where the machine has one (/dev/shm), and a
# search-index commit then does not wait for the disk. One folder per checkout.
_SCRATCH = Path(tempfile.gettempdir()) / f"familier-tests-{hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]}"  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests change content behind Wagtail's back (queryset.update) and read pages again: the page cache is
# off unless a test turns it on (tests/home/test_page_cache.py does).
PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = _SCRATCH / f"media{_WORKER}"
STORAGES["generated"]["OPTIONS"]["location"] = _SCRATCH / f"generated{_WORKER}"  # noqa: F405
SEARCH_INDEX_DIR = _SCRATCH / f"search-index{_WORKER}"
SEARCH_INDEX_PREFIX = f"test{_WORKER}"
# Wagtail's admin search index is not under test here; skip its per-save writes to keep the suite fast.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
# Tests flush the query log explicitly (search.querylog.flush); no background thread.
SEARCH_QUERY_LOG_FLUSH_SECONDS = 0
# Index updates at once in tests, whatever the engine (tests/search/test_engine_down.py turns the worker queue on).
SEARCH_INDEX_IN_WORKER = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The test databases are thrown away: a commit need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
