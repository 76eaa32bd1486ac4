"""The editor's side: registrations per event, CSV, actions, selection for breadth, the dashboard panel."""

import csv
import io

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Registration
from outbox.models import Message
from tests.campaigns.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(site_tree, person):
    event = EventPageFactory(title="Temadag i Odense", capacity=2)
    for n in range(3):
        services.register(event.pk, person(n, organisation=f"Org {n}"))
    return event


def test_registrations_list_filter_search_and_csv(admin_client, full_event):
    url = reverse("campaigns_admin:registrations", args=[full_event.pk])
    html = admin_client.get(url).content.decode()
    assert "person0@example.org" in html and "person2@example.org" in html
    assert "2 af 2 pladser taget (100 %)" in html and "Arrangementet er fuldt." in html
    html = admin_client.get(url + "?state=waitlisted").content.decode()
    assert "person2@example.org" in html and "person0@example.org" not in html
    html = admin_client.get(url + "?q=Org+1").content.decode()
    assert "person1@example.org" in html and "person0@example.org" not in html
    response = admin_client.get(url + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ID;tilmeldt;status;navn") and len(lines) == 4
    assert "På venteliste" in lines[3]


def test_actions_go_through_the_services(admin_client, full_event):
    url = reverse("campaigns_admin:registrations", args=[full_event.pk])
    first = Registration.objects.get(email="person0@example.org")
    response = admin_client.post(url, {"action": "cancel", "registration": first.pk}, follow=True)
    assert "Afmeldt" in response.content.decode()
    assert Registration.objects.get(email="person2@example.org").state == "confirmed"  # promoted
    waiting = Registration.objects.get(email="person1@example.org")
    html = admin_client.post(url, {"action": "waitlist", "registration": waiting.pk}, follow=True).content.decode()
    assert Registration.objects.get(pk=waiting.pk).state == "waitlisted"
    before = Message.objects.filter(to=["person1@example.org"]).count()
    admin_client.post(url, {"action": "resend", "registration": waiting.pk})
    assert Message.objects.filter(to=["person1@example.org"]).count() == before + 1
    # Confirming beyond the capacity is refused with a message, not a 500.
    admin_client.post(url, {"action": "confirm", "registration": waiting.pk})
    html = admin_client.post(url, {"action": "confirm", "registration": first.pk}, follow=True).content.decode()
    assert "Der er ikke plads nok" in html or "kan ikke gå fra" in html


def test_selection_proposal_adjust_and_confirm(admin_client, site_tree, person):
    event = EventPageFactory(capacity=2, mode="application")
    regs = [services.register(event.pk, person(n, region=["Nord", "Nord", "Syd"][n])) for n in range(3)]
    url = reverse("campaigns_admin:selection", args=[event.pk])
    html = admin_client.get(url).content.decode()
    assert "2 forskellige blandt de valgte" in html and "1 ved først til mølle" in html
    decisions = {
        f"decision-{regs[0].pk}": "confirmed",
        f"decision-{regs[1].pk}": "declined",
        f"decision-{regs[2].pk}": "confirmed",
    }
    response = admin_client.post(url, decisions)
    assert response.status_code == 302
    assert [Registration.objects.get(pk=r.pk).state for r in regs] == ["confirmed", "declined", "confirmed"]
    assert Message.objects.filter(to=["person1@example.org"], topic="declined").exists()


def test_selection_with_too_many_seats_shows_a_message(admin_client, site_tree, person):
    event = EventPageFactory(capacity=1, mode="application")
    regs = [services.register(event.pk, person(n)) for n in range(2)]
    response = admin_client.post(
        reverse("campaigns_admin:selection", args=[event.pk]), {f"decision-{r.pk}": "confirmed" for r in regs}
    )
    assert response.status_code == 200 and "kun 1 ledige" in response.content.decode()
    assert set(Registration.objects.values_list("state", flat=True)) == {"received"}


def test_dashboard_panel_warns_at_80_and_100_percent(admin_client, site_tree, person):
    full = EventPageFactory(title="Fuldt møde", capacity=1)
    nearly = EventPageFactory(title="Næsten fuldt møde", capacity=5)
    services.register(full.pk, person(1))
    for n in range(4):
        services.register(nearly.pk, person(10 + n))
    html = admin_client.get("/admin/").content.decode()
    assert "Pladser til kommende arrangementer" in html
    assert "1 / 1 (100 %)" in html and "4 / 5 (80 %)" in html
    assert "Fuldt" in html and "Over 80 %" in html


def test_overview_and_submissions_are_listed(admin_client, full_event):
    assert "Temadag i Odense" in admin_client.get(reverse("campaigns_admin:events")).content.decode()
    for name in ("membershipapplication", "counsellingrequest", "signature"):
        assert admin_client.get(f"/admin/snippets/campaigns/{name}/").status_code == 200
    assert admin_client.get("/admin/snippets/outbox/message/").status_code == 200


def test_editors_without_permission_are_refused(client, django_user_model, full_event):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("redaktoer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("campaigns_admin:registrations", args=[full_event.pk]))
    assert response.status_code in (302, 403)


def test_editors_can_open_the_page_editors(admin_client, full_event):
    from tests.campaigns.factories import CampaignPageFactory, PartnershipPageFactory

    for page in (full_event, full_event.get_parent(), CampaignPageFactory(), PartnershipPageFactory()):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    explorer = admin_client.get(reverse("wagtailadmin_explore", args=[full_event.get_parent().pk])).content.decode()
    assert reverse("campaigns_admin:registrations", args=[full_event.pk]) in explorer


def test_registrations_csv_neutralises_formulas(admin_client, site_tree, person):
    event = EventPageFactory(capacity=5)
    services.register(event.pk, person(1, name="=cmd|' /C calc'!A0", organisation="+45 Kommune", dietary="@SUM(A1)"))
    url = reverse("campaigns_admin:registrations", args=[event.pk]) + "?format=csv"
    rows = list(csv.reader(io.StringIO(admin_client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    cells = rows[1]
    assert "'=cmd|' /C calc'!A0" in cells and "'+45 Kommune" in cells and "'@SUM(A1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
