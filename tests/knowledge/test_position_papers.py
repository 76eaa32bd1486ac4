"""Position papers: permalink, citations (APA, Harvard, BibTeX, RIS), change history, PDF, index filters, relations."""

import pytest
from django.core.management import call_command

from knowledge.models import GuidePage, PositionPaperPage
from tests.conftest import write_jsonl

pytestmark = pytest.mark.django_db


def paper_item(**overrides):
    item = {
        "type": "position_paper",
        "locale": "da",
        "slug": "retssikkerhed",
        "title": "Retssikkerhed for børn med handicap",
        "intro": "Familier skal kunne stole på afgørelserne.",
        "body": "## Baggrund\n\nFor mange afgørelser ændres.",
        "recommendations": ["Bedre vejledning"],
        "authors": ["Anne Hansen", "Bo Berg"],
        "published_at": "2026-03-01",
        "tags": ["retssikkerhed"],
    }
    item.update(overrides)
    return item


@pytest.fixture
def papers(site_tree, tmp_path):
    call_command(
        "import_content",
        str(
            write_jsonl(
                tmp_path / "p.jsonl",
                [
                    paper_item(),
                    paper_item(
                        slug="aflastning-nu",
                        title="Aflastning nu",
                        authors=[],
                        published_at="2025-06-15",
                        tags=["aflastning"],
                    ),
                    {
                        "type": "guide",
                        "locale": "da",
                        "slug": "merudgifter",
                        "title": "Merudgifter",
                        "intro": "Kort.",
                        "body": "Tekst.",
                    },
                ],
            )
        ),
        stdout=open("/dev/null", "w"),
    )
    return PositionPaperPage.objects.get(slug="retssikkerhed")


def test_permalink_redirects_to_the_current_address(papers, client):
    response = client.get(f"/p/{papers.pk}/")
    assert response.status_code == 302 and response["Location"] == "/holdningspapirer/retssikkerhed/"
    papers.slug = "retssikkerhed-2026"
    papers.save_revision().publish()
    assert client.get(f"/p/{papers.pk}/")["Location"] == "/holdningspapirer/retssikkerhed-2026/"
    assert client.get("/p/999999/").status_code == 404


def test_paper_page_shows_citations(papers, client, django_assert_max_num_queries):
    client.get("/holdningspapirer/retssikkerhed/")
    with django_assert_max_num_queries(15):
        html = client.get("/holdningspapirer/retssikkerhed/").content.decode()
    permalink = f"http://127.0.0.1:8000/p/{papers.pk}/"
    # APA 7 and Harvard from the CSL styles, with the Danish terms of the CSL locale
    assert (
        "Anne Hansen, &amp; Bo Berg. (2026). Retssikkerhed for børn med handicap [Holdningspapir]. "
        f"Familier med særlige behov. {permalink}" in html
    )
    assert (
        "Anne Hansen og Bo Berg (2026) Retssikkerhed for børn med handicap. Holdningspapir. "
        f"Familier med særlige behov. Tilgængelig hos: {permalink} (Set: " in html
    )
    assert f'<a href="{permalink}">' in html
    assert (
        'href="/holdningspapirer/retssikkerhed/citer/bibtex/"' in html
        and 'href="/holdningspapirer/retssikkerhed/citer/ris/"' in html
    )


def test_organisation_as_author_is_not_repeated(papers):
    from knowledge.citations import apa

    paper = PositionPaperPage.objects.get(slug="aflastning-nu")
    assert (
        apa(paper, "https://x/p/1/")
        == "Familier med særlige behov. (2025). Aflastning nu [Holdningspapir]. https://x/p/1/"
    )


def test_bibtex_download(papers, client):
    response = client.get("/holdningspapirer/retssikkerhed/citer/bibtex/")
    assert response["Content-Disposition"] == 'attachment; filename="retssikkerhed.bib"'
    assert response.content.decode() == (
        "@techreport{anne2026retssikkerhed,\n"
        "  author = {{Anne Hansen} and {Bo Berg}},\n"
        "  title = {Retssikkerhed for børn med handicap},\n"
        "  institution = {Familier med særlige behov},\n"
        "  type = {Holdningspapir},\n"
        "  year = {2026},\n"
        "  month = {3},\n"
        f"  url = {{http://127.0.0.1:8000/p/{papers.pk}/}},\n"
        "  language = {danish}\n}\n"
    )


def test_ris_download(papers, client):
    response = client.get("/holdningspapirer/retssikkerhed/citer/ris/")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    lines = response.content.decode().split("\r\n")
    assert lines[:6] == [
        "TY  - RPRT",
        "AU  - Anne Hansen",
        "AU  - Bo Berg",
        "TI  - Retssikkerhed for børn med handicap",
        "PB  - Familier med særlige behov",
        "PY  - 2026",
    ]
    assert f"UR  - http://127.0.0.1:8000/p/{papers.pk}/" in lines and lines[-2] == "ER  - "


