"""Shared fixtures: a site skeleton with both languages and a small imported content set, built once.

The skeleton and the sample content are built once per test session, right after the test database is
created (`django_db_setup` below), by the importer's own function, and the embedded search index of
that content is built once into a template folder. Every test that uses the database runs inside a
transaction that is rolled back, so each one starts from this snapshot without rebuilding it:
`site_tree` and `sample_content` only hand it out. Tests that need content of their own create it
with slugs outside SAMPLE_ITEMS.

Transactional tests (live server, concurrency) commit and flush the database when they end;
pytest-django runs them after all the others, and `site_tree`/`sample_content` rebuild what is
missing there. The live-server browser tests build their content once per module
(tests/browser_tools.py: `module_content`).

The test database itself is migrated once per set of migrations and cloned for every process
(tests/db_template.py), instead of migrating once per process.

`make test` runs the suite in one process per core (pytest-xdist): each process has its own test
database, snapshot, media and index folders (config/settings/test.py) and runs the tests it is handed
in collection order, so its transactional tests still come last. The scheduler below hands out one test
at a time as `--dist load` does, except that a live-server module goes to one process whole (its
content is built once). `--dist loadfile` would break the order (a file's flush would come before
another file's tests) and is not used.
"""

import contextlib
import json
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from tests import db_template
from tests.browser_tools import browser_context, browser_page, chromium  # noqa: F401  (one browser for the whole session)

SAMPLE_ITEMS = [
    {
        "type": "guide",
        "locale": "da",
        "slug": "merudgifter",
        "title": "Dækning af merudgifter til dit barn",
        "intro": "Har dit barn en varig funktionsnedsættelse, kan kommunen dække de ekstra udgifter, familien har.",
        "body": "## Hvem kan få hjælp?\n\nFamilier med et barn under 18 år med en varig funktionsnedsættelse.\n\n## Sådan søger du\n\n- Skriv til kommunen\n- Læg kvitteringer ved\n\nSe også [rådgivningen].",
        "tags": ["økonomi"],
        "steps": ["Saml dine udgifter", "Søg kommunen"],
        "checklist": ["Kvitteringer"],
        "faq": [{"question": "Skal jeg gemme kvitteringer?", "answer": "Ja, gem dem."}],
        "legal": [{"law": "Barnets lov", "section": "§ 86", "url": "https://www.retsinformation.dk/eli/lta/2025/282"}],
        "last_reviewed": "2026-09-01",
        "reviewed_by": "Rådgivningen",
    },
    {
        "type": "guide",
        "locale": "da",
        "slug": "aflastning",
        "title": "Aflastning: pause fra pasningen",
        "intro": "Aflastning giver familien en pause.",
        "body": "## Hvad er aflastning?\n\nEn pause fra pasningen.",
        "tags": ["aflastning"],
    },
    {
        "type": "guide",
        "locale": "nb",
        "slug": "avlastning",
        "title": "Avlastning for familien",
        "intro": "Avlastning gir familien en pause.",
        "body": "## Hva er avlastning?\n\nEn pause.",
        "tags": ["avlastning"],
    },
    {
        "type": "principle",
        "locale": "da",
        "slug": "princip-1",
        "title": "Pårørende er en ressource",
        "intro": "Pårørende ved meget om barnet.",
        "body": "Inddrag de pårørende.",
        "number": 1,
    },
    {
        "type": "position_paper",
        "locale": "da",
        "slug": "retssikkerhed",
        "title": "Retssikkerhed for børn med handicap",
        "intro": "Familier skal kunne stole på afgørelserne.",
        "body": "## Baggrund\n\nFor mange afgørelser ændres i klagesager.",
        "recommendations": ["Bedre vejledning", "Kortere sagsbehandling", "Uafhængig rådgivning"],
        "authors": ["Foreningens sekretariat"],
        "published_at": "2026-03-01",
        "tags": ["retssikkerhed"],
    },
    {
        "type": "article",
        "locale": "da",
        "slug": "ny-raadgivning",
        "title": "Ny rådgivningslinje for forældre",
        "intro": "Nu kan du ringe til rådgivningen fire dage om ugen.",
        "body": "Rådgivningen har fået flere åbningstimer.",
        "published_at": "2026-05-01",
    },
    {
        "type": "glossary",
        "locale": "da",
        "slug": "merudgifter-ord",
        "title": "Merudgifter",
        "intro": "Ekstra udgifter, fordi barnet har en funktionsnedsættelse.",
        "body": "Kommunen kan dække dem.",
        "synonyms": ["ekstra udgifter", "extra expenses"],
        "related": ["merudgifter"],
    },
]


def write_jsonl(path, items):
    path.write_text(
        "\n".join(json.dumps(item, ensure_ascii=False) if isinstance(item, dict) else item for item in items) + "\n",
        encoding="utf-8",
    )
    return path


def build_site_tree() -> dict:
    """Locales, the Danish and Norwegian home pages and the default Site (each created only if missing)."""
    from home.site_setup import ensure_home

    return {"da": ensure_home("da"), "nb": ensure_home("nb")}


