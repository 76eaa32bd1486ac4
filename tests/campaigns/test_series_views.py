"""What a person sees of a series: the series page, the form with preferences and participants, bad input, import."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from campaigns.models import EventPage, EventSeries, Registrant, Registration
from tests.campaigns.factories import EventSeriesFactory, meetings
from tests.conftest import write_jsonl

pytestmark = pytest.mark.django_db


def form_data(first, second=None, **extra):
    data = {
        "registrant_name": "Anna Jensen",
        "registrant_email": "anna@example.org",
        "choice_1": str(first.pk),
        "choice_2": str(second.pk) if second else "",
        "p1_name": "Anna Jensen",
        "p1_email": "anna@example.org",
        "p1_role": "parent",
        "p1_region": "dk-midtjylland",
        "consent": "on",
        "website": "",
    }
    return data | extra


@pytest.fixture
def series(site_tree):
    return EventSeriesFactory(slug="tillidsbroen", title="Tillidsbroen")


def test_series_page_lists_meetings_rules_and_the_form(client, series, django_assert_max_num_queries):
    a, b = meetings(series)
    client.get("/arrangementer/serie/tillidsbroen/")  # warm the per-process caches
    with django_assert_max_num_queries(15):
        response = client.get("/arrangementer/serie/tillidsbroen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert a.title in html and b.title in html
    assert "Man kan kun deltage i ét af møderne" in html
    assert "Første ønske" in html and "Deltager 1" in html and "Region Hovedstaden" in html
    assert "Nord-Norge" not in html  # Danish regions on the Danish site
    # The meeting's own page sends people to the series and has no form of its own.
    meeting = client.get(a.url).content.decode()
    assert "/arrangementer/serie/tillidsbroen/" in meeting and 'name="email"' not in meeting


def test_norwegian_series_page_offers_landsdeler(client, site_tree):
    series = EventSeriesFactory(language="nb", slug="likeverdsreformen", title="Likeverdsreformen")
    meetings(series, n=1, language="nb")
    html = client.get("/nb/arrangementer/serie/likeverdsreformen/").content.decode()
    assert "Nord-Norge" in html and "Vestlandet" in html and "Region Hovedstaden" not in html
    assert "Første ønske" in html and "Søk om en plass" in html


def test_apply_for_oneself_and_another(client, series):
    a, b = meetings(series)
    response = client.post(
        "/arrangementer/serie/tillidsbroen/",
        form_data(
            b, a, p2_name="Jonas Jensen", p2_role="young", p2_region="dk-midtjylland", p2_under_18="on", guardian="on"
        ),
    )
    assert response.status_code == 302 and response["Location"].endswith("?sendt=1")
    assert list(Registration.objects.values_list("name", "preferences", "event_id", "under_18")) == [
        ("Anna Jensen", [b.pk, a.pk], b.pk, False),
        ("Jonas Jensen", [b.pk, a.pk], b.pk, True),
    ]
    assert Registrant.objects.get().email == "anna@example.org"
    assert "Tak, vi har modtaget det" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"choice_1": ""}, "Vælg mindst ét møde."),
        ({"p1_region": "Region Hovedstaden"}, "Vælg en af mulighederne."),  # free text is not a region
        ({"p1_role": ""}, "Vælg en rolle."),
        ({"p2_name": "Jonas", "p2_role": "young", "p2_region": "dk-midtjylland", "p2_under_18": "on"}, "Sæt kryds her"),
        ({"consent": ""}, "Du skal give samtykke"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, series, change, message):
    a, _b = meetings(series)
    response = client.post("/arrangementer/serie/tillidsbroen/", form_data(a) | change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_second_application_from_the_same_person_is_not_saved_and_the_page_does_not_tell(client, series):
    from outbox.models import Message

    a, b = meetings(series)
    first = client.post("/arrangementer/serie/tillidsbroen/", form_data(a))
    second = client.post(
        "/arrangementer/serie/tillidsbroen/",
        form_data(b, p1_email="ANNA@example.org", registrant_email="x@example.org"),
    )
    assert second.status_code == first.status_code == 302 and second["Location"] == first["Location"]
    assert Registration.objects.count() == 1
    assert Message.objects.filter(topic="already").count() == 1


def test_unknown_series_is_404(client, series):
    assert client.get("/arrangementer/serie/findes-ikke/").status_code == 404


def test_admin_series_selection_shows_balance_and_confirms(admin_client, series):
    from campaigns import services

    a, b = meetings(series, capacity=1)
    [p1] = services.register_series(
        series.pk,
        services.SeriesApplication(
            "Anna",
            "anna@example.org",
            [services.RegistrationData(name="Anna", email="anna@example.org", role="parent", region="dk-sjaelland")],
            [a.pk, b.pk],
        ),
    )
    url = f"/admin/tilmeldinger/serie/{series.pk}/udvaelgelse/"
    html = admin_client.get(url).content.decode()
    assert "Balance i hele serien" in html and "Region Sjælland" in html and "(1. ønske)" in html
    # A decision that is not a meeting of the series changes nothing.
    response = admin_client.post(url, {f"decision-{p1.pk}": "999999"})
    assert response.status_code == 200 and "Vælg en beslutning for alle ansøgere." in response.content.decode()
    p1.refresh_from_db()
    assert p1.state == "received"
    response = admin_client.post(url, {f"decision-{p1.pk}": str(b.pk)})
    assert response.status_code == 302
    p1.refresh_from_db()
    assert (p1.state, p1.event_id) == ("confirmed", b.pk)


def test_import_event_with_series(site_tree, tmp_path):
    event = {
        "type": "event",
        "locale": "nb",
        "slug": "dialogmote-bergen",
        "title": "Dialogmøte i Bergen",
        "start": "2027-03-22T16:00:00+01:00",
        "end": "2027-03-22T19:00:00+01:00",
        "capacity": 30,
        "mode": "application",
        "series": {
            "slug": "likeverdsreformen",
            "title": "Likeverdsreformen i hverdagen",
            "closes": "2027-02-01T12:00:00+01:00",
            "max_participants": 2,
        },
    }
    second = event | {"slug": "dialogmote-oslo", "title": "Dialogmøte i Oslo", "series": "likeverdsreformen"}
    path = write_jsonl(tmp_path / "events.jsonl", [event, second])
    call_command("import_content", str(path), stdout=io.StringIO())
    series = EventSeries.objects.get(slug="likeverdsreformen")
    assert series.locale.language_code == "nb" and series.max_participants == 2
    assert set(EventPage.objects.filter(series=series).values_list("slug", flat=True)) == {
        "dialogmote-bergen",
        "dialogmote-oslo",
    }


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ("findes-ikke", "does not exist"),
        ({"slug": "x"}, '"title"'),
        ({"slug": "x", "title": "X", "mode": "lottery"}, '"series.mode"'),
        (42, '"series" must be a slug or an object'),
    ],
)
def test_bad_series_in_import_is_explained(site_tree, tmp_path, series, message):
    event = {
        "type": "event",
        "locale": "da",
        "slug": "moede",
        "title": "Møde",
        "start": "2027-03-22T16:00",
        "end": "2027-03-22T19:00",
        "series": series,
    }
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_content", str(write_jsonl(tmp_path / "e.jsonl", [event])), stdout=io.StringIO(), stderr=err
        )
    assert message in err.getvalue()
    assert not EventPage.objects.filter(slug="moede").exists()


def test_changing_a_series_renders_cached_pages_afresh(series):
    from home import chrome

    before = chrome.version()
    series.title = "Tillidsbroen 2027"
    series.save()
    assert chrome.version() != before
