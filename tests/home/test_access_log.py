"""The gunicorn access log holds paths only: no search words, no signed registration or signature tokens."""

import datetime
import io
import logging

import pytest
from gunicorn.config import Config

from config.access_log import RedactingLogger


class Response:
    status = "200 OK"
    sent = 1234
    headers = [("Content-Type", "text/html")]


@pytest.fixture
def access_log():
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %(q)s')
    logger = RedactingLogger(config)
    stream = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(stream)
    logger.access_log.setLevel(logging.INFO)

    def log(uri, referer="-"):
        path, _sep, query = uri.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": uri,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "10.0.0.2",
            "HTTP_REFERER": referer,
        }
        logger.access(
            Response(), [("Referer", referer), ("Cookie", "sessionid=secret")], environ, datetime.timedelta(0, 0, 5000)
        )
        return stream.getvalue().splitlines()[-1]

    return log


@pytest.mark.parametrize(
    ("uri", "hidden"),
    [
        ("/search/?q=min+s%C3%B8n+oliver+nielsen", "oliver"),
        ("/api/search/?q=oliver&locale=da", "oliver"),
        ("/api/search/suggest/?q=olive", "olive"),
        ("/tilmelding/eyJpZCI6MTJ9:1tXyZ:abcdefSIGNED/", "eyJpZCI6MTJ9"),
        ("/nb/tilmelding/eyJpZCI6MTJ9:1tXyZ:abcdefSIGNED/avmeld/", "abcdefSIGNED"),
        ("/underskrift/eyJzaWciOjF9:1tXyZ:SIGNED/", "SIGNED"),
    ],
)
def test_access_log_keeps_paths_only(access_log, uri, hidden):
    line = access_log(uri, referer="https://example.org/search/?q=oliver+nielsen")
    assert hidden not in line
    assert "nielsen" not in line and "secret" not in line
    assert "GET /" in line and " 200 " in line


def test_token_paths_keep_their_shape(access_log):
    line = access_log("/tilmelding/abc:def:ghi/")
    assert '"GET /tilmelding/<token>/ HTTP/1.1"' in line
