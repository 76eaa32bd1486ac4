"""The editors' search report (Wagtail admin → Søgestatistik): last 30 days of the query log.

Top queries, zero-result queries and queries nobody clicked. From a zero-result query an editor adds
a synonym (the query joins an existing word's synonym group) or a promotion (a best bet) in one step;
where the search itself now knows a close word (its "did you mean"), that word is proposed.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminPageChooser
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from search.models import QueryLog, SynonymList
from search.querylog import min_searches, retention_days
from search.service import run_search

DAYS = 30
#: reading the report, adding a synonym from it, adding a best bet from it
VIEW_PERMISSION = "sitesearch.view_querylog"
SYNONYM_PERMISSIONS = ("sitesearch.add_synonymlist", "sitesearch.change_synonymlist")
PROMOTION_PERMISSION = "wagtailsearchpromotions.add_searchpromotion"
EDITOR_LIST_NAME = {"da": "Tilføjet fra søgestatistikken", "nb": "Lagt til fra søkestatistikken"}


class SynonymForm(forms.Form):
    query = forms.CharField(max_length=200, widget=forms.HiddenInput)
    locale = forms.ChoiceField(choices=[("da", "da"), ("nb", "nb")], widget=forms.HiddenInput)
    word = forms.CharField(label=gettext_lazy("betyder det samme som"), max_length=200)


class PromotionForm(forms.Form):
    query = forms.CharField(max_length=200, widget=forms.HiddenInput)
    locale = forms.ChoiceField(choices=[("da", "da"), ("nb", "nb")], widget=forms.HiddenInput)
    page = forms.ModelChoiceField(
        queryset=Page.objects.filter(depth__gt=1), label=gettext_lazy("vis denne side først"), widget=AdminPageChooser()
    )


def report_data(today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=DAYS)
    logs = QueryLog.objects.filter(date__gt=since)
    # Only queries many people typed are shown: a rare query is more likely to say something about a person.
    grouped = (
        logs.exclude(query="")
        .values("query", "locale")
        .annotate(
            searches=Count("id"),
            clicks=Count("id", filter=Q(clicked_rank__isnull=False)),
            results=Max("results"),
        )
        .filter(searches__gte=min_searches())
    )
    return {
        "since": since,
        "total": logs.count(),
        "top": list(grouped.order_by("-searches", "query")[:50]),
        "zero": list(grouped.filter(results=0).order_by("-searches", "query")[:50]),
        "unclicked": list(grouped.filter(results__gt=0, clicks=0).order_by("-searches", "query")[:50]),
    }


def proposed_word(query: str, locale: str) -> str:
    """The search's own "did you mean" for a query readers found nothing for ("" when it has none, or is
    down): learned from the index's vocabulary, offered to the editor as the word the query means."""
    try:
        suggestion = run_search(query, locale, limit=1, log=False).results.suggestion
    except Exception:  # noqa: BLE001 - a proposal is a convenience; the report works without it
        return ""
    return suggestion if suggestion and suggestion.casefold() != query.casefold() else ""


def add_synonym(query: str, locale: str, word: str) -> SynonymList:
    """Put the query in the same group as `word` in the editors' list of the locale (created if missing)."""
    synonym_list, _created = SynonymList.objects.get_or_create(locale=locale, name=EDITOR_LIST_NAME[locale])
    synonym_list.add_group([word, query])
    synonym_list.save()
    return synonym_list


def add_promotion(query: str, page: Page):
    search_query = Query.get(query)
    order = (search_query.editors_picks.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    return SearchPromotion.objects.get_or_create(query=search_query, page=page, defaults={"sort_order": order})[0]


def search_report(request):
    user = request.user
    if not user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        if (action == "synonym" and not user.has_perms(SYNONYM_PERMISSIONS)) or (
            action == "promotion" and not user.has_perm(PROMOTION_PERMISSION)
        ):
            raise PermissionDenied
        if action == "synonym":
            form = SynonymForm(request.POST)
            if form.is_valid():
                add_synonym(form.cleaned_data["query"], form.cleaned_data["locale"], form.cleaned_data["word"])
                messages.success(request, _("“%(query)s” søger nu også efter “%(word)s”.") % form.cleaned_data)
                return redirect("sitesearch_report")
        elif action == "promotion":
            form = PromotionForm(request.POST)
            if form.is_valid():
                add_promotion(form.cleaned_data["query"], form.cleaned_data["page"])
                messages.success(
                    request,
                    _("“%(query)s” viser nu “%(page)s” først.")
                    % {"query": form.cleaned_data["query"], "page": form.cleaned_data["page"].title},
                )
                return redirect("sitesearch_report")
        messages.error(request, _("Udfyld feltet, og prøv igen."))
    data = report_data()
    for row in data["zero"]:
        initial = {"query": row["query"], "locale": row["locale"]}
        row["proposal"] = proposed_word(row["query"], row["locale"])
        row["synonym_form"] = SynonymForm(
            initial={**initial, "word": row["proposal"]}, auto_id=f"syn-{row['locale']}-%s-{abs(hash(row['query']))}"
        )
        row["promotion_form"] = PromotionForm(
            initial=initial, auto_id=f"pro-{row['locale']}-%s-{abs(hash(row['query']))}"
        )
    media = PromotionForm().media
    return TemplateResponse(
        request,
        "search/admin/report.html",
        {
            **data,
            "days": DAYS,
            "media": media,
            "retention_days": retention_days(),
            "min_searches": min_searches(),
            "can_add_synonym": user.has_perms(SYNONYM_PERMISSIONS),
            "can_add_promotion": user.has_perm(PROMOTION_PERMISSION),
        },
    )
