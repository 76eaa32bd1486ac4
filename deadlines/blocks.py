"""A StreamField block for guides: the deadline calculator for one kind of decision, inline."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

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

    def get_context(self, value, parent_context=None):
        from deadlines.models import DeadlineCalculatorPage

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        calculator = None
        if page is not None:
            calculator = DeadlineCalculatorPage.objects.live().filter(locale_id=page.locale_id).first()
        context["calculator"] = calculator
        context["field_id"] = f"deadline-{value['rule'].pk if value.get('rule') else 0}-{id(value) % 10000}"
        return context
