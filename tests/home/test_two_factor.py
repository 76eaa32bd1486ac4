"""Admin logins: a second factor (TOTP or a recovery code) is required in production; login throttling locks out."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.home.test_settings import configured_production

pytestmark = pytest.mark.django_db
PASSWORD = "en-lang-adgangskode-til-test"


@pytest.fixture
def staff(django_user_model, site_tree):
    return django_user_model.objects.create_superuser("redaktoer", "r@example.org", PASSWORD)


def login(client, username="redaktoer", password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def test_production_settings_require_two_factor():
    report, _ = configured_production()
    assert report["two_factor"] is True and report["login_url"] == "wagtailadmin_login"


def test_admin_login_requires_setting_up_and_then_giving_a_second_factor(client, staff, settings):
    settings.TWO_FACTOR_REQUIRED = True
    # django-otp slows down wrong codes (1 s, 2 s, 4 s …); the test does not wait for that
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    assert login(client).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/2fa/opsaet/")
    for path in ("/admin/pages/", "/admin/search-report/", "/admin/snippets/", "/admin/users/"):
        assert client.get(path).url.startswith("/admin/2fa/opsaet/"), path

    html = client.get(response.url).content.decode()
    assert "Slå totrinsbekræftelse til" in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post("/admin/2fa/opsaet/", {"code": "000000", "next": "/admin/"})
    assert "Koden passer ikke" in response.content.decode()
    response = client.post("/admin/2fa/opsaet/", {"code": code_for(device), "next": "/admin/"})
    codes = re.findall(r"<code>([0-9a-f]{10})</code>", response.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200

    # a new login: the password alone opens nothing
    client.logout()
    login(client)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response.url.startswith("/admin/2fa/?next=/admin/pages/")
    assert client.post("/admin/2fa/", {"code": "123456"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    # a recovery code works once
    response = client.post("/admin/2fa/", {"code": codes[0], "next": "/admin/pages/"})
    assert response.status_code == 302 and response.url == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    login(client)
    assert "Koden passer ikke" in client.post("/admin/2fa/", {"code": codes[0]}).content.decode()
    assert client.get("/admin/").status_code == 302


def test_two_factor_is_optional_in_development_until_set_up(client, staff, settings):
    settings.TWO_FACTOR_REQUIRED = False
    login(client)
    assert client.get("/admin/").status_code == 200
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client.logout()
    login(client)
    assert client.get("/admin/").url.startswith("/admin/2fa/")
    assert client.post("/admin/2fa/", {"code": code_for(device), "next": "/admin/"}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_next_parameter_cannot_send_people_elsewhere(client, staff, settings):
    settings.TWO_FACTOR_REQUIRED = False
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    login(client)
    response = client.post("/admin/2fa/", {"code": code_for(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"


def test_repeated_wrong_passwords_lock_the_login(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, password="forkert").status_code == 200
    assert login(client, password="forkert").status_code == 429  # the fifth failure locks
    response = login(client)  # then even the right password is refused
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # not logged in


def test_permission_failures_lead_to_the_admin_login_not_a_404(client, site_tree):
    from tests.campaigns.factories import EventPageFactory

    event = EventPageFactory()
    response = client.get(f"/admin/tilmeldinger/{event.pk}/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
