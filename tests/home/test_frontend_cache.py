"""Publishing purges the page from a CDN/Varnish in front, and never waits long for it."""

import http.server
import socket
import threading
import time

import pytest

pytestmark = pytest.mark.django_db


class PurgeHandler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeHandler)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def configure(settings, port):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "home.frontend_cache.TimeoutHTTPBackend", "LOCATION": f"http://127.0.0.1:{port}"}
    }
    settings.FRONTEND_CACHE_TIMEOUT = 0.5


def test_publishing_purges_the_page(settings, sample_content, varnish, django_capture_on_commit_callbacks):
    from knowledge.models import GuidePage

    configure(settings, varnish.server_address[1])
    guide = GuidePage.objects.get(slug="merudgifter")
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert any(path == "/vejledninger/merudgifter/" for _, path in varnish.purged)


def test_a_hanging_cache_server_does_not_hold_up_publishing(
    settings, sample_content, django_capture_on_commit_callbacks
):
    from knowledge.models import GuidePage

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)  # accepts, never answers
    configure(settings, listener.getsockname()[1])
    guide = GuidePage.objects.get(slug="merudgifter")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    listener.close()
    guide.refresh_from_db()
    assert guide.live and time.monotonic() - started < 5  # a few 0.5 s timeouts (one per language), not forever
