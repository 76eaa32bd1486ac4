"""A guide in the order a parent needs it, with a contents box that lists every section, readable anchors,
the calculator linked from its deadlines, and a print view with the answers and the counselling phone."""

import pytest
from bs4 import BeautifulSoup

from home.pages import anchor

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_anchors_keep_danish_letters_readable():
    assert anchor("Sådan søger du") == "saadan-soeger-du"
    assert anchor("Hvad gør jeg, hvis sagen trækker ud?") == "hvad-goer-jeg-hvis-sagen-traekker-ud"


def test_what_to_do_comes_before_the_background_and_the_contents_list_every_section(sample_content, client):
    soup = soup_of(client, "/vejledninger/merudgifter/")
    sections = [h2.get_text() for h2 in soup.select(".prose h2")]
    assert sections[:2] == ["Sådan gør du", "Det skal du bruge"]  # then the background
    assert sections.index("Sådan gør du") < sections.index("Hvem kan få hjælp?")
    contents = [(a.get_text(), a["href"]) for a in soup.select("nav.toc a")]
    assert [text for text, _ in contents] == sections  # every section, not only the plain headings
    assert ("Sådan søger du", "#saadan-soeger-du") in contents
    for _, href in contents:
        assert soup.find(id=href[1:]) is not None, href


def test_deadline_blocks_and_the_glossary_link_the_calculator(site_tree, client, tmp_path):
    from django.core.management import call_command

    from deadlines.setup import ensure_calculator_page
    from tests.conftest import write_jsonl

    ensure_calculator_page("da")
    deadline = {"what": "Klage", "duration": "4 uger", "counted_from": "den dag, afgørelsen kom frem til dig"}
    items = [
        {"type": "guide", "locale": "da", "slug": "klage", "title": "Klag", "intro": "Klag.", "deadlines": [deadline]},
        {"type": "glossary", "locale": "da", "slug": "klagefrist", "title": "Klagefrist", "intro": "Frist."},
    ]
    call_command("import_content", str(write_jsonl(tmp_path / "x.jsonl", items)), stdout=open("/dev/null", "w"))
    for url in ("/vejledninger/klage/", "/ordbog/klagefrist/"):
        links = soup_of(client, url).select("aside.deadline a, .tool-link a")
        assert [(a.get_text(), a["href"]) for a in links] == [("Beregn din klagefrist", "/klagefrist/")], url


def test_new_calculator_is_a_top_task_and_in_the_menu(site_tree, client):
    from deadlines.setup import ensure_calculator_page
    from home.models import HeaderNavigation, HomePage

    HeaderNavigation.objects.get_or_create(locale=site_tree["da"].locale)  # the snapshot may already have one
    page = ensure_calculator_page("da")
    home = HomePage.objects.get(locale__language_code="da")
    assert home.top_tasks[0].value["page"].pk == page.pk
    menu = HeaderNavigation.objects.get(locale=home.locale)
    linked = [block.value["page"].pk for block in menu.links if block.value["page"]]
    assert linked.count(page.pk) == 1


def test_print_view_has_the_answers_open_and_the_counselling_phone(sample_content, client):
    from home.models import Footer, HomePage

    Footer.objects.create(
        locale=HomePage.objects.get(locale__language_code="da").locale, organisation="F", phone="+45 70 00 00 00"
    )
    soup = soup_of(client, "/vejledninger/merudgifter/print/")
    details = soup.select(".faq details")
    assert details and all(d.has_attr("open") for d in details)
    assert "Ja, gem dem." in soup.get_text()
    assert "Rådgivningen: +45 70 00 00 00" in soup.get_text()
    assert soup.select_one('link[rel="icon"]')["href"].endswith("favicon.svg")


