"""The one caching scheme: a value is built once per version, a bump retires every value at once."""

from unittest import mock

from django.core.cache import cache

from home.versioned_cache import VersionedCache


def counting_builder(values):
    calls = []

    def build():
        calls.append(1)
        return values[len(calls) - 1]

    return build, calls


def test_a_value_is_built_once_until_the_version_is_bumped():
    store = VersionedCache("test-store")
    build, calls = counting_builder(["first", "second"])
    assert store.get_or_build("key", build) == "first"
    assert store.get_or_build("key", build) == "first"
    assert len(calls) == 1
    store.bump()
    assert store.get_or_build("key", build) == "second"
    assert len(calls) == 2


def test_falsy_values_are_cached_too():
    store = VersionedCache("test-falsy")
    build, calls = counting_builder([None, []])
    assert store.get_or_build("key", build) is None
    assert store.get_or_build("key", build) is None
    assert len(calls) == 1


def test_a_bump_in_another_process_reaches_the_local_copy():
    """Two instances with one shared cache stand for two processes: the local copy checks the version."""
    here, there = VersionedCache("test-shared", local_ttl=60), VersionedCache("test-shared", local_ttl=60)
    build, calls = counting_builder(["old", "new"])
    assert here.get_or_build("key", build) == "old"
    there.bump()
    assert here.get_or_build("key", build) == "new"
    assert len(calls) == 2


def test_the_local_copy_saves_the_cache_read_of_the_value():
    store = VersionedCache("test-local", local_ttl=60)
    store.get_or_build("key", lambda: "value")
    with mock.patch.object(cache, "get", wraps=cache.get) as reads:
        assert store.get_or_build("key", lambda: "other") == "value"
    assert [call.args[0] for call in reads.call_args_list] == [store.version_key]


def test_the_version_is_stable_until_bumped_and_survives_a_cleared_cache():
    store = VersionedCache("test-version")
    first = store.version()
    assert store.version() == first
    store.bump()
    assert store.version() != first
    cache.clear()
    build, calls = counting_builder(["a", "b"])
    assert store.get_or_build("key", build) == "a"
    assert store.get_or_build("key", build) == "a"


def test_a_cache_outage_does_not_break_a_bump():
    store = VersionedCache("test-outage")
    with mock.patch.object(cache, "set", side_effect=ConnectionError("down")):
        store.bump()  # no exception: saving content must not fail because the cache is down
