"""The calculator's form: which kind of decision, and the day it was received."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deadlines import calculation


class DeadlineForm(forms.Form):
    rule = forms.TypedChoiceField(
        label=_("Hvilken slags afgørelse har du fået?"),
        coerce=int,
        error_messages={
            "required": _("Vælg, hvilken slags afgørelse du har fået."),
            "invalid_choice": _("Vælg en af afgørelserne på listen."),
        },
    )
    received = forms.DateField(
        label=_("Hvilken dag modtog du afgørelsen?"),
        help_text=_(
            "Den dag, afgørelsen kom frem til dig, ikke den dag, du åbnede den. Med Digital Post er det den dag, "
            "brevet kom i din indbakke. Vælg dagen i datofeltet (dag, måned og år)."
        ),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Skriv den dag, du modtog afgørelsen."),
            "invalid": _("Det er ikke en dato, vi kan læse. Skriv dag, måned og år, fx 02-03-2026."),
        },
    )

    def __init__(self, *args, rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = {rule.pk: rule for rule in rules}
        choices = [(rule.pk, rule.name) for rule in rules]
        if len(choices) == 1:  # one kind of decision: nothing to choose, it is selected
            self.fields["rule"].choices = choices
            self.fields["rule"].initial = choices[0][0]
        else:
            self.fields["rule"].choices = [("", _("Vælg …"))] + choices
        self.fields["rule"].widget.attrs["aria-describedby"] = "rule-help"
        self.fields["received"].widget.attrs["aria-describedby"] = "id_received_helptext"

    def clean_rule(self):
        return self.rules[self.cleaned_data["rule"]]

    def clean_received(self):
        received = self.cleaned_data["received"]
        if received > timezone.localdate():
            raise forms.ValidationError(_("Datoen ligger i fremtiden. Skriv den dag, du modtog afgørelsen."))
        if received < calculation.EARLIEST:
            raise forms.ValidationError(_("Datoen er for langt tilbage til, at vi kan beregne en frist."))
        return received
