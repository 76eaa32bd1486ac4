"""A StreamField block for guides: the deadline calculator for one kind of decision, inline."""

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from deadlines.models import JURISDICTION_BY_LANGUAGE, DeadlineCalculatorPage, DeadlineRule
from home.blocks import LocalisedHeadingMixin, optional_heading


class DeadlineCalculatorBlock(LocalisedHeadingMixin, blocks.StructBlock):
    default_heading = gettext_noop("Beregn din klagefrist")
    heading = optional_heading(default_heading)
    rule = SnippetChooserBlock("deadlines.DeadlineRule", label=_("Klagefrist"))

    class Meta:
        icon = "date"
        template = "deadlines/blocks/deadline_calculator.html"
        label = _("Fristberegner")
        description = _("Fristberegneren for én slags afgørelse, direkte i vejledningen.")

    def get_preview_value(self):
        """The calculator for the first rule of the active language's country (none when there are no rules)."""
        language = get_language() or "da"
        rule = DeadlineRule.objects.filter(jurisdiction=JURISDICTION_BY_LANGUAGE.get(language, "dk")).first()
        return self.normalize({"heading": "", "rule": rule})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        calculators = DeadlineCalculatorPage.objects.live()
        if page is not None:
            calculators = calculators.filter(locale_id=page.locale_id)
        else:  # no page (the block preview in the admin): the calculator in the active language
            calculators = calculators.filter(locale__language_code=get_language() or "da")
        context["calculator"] = calculators.first()
        context["field_id"] = f"deadline-{value['rule'].pk if value.get('rule') else 0}-{id(value) % 10000}"
        return context
