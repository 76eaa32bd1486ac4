"""Search engines with one contract (see base.py), chosen by settings.SEARCH_ENGINE."""

from django.conf import settings
from django.utils.module_loading import import_string

from search.engines.base import SearchEngine

ENGINES = {
    "embedded": "search.engines.embedded.EmbeddedEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}

_engine: SearchEngine | None = None


def get_engine() -> SearchEngine:
    """The configured engine (one instance per process)."""
    global _engine
    if _engine is None:
        _engine = import_string(ENGINES.get(settings.SEARCH_ENGINE, settings.SEARCH_ENGINE))()
    return _engine


def reset_engine() -> None:
    global _engine
    _engine = None
