"""The press page: contacts, press releases, and embargo through Wagtail's scheduled publishing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from knowledge.editorial import ensure_press_page
from knowledge.models import PressContact, PressReleasePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def press(sample_content):
    page = ensure_press_page("da")
    PressContact.objects.create(
        page=page, name="Mette Holm", role="Formand", phone="+45 12 34 56 78", email="presse@example.org"
    )
    return page


def test_press_page_shows_contacts(press, client, django_assert_max_num_queries):
    client.get("/presse/")
    with django_assert_max_num_queries(15):
        html = client.get("/presse/").content.decode()
    assert "<strong>Mette Holm</strong><br>Formand" in html
    assert '<a href="tel:+4512345678">+45 12 34 56 78</a>' in html
    assert '<a href="mailto:presse@example.org">presse@example.org</a>' in html
    assert "Der er ingen pressemeddelelser endnu." in html


def test_embargoed_release_appears_when_its_time_comes(press, client):
    release = PressReleasePage(
        title="Ny rapport om klagesager", slug="ny-rapport", intro="Hver anden klage får medhold."
    )
    press.add_child(instance=release)
    release.unpublish() if release.live else None
    embargo = timezone.now() + datetime.timedelta(hours=2)
    release.go_live_at = embargo
    release.save_revision(approved_go_live_at=embargo)
    release = PressReleasePage.objects.get(pk=release.pk)
    assert not release.live
    assert "Ny rapport om klagesager" not in client.get("/presse/").content.decode()
    assert client.get("/presse/ny-rapport/").status_code == 404

    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=embargo + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    assert PressReleasePage.objects.get(pk=release.pk).live
    assert "Ny rapport om klagesager" in client.get("/presse/").content.decode()
    assert "Hver anden klage får medhold." in client.get("/presse/ny-rapport/").content.decode()
