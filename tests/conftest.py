"""Shared fixtures: a site skeleton with both languages, and a small imported content set."""

import json

import pytest
from django.core.management import call_command

from tests.browser_tools import browser_page, chromium  # noqa: F401  (one browser for the whole session)

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


@pytest.fixture(autouse=True)
def fresh_cache():
    """The test database is rolled back after each test; the cache must not remember it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """Locales, Danish and Norwegian home pages and the default Site."""
    from home.site_setup import ensure_home

    return {"da": ensure_home("da"), "nb": ensure_home("nb")}


@pytest.fixture
def sample_content(site_tree, tmp_path):
    """One page of every knowledge type (plus a Norwegian guide), imported as a user would, and the demo chrome."""
    from home.demo import install_demo_chrome

    call_command(
        "import_content", str(write_jsonl(tmp_path / "sample.jsonl", SAMPLE_ITEMS)), stdout=open("/dev/null", "w")
    )
    install_demo_chrome()
    return site_tree
