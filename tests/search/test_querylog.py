"""The query log keeps topics, not people: personal queries are never stored, rows expire, search writes nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import querylog
from search.analysis import normalise_query
from search.models import QueryLog

pytestmark = pytest.mark.django_db

PERSONAL_QUERIES = [
    "min søn oliver nielsen autisme aarhus kommune",
    "Oliver Nielsen",
    "emma jensen adhd",
    "datter ida har epilepsi",
    "010203",
    "cpr 010203-1234",
    "01 02 03",
    "født 12.04.2019",
    "tlf 22 33 44 55",
    "mette.hansen@example.dk",
    "mette hansen at gmail dot com",
    "mette.hansen (at) gmail.com",
    "mette snabel-a gmail punktum dk",
    "Nørregade 12 aarhus",
    "Søndre gate 4 oslo",
    "8000 aarhus",
    "familienhansen.dk",
    "sagsnummer 2024",
]
TOPIC_QUERIES = [
    "merudgifter",
    "tabt arbejdsfortjeneste",
    "aflastning weekend",
    "klage over afgørelsen",
    "aktindsigt",
    "min søn har autisme",
    "aarhus kommune handicap",
    "avlastning",
]


@pytest.mark.parametrize("query", PERSONAL_QUERIES)
def test_personal_queries_are_not_topic_like(query):
    assert not querylog.is_topic_like(query)


@pytest.mark.parametrize("query", TOPIC_QUERIES)
def test_topic_queries_are_kept(query):
    assert querylog.is_topic_like(query)


def test_no_personal_query_is_stored(client, indexed_site):
    for query in PERSONAL_QUERIES:
        client.get("/search/", {"q": query})
        client.get("/api/search/", {"q": query})
    for query in TOPIC_QUERIES:
        client.get("/api/search/", {"q": query})
    querylog.flush()
    stored = list(QueryLog.objects.values_list("query", flat=True))
    assert sorted(stored) == sorted(normalise_query(q) for q in TOPIC_QUERIES)
    text = " ".join(stored)
    for word in ("oliver", "nielsen", "emma", "ida", "mette", "hansen", "gmail", "nørregade", "tal", "e-mail"):
        assert word not in text.split()


def test_search_does_not_write_to_the_database(client, indexed_site):
    for path in ("/search/", "/api/search/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, {"q": "merudgifter"}).status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
        assert writes == []
    with CaptureQueriesContext(connection) as queries:
        ref = querylog._searches[-1]["ref"]
        assert client.post(f"/api/search/click/?log={ref}&rank=1").status_code == 204
    assert [q for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}] == []
    assert querylog.flush() == 2
    assert QueryLog.objects.filter(query="merudgifter").count() == 2
    assert QueryLog.objects.filter(ref=ref, clicked_rank=1).exists()


def test_flusher_thread_writes_the_buffer(settings, transactional_db, site_tree):
    """With a flush interval set (the default outside tests) a background thread writes the log."""
    import time

    settings.SEARCH_QUERY_LOG_FLUSH_SECONDS = 0.05
    querylog.record_search("aflastning", "da", 3)
    for _ in range(100):
        if QueryLog.objects.exists():
            break
        time.sleep(0.05)
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["aflastning"]
    settings.SEARCH_QUERY_LOG_FLUSH_SECONDS = 0
    querylog._thread.join(timeout=2)
    assert not querylog._thread.is_alive()


def log(query, days_ago):
    return QueryLog.objects.create(
        query=query, locale="da", results=1, date=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def test_purge_deletes_old_rows_and_blanks_queries_that_did_not_recur(settings):
    settings.SEARCH_QUERY_LOG_RETENTION_DAYS = 90
    for _ in range(3):
        log("aflastning", 2)
    log("aflastning", 91)
    log("sjælden søgning", 2)
    log("sjælden søgning", 3)
    log("i dag", 0)
    assert querylog.purge_query_log() == {"deleted": 1, "blanked": 2}
    assert sorted(QueryLog.objects.values_list("query", flat=True)) == [
        "",
        "",
        "aflastning",
        "aflastning",
        "aflastning",
        "i dag",
    ]
    settings.SEARCH_QUERY_LOG_RETENTION_DAYS = 2
    querylog.purge_query_log()
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["i dag"]
