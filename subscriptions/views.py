"""Follow a guide: the form's target, the neutral "check your e-mail" page, confirm and unsubscribe.

The follow form sits on cached public pages, so it carries no CSRF token and its target is CSRF-exempt:
it acts for nobody (no login, no session) and can only make us send one confirmation mail to the address
typed, which the per-IP and per-address limits cap. The unsubscribe URL is CSRF-exempt for RFC 8058
one-click POSTs from mail programs; its signed token is the authority. Confirming is a normal form.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from campaigns.protection import RATE_LIMIT_MESSAGE, rate_limited
from subscriptions import services, tokens
from subscriptions.forms import FollowForm


def _language() -> str:
    return "nb" if (get_language() or "").startswith("nb") else "da"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow(request):
    """GET ?side=<page id>[&emne=…] shows the form on its own page; POST subscribes (the same answer for
    a new address, an unconfirmed one and one that already follows)."""
    status = 200
    if request.method == "POST":
        form = FollowForm(request.POST)
        if rate_limited(request, "follow"):
            form.is_valid()
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        elif form.is_valid():
            if not form.is_spam():
                data = form.cleaned_data
                services.subscribe(
                    form.followed_page,
                    email=data["email"],
                    topic=data["emne"],
                    frequency=data["frequency"],
                    language=_language(),
                )
            return redirect(reverse("subscriptions:check_email") + f"?side={form.followed_page.pk}")
        else:
            status = 400
    else:
        form = FollowForm(initial={"side": request.GET.get("side"), "emne": request.GET.get("emne", "")})
        page_id = request.GET.get("side", "")
        page = Page.objects.filter(pk=int(page_id)).first() if page_id.isdigit() else None
        if page is None or not services.followable(page.specific):
            raise Http404
    page = getattr(form, "followed_page", None) or _page_from(request.POST.get("side") or request.GET.get("side"))
    context = {
        "form": form,
        "followed": page,
        "confirm_days": tokens.confirm_days(),
        "submit_label": _("Følg"),
    }
    return render(request, "subscriptions/follow.html", context, status=status)


def _page_from(value):
    if not str(value or "").isdigit():
        return None
    page = Page.objects.filter(pk=int(value)).first()
    page = page.specific if page else None
    return page if page is not None and services.followable(page) else None


def check_email(request):
    return render(request, "subscriptions/check_email.html", {"followed": _page_from(request.GET.get("side"))})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows what will be followed and a button (mail scanners only GET); POST starts the subscription."""
    try:
        subscription = tokens.subscription_from_confirm_token(token)
    except tokens.LinkExpired:
        return render(request, "subscriptions/confirm.html", {"expired": True}, status=410)
    if subscription is None:
        return render(request, "subscriptions/confirm.html", {"invalid": True}, status=404)
    context = {"subscription": subscription, "following": services.describe(subscription)}
    if request.method == "POST":
        if rate_limited(request, "follow_confirm"):
            return render(request, "subscriptions/confirm.html", context | {"error": RATE_LIMIT_MESSAGE}, status=429)
        services.confirm(token)
        subscription.refresh_from_db()
        context["done"] = True
    return render(request, "subscriptions/confirm.html", context)


@csrf_exempt
@never_cache  # a signed link's answer changes once used: never kept by the page cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows one button; POST (the button, or a mail program's one-click request) unsubscribes."""
    if not tokens.unsubscribe_token_genuine(token):
        return render(request, "subscriptions/unsubscribe.html", {"invalid": True}, status=404)
    subscription = tokens.subscription_from_unsubscribe_token(token)
    if request.method == "POST":
        if subscription is not None:
            services.unsubscribe(subscription)
        return render(request, "subscriptions/unsubscribe.html", {"done": True})
    if subscription is None:  # already unsubscribed: say so, without telling anything else
        return render(request, "subscriptions/unsubscribe.html", {"done": True})
    return render(
        request,
        "subscriptions/unsubscribe.html",
        {"subscription": subscription, "following": services.describe(subscription)},
    )
