"""Embedded-engine specifics: one writer at a time across processes, readers see other processes' commits."""

import multiprocessing

from search.engines.embedded import EmbeddedEngine
from tests.search.factories import SearchDocumentFactory as Doc
from tests.search.writer_process import write


def test_two_processes_write_the_same_index_without_losing_anything(tmp_path):
    reader = EmbeddedEngine(tmp_path)
    reader.index([Doc(id="0", slug="start", title="Start")])
    assert reader.search("aflastning", "da").total == 0
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=write, args=(tmp_path, start)) for start in (100, 200)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    # this process's reader picks up the other processes' commits without being told
    assert reader.search("aflastning", "da", limit=50).total == 30
    assert len(reader.document_ids("da")) == 31


def test_a_document_is_found_by_the_same_engine_right_after_indexing(tmp_path):
    """Read-your-writes in one process, many times over: an editor publishes and searches at once."""
    engine = EmbeddedEngine(tmp_path)
    for n in range(40):
        engine.index([Doc(id=str(n), slug=f"side-{n}", title=f"Vejledning ordnummer{n}")])
        assert [hit.slug for hit in engine.search(f"ordnummer{n}", "da").hits] == [f"side-{n}"], n


def test_a_commit_within_one_clock_tick_is_still_read(tmp_path, monkeypatch):
    """meta.json's stamp can stay the same across two commits (coarse file-system clock); a commit of
    this process must be visible anyway. Freezing the stamp makes that case certain."""
    from search.engines import embedded

    monkeypatch.setattr(embedded.LocaleIndex, "_meta_stamp", lambda self: (1, 1, 1))
    engine = EmbeddedEngine(tmp_path)
    engine.index([Doc(id="1", slug="start", title="Start")])
    assert engine.search("start", "da").total == 1
    engine.index([Doc(id="9", slug="x", title="Tegn", summary="Brug <script>alert(1)</script> & aflastning")])
    assert [hit.slug for hit in engine.search("aflastning", "da").hits] == ["x"]
