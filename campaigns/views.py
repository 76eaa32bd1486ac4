"""Thin public views: forms in, services do the work, templates show the outcome. Never a 500 for bad input."""

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns import services, tokens
from campaigns.forms import (
    CounsellingForm,
    MembershipForm,
    RegistrationForm,
    SeriesApplicationForm,
    SignatureForm,
)
from campaigns.models import Signature
from campaigns.models.choices import RegistrationState
from campaigns.protection import RATE_LIMIT_MESSAGE, rate_limited
from campaigns.retention import registration_retention_days
from home.site_url import absolute


def _language() -> str:
    return (get_language() or "da").split("-")[0]


# -- events ------------------------------------------------------------------------------


def hide_online_link(event, request) -> str:
    """Return the real online link and replace it on this in-memory page with the public page URL.

    Everything that renders the page (our templates, the site-wide Open Graph/JSON-LD tags) then sees
    only the public address; the join link itself is shown to confirmed participants only.
    """
    link = event.online_url
    if link:
        event.online_url = event.get_full_url(request) or ""
    return link


def event_register(request, event):
    hide_online_link(event, request)
    form, status = None, 200
    if event.registration_status() == "open" and not event.series_id:
        form = (
            RegistrationForm(request.POST or None, event=event, language=_language())
            if request.method == "POST"
            else RegistrationForm(event=event, language=_language())
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Tilmeldingen er lukket."))
            return HttpResponseRedirect(event.url)
        if rate_limited(request, "register"):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        elif form.is_valid():
            if form.is_spam():
                return redirect(event.url)
            try:
                services.register(
                    event.pk, services.RegistrationData.from_cleaned_data(form.cleaned_data, language=_language())
                )
            except (services.DuplicateRegistration, services.TooManyAttempts):
                # Answered exactly like a new registration: the page never tells whether an address takes part.
                return HttpResponseRedirect(event.url + event.reverse_subpage("registered"))
            except services.RegistrationError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                # The personal page (state, online link, cancel) is reached only through the link in the
                # receipt e-mail, so only someone who reads that address sees it.
                return HttpResponseRedirect(event.url + event.reverse_subpage("registered"))
        else:
            status = 400
    context = event.get_context(request) | {"form": form, "seats_left": event.seats_left()}
    if event.series_id:
        context["series_url"] = event.series.get_url(request)
    return TemplateResponse(request, event.get_template(request), context, status=status)


def series_apply(request, index, series):
    """The public page of a series: its meetings and one application naming them in order of preference."""
    meetings = [m for m in series.meetings() if m.capacity > 0]
    form, status = None, 200
    status_name = series.registration_status()
    upcoming = [m for m in meetings if m.start > timezone.now()]
    if status_name == "open":
        form = SeriesApplicationForm(
            request.POST if request.method == "POST" else None, series=series, meetings=upcoming, language=_language()
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Tilmeldingen er lukket."))
            return HttpResponseRedirect(request.path)
        if rate_limited(request, "register"):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        elif form.is_valid():
            if form.is_spam():
                return redirect(request.path + "?sendt=1")
            data = form.cleaned_data
            application = services.SeriesApplication(
                registrant_name=data["registrant_name"],
                registrant_email=data["registrant_email"],
                registrant_phone=data.get("registrant_phone", ""),
                participants=[services.RegistrationData.from_cleaned_data(row) for row in form.participants],
                preferences=form.preferences,
                guardian=bool(data.get("guardian")),
                language=_language(),
            )
            try:
                services.register_series(series.pk, application)
            except services.TooManyAttempts:
                return redirect(request.path + "?sendt=1")  # answered like any application, no e-mail
            except services.RegistrationError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                return redirect(request.path + "?sendt=1")
        else:
            status = 400
    context = index.get_context(request) | {
        "page": index,
        "series": series,
        "meetings": meetings,
        "form": form,
        "status": status_name,
        "sent": request.GET.get("sendt") == "1",
    }
    return TemplateResponse(request, "campaigns/series_page.html", context, status=status)


def event_registered(request, event):
    """The receipt page after registering: the same for everyone, whatever the address's history."""
    hide_online_link(event, request)
    return TemplateResponse(request, "campaigns/event_registered.html", {"page": event, "event": event})


@require_http_methods(["GET", "POST"])
def registration_manage(request, token):
    """The person's own page for a registration (reached through the signed link): state, online link, cancel."""
    try:
        registration = tokens.registration_from_token(token)
    except tokens.LinkExpired:
        return render(request, "campaigns/registration_expired.html", status=410)
    if registration is None:
        return render(request, "campaigns/registration_missing.html", status=404)
    event = registration.event.specific
    online_link = hide_online_link(event, request)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if rate_limited(request, "manage"):
                messages.error(request, RATE_LIMIT_MESSAGE)
            elif action == "cancel" and registration.state not in (
                RegistrationState.CANCELLED,
                RegistrationState.DECLINED,
            ):
                services.cancel(registration.pk)
                messages.success(request, _("Du er nu afmeldt. Vi sender dig en bekræftelse på e-mail."))
            elif action == "delete":
                services.cancel_and_forget(registration.pk)
                return render(request, "campaigns/registration_deleted.html", {"event": event})
        except services.RegistrationError as error:
            # The registration changed meanwhile (e.g. an editor decided it): say so, change nothing.
            messages.error(request, str(error))
        return redirect("campaigns:registration", token=token)
    registration.refresh_from_db()
    return render(
        request,
        "campaigns/registration.html",
        {
            "registration": registration,
            "event": event,
            "page": event,
            "online_link": online_link if registration.state == RegistrationState.CONFIRMED else "",
            "waiting_position": services.waiting_position(registration),
            "retention_days": registration_retention_days(),
        },
    )


# -- campaigns ---------------------------------------------------------------------------


def campaign_sign(request, campaign):
    form, status = None, 200
    if campaign.is_open():
        form = SignatureForm(request.POST if request.method == "POST" else None, campaign=campaign)
    if request.method == "POST" and form is not None:
        if rate_limited(request, "sign"):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        elif form.is_valid():
            if not form.is_spam():
                data = form.cleaned_data
                try:
                    # The same answer whether the address is new, unconfirmed or already counted:
                    # what differs is said in the e-mail to that address.
                    services.sign(
                        campaign,
                        name=data["name"],
                        email=data["email"],
                        municipality=data["municipality"],
                        show_name=data["show_name"],
                        language=_language(),
                    )
                except services.SignatureError as error:
                    form.add_error("email", str(error))
                    status = 400
            if status == 200:
                return redirect(campaign.url + campaign.reverse_subpage("thanks"))
        else:
            status = 400
    stats = campaign.stats()
    context = campaign.get_context(request) | {
        "form": form,
        "count": stats["count"],
        "percent": stats["percent"],
        "signers": stats["signers"],
        "share": share_links(absolute(campaign.url), campaign.title),
    }
    return TemplateResponse(request, campaign.get_template(request), context, status=status)


def share_links(url: str, title: str) -> list[dict]:
    """Plain links to share a page: no third-party scripts, nothing loaded until the reader clicks."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        {"name": "Facebook", "url": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"name": "LinkedIn", "url": f"https://www.linkedin.com/sharing/share-offsite/?url={u}"},
        {"name": "Bluesky", "url": f"https://bsky.app/intent/compose?text={t}%20{u}"},
        {"name": "X", "url": f"https://x.com/intent/post?text={t}&url={u}"},
        {"name": _("E-mail"), "url": f"mailto:?subject={t}&body={u}"},
    ]


def campaign_thanks(request, campaign):
    stats = campaign.stats()
    return TemplateResponse(
        request,
        "campaigns/campaign_thanks.html",
        {
            "page": campaign,
            "count": stats["count"],
            "percent": stats["percent"],
            "share": share_links(absolute(campaign.url), campaign.title),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm_signature(request, token):
    """GET shows what will be published and a button; POST counts the signature (mail scanners only GET)."""
    try:
        pk = tokens.signature_pk_from_token(token)
    except tokens.LinkExpired:
        return render(request, "campaigns/signature_confirm.html", {"expired": True}, status=410)
    signature = Signature.objects.select_related("campaign").filter(pk=pk, anonymised=False).first() if pk else None
    if signature is None:
        return render(request, "campaigns/signature_confirm.html", {"invalid": True}, status=404)
    campaign = signature.campaign
    if request.method == "POST":
        if rate_limited(request, "confirm"):
            messages.error(request, RATE_LIMIT_MESSAGE)
            return redirect("campaigns:confirm_signature", token=token)
        services.confirm_signature(token)
        return redirect(campaign.url + campaign.reverse_subpage("thanks") + "?bekraeftet=1")
    return render(request, "campaigns/signature_confirm.html", {"signature": signature, "campaign": campaign})


# -- membership and counselling ------------------------------------------------------------


def _simple_form(request, form_class, kind: str, template: str):
    status = 200
    if request.GET.get("sendt") == "1":
        return render(request, template, {"sent": True})
    form = form_class(request.POST or None) if request.method == "POST" else form_class()
    if request.method == "POST":
        if rate_limited(request, kind):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        elif form.is_valid():
            if not form.is_spam():
                services.submit_form(
                    kind, form.cleaned_data, consent_text=form.fields["consent"].label, language=_language()
                )
            return redirect(request.path + "?sendt=1")
        else:
            status = 400
    return render(request, template, {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def membership(request):
    return _simple_form(request, MembershipForm, "membership", "campaigns/membership_form.html")


@require_http_methods(["GET", "POST"])
def counselling(request):
    return _simple_form(request, CounsellingForm, "counselling", "campaigns/counselling_form.html")
