"""/healthz/ and /readyz/ for a load balancer; the database down gives a clear 503, never a 500."""

import datetime

import pytest
from django.core.checks import run_checks
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

import outbox

pytestmark = pytest.mark.django_db


def test_liveness_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_readiness_reports_every_dependency(client, site_tree):
    response = client.get("/readyz/")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search", "outbox"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_outbox_backlog_is_degraded_but_still_ready(client, site_tree):
    message = outbox.send("anna@example.org", "Kvittering", "Tak")
    message.__class__.objects.update(next_try=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/readyz/")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["outbox"] == {**body["checks"]["outbox"], "ok": False, "pending": 1, "overdue": 1}


def test_without_the_database_readiness_fails(client, monkeypatch):
    from config import health

    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "check_database", down)
    response = client.get("/readyz/")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    assert "connection refused" in response.json()["checks"]["database"]["error"]


@pytest.mark.parametrize(
    "language, text",
    [("da", "Intet er registreret endnu"), ("nb", "Ingenting er registrert ennå")],
)
def test_a_form_posted_while_the_database_is_down_gets_a_translated_503(sample_content, monkeypatch, language, text):
    from campaigns import services
    from tests.campaigns.factories import EventPageFactory, event_index
    from tests.campaigns.test_event_views import form_data

    event = EventPageFactory(title="Dialogmøde", parent=event_index(language))

    def database_down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "register", database_down)
    client = Client(raise_request_exception=False)
    response = client.post(event.url, form_data(1))
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert text in html and f'lang="{language}"' in html


def test_embedded_search_with_several_app_servers_is_warned_about(settings):
    settings.SEARCH_ENGINE = "embedded"
    settings.APP_SERVERS = 3
    assert "familier.W001" in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.APP_SERVERS = 1
    assert "familier.W001" not in [m.id for m in run_checks(include_deployment_checks=True)]
