"""Citations that reference managers accept: every demo position paper's BibTeX read by a strict BibTeX parser
(pybtex), its RIS by a RIS reader (rispy), and APA / Harvard from the CSL styles in Danish and Norwegian."""

import datetime
import io
from pathlib import Path

import pytest
import rispy
from django.core.management import call_command
from pybtex import errors as pybtex_errors
from pybtex.database import parse_string

from knowledge.citations import apa, bibtex, harvard, ris
from knowledge.models import PositionPaperPage

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "demo_content" / "position_papers.jsonl"


@pytest.fixture
def demo_papers(site_tree):
    call_command("import_content", str(DEMO), stdout=io.StringIO())
    papers = list(PositionPaperPage.objects.all())
    assert papers, "the demo content has no position papers"
    return papers


@pytest.fixture
def strict_bibtex():
    pybtex_errors.set_strict_mode(True)
    yield
    pybtex_errors.set_strict_mode(False)


def test_every_demo_paper_has_bibtex_that_a_strict_parser_reads_with_whole_authors(demo_papers, strict_bibtex):
    for paper in demo_papers:
        text = bibtex(paper, f"https://example.dk/p/{paper.pk}/")
        entries = parse_string(text, "bibtex").entries
        assert len(entries) == 1, paper.title
        entry = next(iter(entries.values()))
        assert entry.type == "techreport"
        authors = [" ".join(person.last_names).strip("{}") for person in entry.persons["author"]]
        assert authors == paper.author_list(), paper.title
        assert all(not person.first_names for person in entry.persons["author"])
        assert entry.fields["title"] == paper.title


def test_a_role_with_a_comma_stays_one_author(demo_papers, strict_bibtex):
    paper = next(p for p in demo_papers if "Politisk konsulent, sekretariatet" in p.author_list())
    entry = next(iter(parse_string(bibtex(paper, "https://example.dk/p/1/"), "bibtex").entries.values()))
    assert "{Politisk konsulent, sekretariatet}" in [" ".join(p.last_names) for p in entry.persons["author"]]


def test_every_demo_paper_has_ris_that_a_ris_reader_reads(demo_papers):
    for paper in demo_papers:
        url = f"https://example.dk/p/{paper.pk}/"
        [record] = rispy.loads(ris(paper, url))
        assert record["type_of_reference"] == "RPRT"
        assert record["authors"] == paper.author_list()
        assert record["title"] == paper.title
        assert record["urls"] == [url]


def test_apa_and_harvard_speak_the_papers_language(demo_papers):
    accessed = datetime.date(2026, 12, 1)
    paper = next(p for p in demo_papers if len(p.author_list()) >= 2)
    url = "https://example.dk/p/1/"
    assert " og " in harvard(paper, url, accessed)
    assert "Tilgængelig hos: https://example.dk/p/1/ (Set: 1. december 2026)." in harvard(paper, url, accessed)
    assert apa(paper, url, accessed).endswith(f"[Holdningspapir]. Familier med særlige behov. {url}")
    paper.locale.language_code = "nb"
    assert "Tilgjengelig på: https://example.dk/p/1/ (Åpnet: 1. desember 2026)." in harvard(paper, url, accessed)
    assert "[Posisjonsnotat]" in apa(paper, url, accessed)
