"""Two-factor authentication for the Wagtail admin, with django-otp (TOTP apps and one-time recovery codes).

Why django-otp and this small module: django-otp is maintained and framework-neutral (TOTP, static recovery
codes, throttling of wrong codes); the Wagtail add-on built on it (wagtail-2fa) is not maintained for
Wagtail 8, and wagtail-mfa is alpha without TOTP. What Wagtail needs on top is a middleware and two views.

- After the password, a user with admin access who has a confirmed device must enter a code from it (or a
  recovery code) before any admin page opens (`/admin/2fa/`).
- With TWO_FACTOR_REQUIRED (production), a user without a device is sent to set one up first
  (`/admin/2fa/opsaet/`); ten recovery codes are shown once. In development it stays optional.
"""

from __future__ import annotations

import base64
import secrets

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
#: admin paths reachable before the second factor: logging in and out, and the 2FA views themselves
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/2fa/", "/admin/password_reset/", "/admin/jsi18n/")


def _needs_admin_2fa(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        return False
    return True


class RequireTwoFactorMiddleware:
    """Sends an admin user to the code form (or, when required, to set-up) until the second factor is given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(("/admin/", "/django-admin/")) and not path.startswith(OPEN_PATHS):
            if _needs_admin_2fa(request):
                if user_has_device(request.user):
                    return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
                if getattr(settings, "TWO_FACTOR_REQUIRED", False):
                    return redirect(f"{reverse('two_factor_setup')}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("Den 6-cifrede kode fra din app, eller en af dine engangskoder."),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return reverse("wagtailadmin_home")
    return target


def verify(request):
    """Second step of the login: a code from the app or a recovery code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("Koden passer ikke. Prøv igen med en ny kode."))
    return TemplateResponse(request, "home/two_factor/verify.html", {"form": form, "next": _next_url(request)})


def setup(request):
    """Set up an authenticator app: show the secret, confirm with a first code, show the recovery codes once."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=_("Godkendelsesapp"), confirmed=False
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
            codes = new_recovery_codes(user)
            otp_login(request, device)
            return TemplateResponse(
                request, "home/two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
            )
        form.add_error("code", _("Koden passer ikke. Tjek, at telefonens ur går rigtigt, og prøv igen."))
    secret = _base32(device.bin_key)
    return TemplateResponse(
        request,
        "home/two_factor/setup.html",
        {"form": form, "secret": secret, "config_url": device.config_url, "next": _next_url(request)},
    )


def new_recovery_codes(user) -> list[str]:
    """Ten one-time codes for when the phone is lost (replacing any earlier ones)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Engangskoder"), confirmed=True)
    codes = [secrets.token_hex(5) for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
