"""Run in a separate process by test_embedded.py: index documents into a shared index directory."""

from search.engines.base import SearchDocument
from search.engines.embedded import EmbeddedEngine


def write(path, start: int, count: int = 15) -> None:
    engine = EmbeddedEngine(path)
    for n in range(start, start + count):
        engine.index(
            [
                SearchDocument(
                    id=str(n),
                    locale="da",
                    type="guide",
                    slug=f"side-{n}",
                    url=f"/side-{n}/",
                    title=f"Vejledning nummer {n}",
                    summary="aflastning",
                )
            ]
        )
