"""Fixtures for the search tests: a private index directory per test, engines by name, test documents."""

import os
import uuid

import pytest

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
SKIP_ES = pytest.mark.skipif(
    not ES_URL,
    reason="ELASTICSEARCH_URL is not set: the shared engine suite runs against Elasticsearch only when a server "
    "(site/compose.yaml) or the emulator (python -m tests.search.es_emulator) is reachable.",
)
ENGINE_PARAMS = ["embedded", pytest.param("elasticsearch", marks=[SKIP_ES, pytest.mark.elasticsearch])]


@pytest.fixture(autouse=True)
def private_search_index(settings, tmp_path):
    """Every search test gets its own empty index directory and a fresh engine instance."""
    from search import breaker, synonyms
    from search.engines import reset_engine

    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    reset_engine()
    breaker.reset_all()  # one test's failing engine must not open the circuit for the next
    synonyms.invalidate()
    yield
    reset_engine()
    breaker.reset_all()
    synonyms.invalidate()


def make_engine(name: str, tmp_path):
    if name == "embedded":
        from search.engines.embedded import EmbeddedEngine

        return EmbeddedEngine(tmp_path / "engine-index")
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(ES_URL, prefix=f"test-{uuid.uuid4().hex[:10]}", locales=["da", "nb"], refresh=True)


@pytest.fixture(params=ENGINE_PARAMS)
def engine(request, tmp_path, db):
    engine = make_engine(request.param, tmp_path)
    yield engine
    if hasattr(engine, "clear"):
        engine.clear()


@pytest.fixture
def indexed_site(sample_content, settings, sample_index_template):
    """The sample content, indexed the way a fresh install indexes it (rebuild_search_index).

    The index is built once per session (tests/conftest.py); each test gets its own copy.
    """
    from tests.conftest import copy_sample_index

    copy_sample_index(sample_index_template, settings.SEARCH_INDEX_DIR)
    return sample_content


@pytest.fixture(autouse=True)
def empty_query_log_buffer():
    """The query log's in-memory buffer belongs to the process; each test starts with it empty."""
    from search import querylog

    querylog.discard()
    yield
    querylog.discard()