def test_glossary_kaldes_ogsaa_shows_everyday_words_and_search_keeps_the_rest(site_tree, client, tmp_path):
    from django.core.management import call_command

    from knowledge.models import GlossaryPage
    from tests.conftest import write_jsonl

    term = {
        "type": "glossary",
        "locale": "da",
        "slug": "aflastning",
        "title": "Aflastning",
        "intro": "En pause.",
        "synonyms": ["pause fra pasning"],
        "search_words": ["respite care", "hvornår får vi en pause"],
    }
    call_command("import_content", str(write_jsonl(tmp_path / "g.jsonl", [term])), stdout=open("/dev/null", "w"))
    text = soup_of(client, "/ordbog/aflastning/").get_text()
    assert "Kaldes også: pause fra pasning" in " ".join(text.split())
    assert "respite care" not in text and "hvornår får vi en pause" not in text
    page = GlossaryPage.objects.get(slug="aflastning")
    assert page.search_document()["synonyms"] == ["pause fra pasning", "respite care", "hvornår får vi en pause"]


def test_laes_vores_guide_om_becomes_a_link(sample_content, client, tmp_path):
    from django.core.management import call_command

    from tests.conftest import write_jsonl

    item = {
        "type": "guide",
        "locale": "da",
        "slug": "klage",
        "title": "Sådan klager du over en afgørelse fra kommunen",
        "intro": "Klag.",
        "body": "Er du uenig? Læs mere i vores guide om aflastning. Læs vores guide om noget helt andet.",
    }
    call_command("import_content", str(write_jsonl(tmp_path / "k.jsonl", [item])), stdout=open("/dev/null", "w"))
    html = client.get("/vejledninger/klage/").content.decode()
    assert 'Læs mere i vores guide om <a href="/vejledninger/aflastning/">aflastning</a>.' in html
    assert "Læs vores guide om noget helt andet." in html  # no clear match: left as text


def test_related_guides_from_import_are_listed_and_in_the_contents(sample_content, client, tmp_path):
    from django.core.management import call_command

    from tests.conftest import write_jsonl

    item = {
        "type": "guide",
        "locale": "da",
        "slug": "hjaelpemidler",
        "title": "Hjælpemidler",
        "intro": "Udstyr.",
        "related": ["merudgifter", "findes-ikke"],
    }
    call_command("import_content", str(write_jsonl(tmp_path / "r.jsonl", [item])), stdout=open("/dev/null", "w"))
    soup = soup_of(client, "/vejledninger/hjaelpemidler/")
    assert [a.get_text() for a in soup.select("section.related a")] == ["Dækning af merudgifter til dit barn"]
    assert "Læs også" in [a.get_text() for a in soup.select("nav.toc a")] or len(soup.select("nav.toc a")) <= 1


@pytest.mark.parametrize(
    "language, slug, url, defaults",
    [
        ("da", "merudgifter", "/vejledninger/merudgifter/", ["Sådan gør du", "Det skal du bruge", "Spørgsmål og svar"]),
        ("nb", "avlastning", "/nb/veiledninger/avlastning/", ["Slik gjør du", "Dette trenger du", "Spørsmål og svar"]),
    ],
)
def test_a_section_with_an_empty_heading_is_in_the_contents_under_its_default(
    language, slug, url, defaults, sample_content, client
):
    from django.utils import translation

    from home.blocks import rich
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(locale__language_code=language, slug=slug)
    guide.body = [
        ("steps", {"heading": "", "steps": [{"title": "Skriv til kommunen", "text": rich("")}]}),
        ("heading", "Baggrund"),
        ("checklist", {"heading": "", "items": ["Afgørelsen"]}),
        ("faq", {"heading": "", "items": [{"question": "Hvornår?", "answer": rich("Snart.")}]}),
    ]
    guide.save_revision().publish()
    expected = [defaults[0], "Baggrund", *defaults[1:]]

    other = "nb" if language == "da" else "da"
    with translation.override(other):  # the page's language decides, not the one that happens to be active
        assert [h["text"] for h in GuidePage.objects.get(pk=guide.pk).headings()] == expected

    soup = soup_of(client, url)
    assert [h2.get_text() for h2 in soup.select(".prose h2")] == expected
    contents = [(a.get_text(), a["href"]) for a in soup.select("nav.toc a")]
    assert [text for text, _ in contents] == expected
    for _, href in contents:
        assert soup.find(id=href[1:]) is not None, href
