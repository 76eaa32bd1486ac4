"""The legal register's chooser (the "Lovhenvisning fra lovregistret" block): section numbers, country, filter."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.knowledge.legal_factories import LegalProvisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(django_user_model):
    LegalProvisionFactory(jurisdiction="dk", law="Barnets lov", short_name="BL", section="§ 86")
    LegalProvisionFactory(jurisdiction="dk", law="Barnets lov", section="§ 186")
    LegalProvisionFactory(jurisdiction="dk", law="Serviceloven", section="§ 86 a")
    LegalProvisionFactory(jurisdiction="dk", law="Forvaltningsloven", section="§ 29")
    LegalProvisionFactory(jurisdiction="no", law="Forvaltningsloven", section="§ 29")
    LegalProvisionFactory(jurisdiction="no", law="Barnevernsloven", section="§ 3-6")
    return django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "hemmelig-kode-42")


def chooser_rows(client, **params):
    url = reverse("wagtailsnippetchoosers_knowledge_legalprovision:choose_results")
    response = client.get(url, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")] for row in soup.select("tbody tr")]


@pytest.mark.parametrize("query", ["86", "§ 86", "§86", "barnets lov § 86", "BL 86"])
def test_a_section_number_finds_the_provision(client, register, query):
    client.force_login(register)
    titles = [row[0] for row in chooser_rows(client, q=query)]
    assert "Barnets lov § 86" in titles
    assert "Barnets lov § 186" not in titles
    if "barnets" not in query.lower() and "BL" not in query:
        assert "Serviceloven § 86 a" in titles


def test_a_norwegian_section_with_a_chapter_is_found(client, register):
    client.force_login(register)
    assert [row[0] for row in chooser_rows(client, q="3-6")] == ["Barnevernsloven § 3-6"]


def test_the_chooser_shows_the_country_and_filters_by_it(client, register):
    client.force_login(register)
    rows = chooser_rows(client, q="29")
    assert sorted((row[0], row[1]) for row in rows) == [
        ("Forvaltningsloven § 29", "Danmark"),
        ("Forvaltningsloven § 29", "Norge"),
    ]
    assert [(row[0], row[1]) for row in chooser_rows(client, q="29", jurisdiction="no")] == [
        ("Forvaltningsloven § 29", "Norge")
    ]
    assert {row[1] for row in chooser_rows(client, jurisdiction="dk")} == {"Danmark"}


def test_the_chooser_modal_offers_the_country_filter(client, register):
    client.force_login(register)
    response = client.get(reverse("wagtailsnippetchoosers_knowledge_legalprovision:choose"))
    html = response.json()["html"]
    soup = BeautifulSoup(html, "html.parser")
    options = [option.get_text() for option in soup.select("select[name=jurisdiction] option")]
    assert options == ["Alle lande", "Danmark", "Norge"]