def build_sample_content() -> dict:
    """SAMPLE_ITEMS imported through the importer's function (as `import_content` does) and the demo chrome."""
    from home.demo import install_demo_chrome
    from importing.registry import import_item, validate_common
    from tests.campaigns.factories import campaign_index, event_index

    tree = build_site_tree()
    for item in SAMPLE_ITEMS:
        import_item(validate_common(json.loads(json.dumps(item))))
    # The Danish event and campaign indexes, which most campaign tests' factories put their pages under.
    event_index("da")
    campaign_index("da")
    install_demo_chrome()
    return tree


def has_sample_content() -> bool:
    from knowledge.models import GlossaryPage

    return GlossaryPage.objects.filter(locale__language_code="da", slug="merudgifter-ord").exists()


def reset_search_state() -> None:
    """Forget the engine instance and every cached synonym, so the next search opens the current index."""
    from search import synonyms
    from search.engines import reset_engine

    reset_engine()
    synonyms.invalidate()
    cache.clear()


def live_server_module(nodeid: str) -> bool:
    """The modules whose tests share one live server and the content it serves (tests/browser_tools.py)."""
    path = nodeid.split("::", 1)[0]
    return path.startswith("tests/browser/") or path.endswith("/test_browser.py")


@pytest.hookimpl(optionalhook=True)  # only with pytest-xdist
def pytest_xdist_make_scheduler(config, log):
    """Like `--dist load` (each test to the next free process, in collection order, so a process's
    transactional tests still come last), except that a live-server module goes to one process as a
    whole: its content and server are set up once, not once per process. (xdist's own `loadgroup`
    cannot be used: its group marker no longer reaches the scheduler under pytest 9.)"""
    from xdist.scheduler import LoadScopeScheduling

    class LiveServerModulesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid.split("::", 1)[0] if live_server_module(nodeid) else nodeid

    config.option.loadscopereorder = False  # keep collection order (largest scopes first would flush early)
    return LiveServerModulesTogether(config, log)


@pytest.fixture(scope="session")
def sample_index_template(tmp_path_factory):
    """The folder the embedded index of the sample content is built into once; tests copy it."""
    return tmp_path_factory.mktemp("sample-search-index")


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, sample_index_template):
    """This process's test database, cloned from the migrated template (tests/db_template.py), plus the
    shared snapshot: skeleton, sample content, search index."""
    from django.core.management import call_command

    worker = getattr(request.config, "workerinput", {}).get("workerid", "")
    with django_db_blocker.unblock():
        teardown_database = db_template.setup(worker)
    with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_DIR=sample_index_template):
        reset_search_state()
        build_sample_content()
        with open("/dev/null", "w") as quiet:
            call_command("rebuild_search_index", stdout=quiet, stderr=quiet)
        reset_search_state()
        db_template.take_snapshot()
    with restore_snapshot_after_transactional_tests():
        yield
    forget_unflushed_query_log()
    with django_db_blocker.unblock():
        close_other_sessions()
        teardown_database()
    remove_scratch_files()


@contextlib.contextmanager
def restore_snapshot_after_transactional_tests():
    """A transactional test ends by putting the snapshot back (tests/db_template.py) instead of emptying
    every table: the next one starts from the sample content as every other test does, without building it."""
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def restore(self):
        if self.available_apps is not None or self.serialized_rollback or not db_template.restore_snapshot():
            flush(self)

    TransactionTestCase._fixture_teardown = restore
    try:
        yield
    finally:
        TransactionTestCase._fixture_teardown = flush


def remove_scratch_files() -> None:
    """This process's media, generated files and search index (config/settings/test.py) are thrown away
    with its test database; on a RAM disk they would otherwise stay until the machine restarts."""
    for folder in (
        settings.MEDIA_ROOT,
        settings.STORAGES["generated"]["OPTIONS"]["location"],
        settings.SEARCH_INDEX_DIR,
    ):
        shutil.rmtree(folder, ignore_errors=True)


def forget_unflushed_query_log() -> None:
    """Searches the tests left in the query-log buffer would be written at exit, after the test database
    is gone; they are test data, so they are dropped here."""
    from search import querylog

    querylog.discard()


def close_other_sessions() -> None:
    """On PostgreSQL, end connections that threads of the tests left open (a live server, a worker thread),
    so that this process's clone of the test database can be dropped afterwards (tests/db_template.py)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connection.close()


def copy_sample_index(template, target) -> None:
    """Put a private copy of the sample content's search index at `target` (a SEARCH_INDEX_DIR)."""
    from search.engines import reset_engine

    shutil.copytree(template, target, dirs_exist_ok=True)
    reset_engine()


@pytest.fixture(autouse=True)
def fresh_cache():
    """The test database is rolled back after each test; the cache must not remember it. Each test also
    starts in Danish: a request through the test client leaves its language active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """Locales, Danish and Norwegian home pages and the default Site (one query when the snapshot has them)."""
    from home.models import HomePage

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    if {"da", "nb"} <= homes.keys():
        return {"da": homes["da"], "nb": homes["nb"]}
    return build_site_tree()


@pytest.fixture
def sample_content(site_tree):
    """One page of every knowledge type (plus a Norwegian guide), imported as a user would, and the demo chrome."""
    if not has_sample_content():  # a transactional test after another one's flush
        build_sample_content()
    return site_tree
