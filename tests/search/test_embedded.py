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
