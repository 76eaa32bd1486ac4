"""The legal register's chooser: find a provision by section number ("86", "§ 86", "BL 86"), see its country,
and narrow the list to one country.

Wagtail's default snippet chooser searches with the search backend's autocomplete, which only covers
AutocompleteFields (the law's name), so a section number found nothing.
"""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from knowledge.models import LegalProvision

SECTION_NUMBER = re.compile(r"^\d+[a-z]?(?:-\d+[a-z]?)?$")
#: words that say "section" or "subsection" and carry no search meaning
NOISE = {"§", "§§", "stk", "stk.", "ledd", "paragraf"}


def filter_provisions(objects, query: str):
    """Every word of the query must match: section numbers the section exactly, other words law or short name."""
    words = [word for word in query.replace("§", " § ").lower().split() if word not in NOISE]
    for word in words:
        if SECTION_NUMBER.match(word):
            # "86" finds "§ 86" and "§ 86 a", not "§ 186" or "§ 3-86"; "3-6" finds "§ 3-6"
            objects = objects.filter(section__iregex=rf"(^|[^0-9a-z-]){re.escape(word)}([^0-9]|$)")
        else:
            objects = objects.filter(
                Q(law__icontains=word) | Q(short_name__icontains=word) | Q(section__icontains=word)
            )
    return objects


class LegalProvisionFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Søg"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Lov eller paragraf, fx 'Barnets lov § 86' eller '86'")}),
    )
    jurisdiction = forms.ChoiceField(
        label=_("Land"), required=False, choices=[("", _("Alle lande")), *LegalProvision.Jurisdiction.choices]
    )

    def filter(self, objects):
        if jurisdiction := self.cleaned_data.get("jurisdiction"):
            objects = objects.filter(jurisdiction=jurisdiction)
        if query := (self.cleaned_data.get("q") or "").strip():
            objects = filter_provisions(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class LegalProvisionChooseMixin:
    filter_form_class = LegalProvisionFilterForm

    @property
    def columns(self):
        return [
            *super().columns,
            Column("jurisdiction", label=_("Land"), accessor="get_jurisdiction_display"),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class LegalProvisionChooseView(LegalProvisionChooseMixin, ChooseView):
    pass


class LegalProvisionChooseResultsView(LegalProvisionChooseMixin, ChooseResultsView):
    pass


class LegalProvisionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = LegalProvisionChooseView
    choose_results_view_class = LegalProvisionChooseResultsView
