"""Rate limits key on the client behind the trusted proxies, never on the proxy or on a forged header."""

from django.test import RequestFactory

from campaigns.protection import rate_limited
from home.client_address import client_address

PROXY = "10.0.0.2"


def request(forwarded=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/bliv-medlem/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("203.0.113.7")) == PROXY


def test_one_trusted_proxy_gives_the_address_it_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("203.0.113.7")) == "203.0.113.7"
    # what the client wrote itself (left of the proxy's entry) is never trusted
    assert client_address(request("198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    assert client_address(request(None)) == PROXY
    assert client_address(request("not-an-address")) == PROXY


def test_two_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request("198.51.100.1, 203.0.113.7, 10.0.0.1")) == "203.0.113.7"
    assert client_address(request("203.0.113.7")) == PROXY


def test_visitors_behind_the_proxy_are_limited_separately(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.FORM_RATE_LIMIT = "2/60"
    assert [rate_limited(request("203.0.113.7"), "test") for _ in range(3)] == [False, False, True]
    assert rate_limited(request("203.0.113.8"), "test") is False
