"""Elasticsearch hanging: searches answer at once with a friendly message, publishing never waits for it."""

import io
import socket
import time

import pytest
from django.core.management import call_command

from search import breaker, engines
from search.breaker import CircuitBreaker, SearchUnavailable
from search.models import IndexTask

pytestmark = pytest.mark.django_db
UNAVAILABLE = "Søgningen er midlertidigt utilgængelig"


@pytest.fixture
def hanging_engine(settings):
    """An Elasticsearch engine whose server accepts connections and never answers."""
    from search.engines.elasticsearch import ElasticsearchEngine

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(100)  # never accepted: the kernel completes the handshake, nobody answers
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_QUERY_TIMEOUT = 0.5
    breaker.reset_all()
    engine = ElasticsearchEngine(f"http://127.0.0.1:{listener.getsockname()[1]}", prefix="test-down")
    engine._client = engine.client.options(request_timeout=0.5, max_retries=0)
    engines._engine = engine
    yield engine
    engines.reset_engine()
    breaker.reset_all()
    listener.close()


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_the_search_page_answers_at_once_while_the_engine_hangs(client, site_tree, hanging_engine):
    for _ in range(3):  # each waits the short query timeouts (0.5 s here), not the engine
        response, took = timed_get(client, "/search/?q=aflastning")
        assert response.status_code == 200 and UNAVAILABLE in response.content.decode()
        assert took < 5
    assert breaker.breaker_for("elasticsearch").is_open
    for url in ("/search/?q=merudgifter", "/nb/search/?q=avlastning"):
        response, took = timed_get(client, url)
        assert response.status_code == 200 and took < 1  # the circuit is open: no waiting at all
    response, took = timed_get(client, "/api/search/?q=aflastning")
    assert response.status_code == 503 and UNAVAILABLE in response.json()["error"] and took < 1
    response, took = timed_get(client, "/api/search/suggest/?q=afl")
    assert response.status_code == 503 and took < 1


def test_one_search_waits_for_the_engine_at_most_once_in_all(settings, monkeypatch):
    """A search makes up to four requests; together they get ELASTICSEARCH_QUERY_TIMEOUT, not four times it."""
    from elastic_transport import ConnectionTimeout

    from search.engines import elasticsearch
    from search.engines.elasticsearch import ElasticsearchEngine, reader_budget

    now = [1000.0]  # the clock the budget reads, moved by hand: no sleeping, nothing timing-dependent
    monkeypatch.setattr(elasticsearch, "time", type("Clock", (), {"monotonic": staticmethod(lambda: now[0])}))
    settings.ELASTICSEARCH_QUERY_TIMEOUT = 0.3
    engine = ElasticsearchEngine("http://127.0.0.1:9", prefix="test-budget")
    assert engine.query_client._request_timeout == 0.3  # outside a search: the whole timeout per request
    with reader_budget():
        assert engine.query_client._request_timeout == pytest.approx(0.3)
        now[0] += 0.2  # the first request waited 0.2 s
        assert engine.query_client._request_timeout == pytest.approx(0.1)  # the next one gets what is left
        now[0] += 0.1
        with pytest.raises(ConnectionTimeout):  # nothing left: fail at once, the breaker counts it
            engine.query_client.search(index="any", query={"match_all": {}})
    assert engine.query_client._request_timeout == 0.3


def test_the_breaker_lets_one_trial_through_after_the_pause():
    calls = []
    cb = CircuitBreaker("test", failures=2, reset_after=0.2)

    def down():
        calls.append(1)
        raise ConnectionError("down")

    for _ in range(2):
        with pytest.raises(ConnectionError):
            cb.call(down)
    with pytest.raises(SearchUnavailable):
        cb.call(down)
    assert len(calls) == 2  # the open circuit did not call the engine
    time.sleep(0.25)
    with pytest.raises(ConnectionError):
        cb.call(down)  # the trial
    with pytest.raises(SearchUnavailable):
        cb.call(down)  # failed trial: open again
    time.sleep(0.25)
    assert cb.call(lambda: "answer") == "answer"  # the engine is back: closed
    assert not cb.is_open and cb.call(lambda: 1) == 1


def test_publishing_and_bulk_unpublishing_never_wait_for_the_engine(
    settings, sample_content, hanging_engine, django_capture_on_commit_callbacks
):
    from knowledge.models import GuidePage
    from search.engines.embedded import EmbeddedEngine

    settings.SEARCH_INDEX_IN_WORKER = True
    calls = []
    for name in ("index", "delete"):
        real = getattr(hanging_engine, name)
        setattr(hanging_engine, name, lambda *a, _real=real, _name=name, **kw: calls.append(_name) or _real(*a, **kw))
    guides = list(GuidePage.objects.filter(locale__language_code="da"))
    with django_capture_on_commit_callbacks(execute=True):
        guides[0].title = "Aflastning og weekendophold"
        guides[0].save_revision().publish()
        for guide in guides[1:]:
            guide.unpublish()
    assert calls == []  # the publishing request never called the (hanging) engine: nothing to wait for
    assert set(IndexTask.objects.values_list("page_id", flat=True)) == {g.pk for g in guides}

    # The worker while the engine is still down: nothing is lost, the round stops after a few failures.
    call_command("run_worker", "--once", stdout=io.StringIO())
    assert IndexTask.objects.count() == len(guides)

    # The engine is back (here: the embedded one): the next round brings the index up to date.
    engines._engine = EmbeddedEngine(settings.SEARCH_INDEX_DIR)
    from outbox.worker import PERIODIC

    PERIODIC["search.index_queue"].last_run = 0
    call_command("run_worker", "--once", stdout=io.StringIO())
    assert not IndexTask.objects.exists()
    hits = engines.get_engine().search("weekendophold", "da").hits
    assert [h.title for h in hits] == ["Aflastning og weekendophold"]
    assert all(h.slug not in {g.slug for g in guides[1:]} for h in engines.get_engine().search("aflastning", "da").hits)