def test_change_notes_become_the_public_history(papers, client):
    papers.change_note = "Opdateret med tal fra 2026."
    papers.save_revision().publish()
    papers.save_revision().publish()  # same note again: no new entry
    papers.change_note = "Anbefaling 1 er skærpet."
    papers.save_revision().publish()
    draft = PositionPaperPage.objects.get(pk=papers.pk)
    draft.change_note = "Kladde, ikke udgivet."
    draft.save_revision()  # a draft's note is not public
    papers = PositionPaperPage.objects.get(pk=papers.pk)
    assert [c["note"] for c in papers.change_history()] == ["Anbefaling 1 er skærpet.", "Opdateret med tal fra 2026."]
    html = client.get("/holdningspapirer/retssikkerhed/").content.decode()
    assert '<h2 id="changes-heading">Ændringer</h2>' in html
    assert "Anbefaling 1 er skærpet." in html and "Kladde" not in html


@pytest.fixture
def generated_root(settings, tmp_path):
    """Private storage for generated files in tmp_path; public media elsewhere in tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "generated": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "generated", "base_url": None},
        },
    }
    return tmp_path / "generated"


def test_generated_pdf_is_cached_per_revision(papers, client, generated_root):
    response = client.get("/holdningspapirer/retssikkerhed/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    stored = list((generated_root / "position-papers").iterdir())
    assert [p.name for p in stored] == [f"{papers.pk}-{papers.live_revision_id}-da.pdf"]
    client.get("/holdningspapirer/retssikkerhed/pdf/")
    assert len(list((generated_root / "position-papers").iterdir())) == 1
    papers.save_revision().publish()
    client.get("/holdningspapirer/retssikkerhed/pdf/")
    assert len(list((generated_root / "position-papers").iterdir())) == 2


def test_generated_pdf_of_a_private_paper_is_not_public(papers, client, generated_root, settings):
    from wagtail.models import PageViewRestriction

    assert client.get("/holdningspapirer/retssikkerhed/pdf/").status_code == 200
    # nothing generated lands in public media, where the web server would hand it to anyone
    assert not (settings.MEDIA_ROOT / "position-papers").exists()
    PageViewRestriction.objects.create(page=papers, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig")
    response = client.get("/holdningspapirer/retssikkerhed/pdf/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not response.content.startswith(b"%PDF")
    assert "password" in response.content.decode().lower() or "adgangskode" in response.content.decode().lower()


def test_media_documents_are_never_served_as_files(settings, tmp_path, rf):
    from django.http import Http404

    from home.views import development_media

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "referat.pdf").write_bytes(b"%PDF private")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(b"png")
    assert development_media(rf.get("/media/images/logo.png"), "images/logo.png").status_code == 200
    for path in ("documents/referat.pdf", "/documents/referat.pdf", "images/../documents/referat.pdf"):
        with pytest.raises(Http404):
            development_media(rf.get("/media/" + path), path)


def test_index_filters_by_topic_and_year(papers, client, django_assert_max_num_queries):
    client.get("/holdningspapirer/")
    with django_assert_max_num_queries(15):
        html = client.get("/holdningspapirer/", {"aar": "2025"}).content.decode()
    assert "Aflastning nu" in html and "Retssikkerhed for børn" not in html
    html = client.get("/holdningspapirer/", {"emne": "retssikkerhed"}).content.decode()
    assert "Retssikkerhed for børn" in html and "Aflastning nu" not in html
    html = client.get("/holdningspapirer/", {"emne": "retssikkerhed", "aar": "2025"}).content.decode()
    assert "Der er ingen holdningspapirer, der passer." in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"aar": "tyve"}, "Vi har ingen holdningspapirer fra “tyve”."),
        ({"aar": "1999"}, "Vi har ingen holdningspapirer fra “1999”."),
        ({"emne": "<script>"}, "Vi har ingen holdningspapirer om emnet “&lt;script&gt;”."),
    ],
)
def test_bad_filters_get_a_message_and_all_papers(papers, client, params, message):
    response = client.get("/holdningspapirer/", params)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "Aflastning nu" in html and "Retssikkerhed for børn" in html


def test_related_guides_and_campaigns_are_linked(papers, client):
    guide = GuidePage.objects.get(slug="merudgifter")
    papers.related_guides.set([guide])
    papers.save_revision().publish()
    html = client.get("/holdningspapirer/retssikkerhed/").content.decode()
    assert '<a href="/vejledninger/merudgifter/">Merudgifter</a>' in html
