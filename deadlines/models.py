"""Complaint-deadline rules (snippets editors manage) and the public calculator page."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from deadlines import calculation
from deadlines.forms import DeadlineForm
from deadlines.ics import deadline_calendar
from home.blocks import RICH_FEATURES
from home.pages import ContentPage

JURISDICTION_BY_LANGUAGE = {"da": "dk", "nb": "no"}


class DeadlineRule(index.Indexed, models.Model):
    """One kind of decision and how long you have to complain about it, with its legal basis."""

    class Unit(models.TextChoices):
        DAYS = calculation.DAYS, _("dage")
        WEEKS = calculation.WEEKS, _("uger")
        MONTHS = calculation.MONTHS, _("måneder")

    class NonWorkingDayRule(models.TextChoices):
        NO_MOVE = calculation.NO_MOVE, _("Fristen flyttes ikke (den sikre side)")
        NEXT_WORKING_DAY = calculation.NEXT_WORKING_DAY, _("Fristen flyttes til næste hverdag")

    jurisdiction = models.CharField(
        _("land"),
        max_length=2,
        choices=[("dk", _("Danmark")), ("no", _("Norge"))],
        default="dk",
        help_text=_("Reglen vises i beregneren på dansk (Danmark) eller norsk (Norge)."),
    )
    name = models.CharField(
        _("slags afgørelse"),
        max_length=255,
        help_text=_("Sådan som forældre kender den, fx 'Afgørelse fra kommunen om hjælp til dit barn'."),
    )
    duration_value = models.PositiveSmallIntegerField(_("fristens længde"))
    duration_unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices, default=Unit.WEEKS)
    counted_from = models.CharField(
        _("regnes fra"),
        max_length=255,
        help_text=_("Fx 'den dag, du modtog afgørelsen'. Brugeren skriver denne dato."),
    )
    legal_basis = models.ForeignKey(
        "knowledge.LegalProvision",
        on_delete=models.PROTECT,
        related_name="deadline_rules",
        verbose_name=_("lovgrundlag"),
        help_text=_("Bestemmelsen i lovregistret, der fastsætter fristen."),
    )
    non_working_day_rule = models.CharField(
        _("når sidste dag er weekend eller helligdag"),
        max_length=20,
        choices=NonWorkingDayRule.choices,
        default=NonWorkingDayRule.NO_MOVE,
        help_text=_("Vælg kun 'flyttes', hvis en lov eller fast praksis siger det, og angiv grundlaget nedenfor."),
    )
    non_working_day_basis = models.ForeignKey(
        "knowledge.LegalProvision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("grundlag for at flytte fristen"),
    )
    notes = models.TextField(_("bemærkninger"), blank=True, help_text=_("Vises under resultatet, fx om undtagelser."))
    next_steps = RichTextField(
        _("det gør du nu"),
        features=RICH_FEATURES,
        blank=True,
        help_text=_("Hvad skal forælderen gøre, fx hvor klagen sendes hen."),
    )
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    panels = [
        FieldPanel("jurisdiction"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("duration_value"), FieldPanel("duration_unit"), FieldPanel("counted_from")], heading=_("Frist")
        ),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [FieldPanel("non_working_day_rule"), FieldPanel("non_working_day_basis")],
            heading=_("Weekend og helligdage"),
        ),
        FieldPanel("notes"),
        FieldPanel("next_steps"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("jurisdiction")]

    class Meta:
        verbose_name = _("klagefrist")
        verbose_name_plural = _("klagefrister")
        ordering = ["jurisdiction", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.duration_value is not None and not 1 <= self.duration_value <= 366:
            errors["duration_value"] = _("Fristen skal være mellem 1 og 366.")
        if self.non_working_day_rule == calculation.NEXT_WORKING_DAY and not self.non_working_day_basis_id:
            errors["non_working_day_basis"] = _("Angiv det lovgrundlag, der siger, at fristen flyttes.")
        if errors:
            raise ValidationError(errors)

    def compute(self, received: datetime.date) -> calculation.DeadlineResult:
        return calculation.compute_deadline(self, received)


class DeadlineCalculatorPage(RoutablePageMixin, ContentPage):
    """The public tool: pick the kind of decision and the day it came → the last day to complain."""

    body = RichTextField(
        _("forklaring"),
        features=RICH_FEATURES,
        blank=True,
        help_text=_("Vises under beregneren, fx at fristen står i klagevejledningen."),
    )

    content_panels = ContentPage.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("fristberegner")

    #: searchable: the site's tools are search results too (type "tool"); the type holds the counselling and
    #: membership forms as well (campaigns/search.py), so its label is "Værktøj", not this page's name
    content_type_name = "tool"
    search_label = pgettext_lazy("search result type", "Værktøj")
    search_label_plural = pgettext_lazy("search result type", "Værktøjer")

    def search_document(self) -> dict:
        """The calculator as a search result: what it does and the kinds of decision it knows."""
        jurisdiction = JURISDICTION_BY_LANGUAGE.get(self.locale.language_code, "dk")
        return {
            "title": self.title,
            "summary": self.intro,
            "headings": list(DeadlineRule.objects.filter(jurisdiction=jurisdiction).values_list("name", flat=True)),
            "body": self.body,
            "topics": [],
            "synonyms": [],
            "date": None,
        }

    def rules(self):
        # the request's language is the page's locale (i18n_patterns); this saves a Locale query
        jurisdiction = JURISDICTION_BY_LANGUAGE.get(translation.get_language() or "da", "dk")
        return DeadlineRule.objects.filter(jurisdiction=jurisdiction).select_related(
            "legal_basis__replaced_by", "non_working_day_basis"
        )

    def calculate(self, request):
        rules = list(self.rules())
        form = DeadlineForm(request.GET or None, rules=rules)
        result = None
        if form.is_valid():
            result = form.cleaned_data["rule"].compute(form.cleaned_data["received"])
        return form, rules, result

    @path("")
    def calculator(self, request):
        form, rules, result = self.calculate(request)
        today = timezone.localdate()
        return self.render(
            request,
            context_overrides={
                "form": form,
                "rules": rules,
                "result": result,
                "today": today,
                "rule": form.cleaned_data["rule"] if result else None,
                "days_left": result.days_left(today) if result else None,
            },
        )

    @path("kalender/")
    def calendar(self, request):
        form, rules, result = self.calculate(request)
        if result is None:
            response = self.calculator(request)
            response.status_code = 400
            return response
        rule = form.cleaned_data["rule"]
        body = deadline_calendar(
            rule, result, url=self.get_full_url(request) or "", language=translation.get_language()
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="klagefrist-{result.last_day.isoformat()}.ics"'
        return response
