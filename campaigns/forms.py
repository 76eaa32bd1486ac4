"""Public forms: event registration, campaign sign-up, membership and counselling. Messages in Danish (nb in the catalog)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from campaigns.models import CounsellingRequest, MembershipApplication
from campaigns.models.choices import Role, region_choices
from campaigns.protection import HoneypotMixin
from campaigns.retention import form_retention_days

REQUIRED_NAME = {"required": _("Skriv dit navn.")}
REQUIRED_EMAIL = {
    "required": _("Skriv din e-mailadresse."),
    "invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."),
}
MESSAGE_MAX_LENGTH = 5000
TOO_LONG = {
    "max_length": _("Skriv højst %(limit_value)d tegn. Teksten har %(show_value)d tegn."),
}


def reject_quoted_local_part(value: str) -> None:
    """A quoted local part (`"a,b"@example.org`) is valid by the RFC but used only to smuggle commas,
    spaces and extra addresses past a mail system; people's real addresses never need one."""
    local, _at, _domain = (value or "").rpartition("@")
    if '"' in local or "\\" in local:
        raise ValidationError(REQUIRED_EMAIL["invalid"], code="invalid")


class PersonalEmailField(forms.EmailField):
    """An e-mail address of a person: the RFC's plain form only (no quoted local part)."""

    default_validators = [*forms.EmailField.default_validators, reject_quoted_local_part]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("error_messages", REQUIRED_EMAIL)
        super().__init__(**kwargs)


REQUIRED_CONSENT = {"required": _("Du skal give samtykke, før vi kan gemme dine oplysninger.")}


def consent_field(text: str) -> forms.BooleanField:
    return forms.BooleanField(label=text, required=True, error_messages=REQUIRED_CONSENT)


def participant_fields(language: str) -> dict[str, forms.Field]:
    """The questions about one participant, declared once for the event form and the series form.

    The names match services.RegistrationData (and the Registration model). Region and role are
    choices: Danish regions on the Danish site, Norwegian landsdeler on the Norwegian one.
    """
    return {
        "name": forms.CharField(label=_("Navn"), max_length=200, error_messages=REQUIRED_NAME),
        "email": PersonalEmailField(label=_("E-mail"), help_text=_("Vi sender bekræftelsen hertil.")),
        "phone": forms.CharField(label=_("Telefon"), max_length=40, required=False),
        "role": forms.ChoiceField(
            label=_("Rolle"),
            choices=[("", _("Vælg"))] + list(Role.choices),
            error_messages={"required": _("Vælg en rolle."), "invalid_choice": _("Vælg en af mulighederne.")},
        ),
        "organisation": forms.CharField(label=_("Organisation eller kommune"), max_length=200, required=False),
        "region": forms.ChoiceField(
            label=_("Region eller landsdel"),
            choices=[("", _("Vælg"))] + region_choices(language),
            error_messages={"required": _("Vælg en region."), "invalid_choice": _("Vælg en af mulighederne.")},
        ),
        "dietary": forms.CharField(
            label=_("Hensyn til kost"), max_length=300, required=False, help_text=_("Fx vegetar eller allergi.")
        ),
        "accessibility_needs": forms.CharField(
            label=_("Behov for tilgængelighed"),
            max_length=300,
            required=False,
            help_text=_("Fx kørestol, tolk, teleslynge eller stillerum."),
        ),
    }


class RegistrationForm(HoneypotMixin):
    companions = forms.IntegerField(
        label=_("Antal ledsagere"),
        min_value=0,
        initial=0,
        required=False,
        error_messages={
            "invalid": _("Skriv et tal."),
            "min_value": _("Antallet kan ikke være negativt."),
            "max_value": _("Du kan højst tage %(limit_value)s ledsagere med."),
        },
    )

    def __init__(self, *args, event, language="da", **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        questions = participant_fields(language)
        self.fields.update(questions)
        self.order_fields([*questions, "companions"])
        self.fields["role"].label = _("Din rolle")
        self.fields["role"].error_messages["required"] = _("Vælg din rolle.")
        self.fields["region"].error_messages["required"] = _("Vælg hvilken region du kommer fra.")
        if not event.ask_role:
            del self.fields["role"]
        if not event.ask_organisation:
            del self.fields["organisation"]
        if not event.ask_region:
            del self.fields["region"]
        if not event.ask_dietary:
            del self.fields["dietary"]
        if not event.ask_accessibility:
            del self.fields["accessibility_needs"]
        if event.max_companions:
            self.fields["companions"].validators.append(_max_validator(event.max_companions))
            self.fields["companions"].widget.attrs.update({"min": 0, "max": event.max_companions})
        else:
            del self.fields["companions"]
        self.fields["consent"] = consent_field(event.consent())
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])


def _max_validator(limit):
    return MaxValueValidator(limit, message=_("Du kan højst tage %(limit_value)s ledsagere med."))


ORDINALS = [
    _("Første ønske"),
    _("Andet ønske"),
    _("Tredje ønske"),
    _("Fjerde ønske"),
    _("Femte ønske"),
    _("Sjette ønske"),
]
PARTICIPANT_QUESTIONS = ("name", "email", "role", "region", "organisation", "dietary", "accessibility_needs")


class SeriesApplicationForm(HoneypotMixin):
    """Apply to a series: who you are, the meetings you can attend in order of preference, and the participants.

    Participant rows are fields named p<n>_<question>; the first row is required, the others are used
    when anything is written in them. Each participant counts on their own for seats and breadth.
    """

    registrant_name = forms.CharField(label=_("Dit navn"), max_length=200, error_messages=REQUIRED_NAME)
    registrant_email = PersonalEmailField(
        label=_("Din e-mail"), help_text=_("Vi sender kvitteringen og svaret for alle, du melder på, hertil.")
    )
    registrant_phone = forms.CharField(label=_("Dit telefonnummer"), max_length=40, required=False)

    def __init__(self, *args, series, meetings, language="da", **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        self.meetings = list(meetings)
        meeting_choices = [("", _("Vælg et møde"))] + [(str(m.pk), m.title) for m in self.meetings]
        for index in range(min(len(self.meetings), len(ORDINALS))):
            self.fields[f"choice_{index + 1}"] = forms.TypedChoiceField(
                label=ORDINALS[index],
                choices=meeting_choices,
                coerce=int,
                required=index == 0,
                error_messages={
                    "required": _("Vælg mindst ét møde."),
                    "invalid_choice": _("Vælg et af seriens møder."),
                },
            )
        self.participant_count = max(series.max_participants, 1)
        for n in range(1, self.participant_count + 1):
            questions = participant_fields(language)
            for question in PARTICIPANT_QUESTIONS:
                field = questions[question]
                field.required = False  # checked in clean(): only rows that are used
                if question == "email":
                    field.help_text = _("Valgfri. Har deltageren en e-mail, får de også selv besked.")
                self.fields[f"p{n}_{question}"] = field
            self.fields[f"p{n}_under_18"] = forms.BooleanField(label=_("Under 18 år"), required=False)
        self.fields["guardian"] = forms.BooleanField(
            label=_("Jeg er forælder eller værge for de deltagere, der er under 18 år"), required=False
        )
        self.fields["consent"] = consent_field(series.consent())
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])

    # -- rendering helpers ---------------------------------------------------------------
    def registrant_fields(self):
        return [self[name] for name in ("registrant_name", "registrant_email", "registrant_phone")]

    def choice_fields(self):
        return [self[name] for name in self.fields if name.startswith("choice_")]

    def participant_groups(self):
        return [
            {
                "number": n,
                "fields": [self[f"p{n}_{q}"] for q in (*PARTICIPANT_QUESTIONS, "under_18")],
            }
            for n in range(1, self.participant_count + 1)
        ]

    def closing_fields(self):
        return [self["guardian"], self["consent"]]

    # -- validation ----------------------------------------------------------------------
    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in self.fields if name.startswith("choice_")]
        chosen = [pk for pk in chosen if pk]
        if len(chosen) != len(set(chosen)):
            self.add_error("choice_2", _("Vælg hvert møde én gang."))
        self.preferences = chosen
        self.participants = []
        for n in range(1, self.participant_count + 1):
            row = {q: data.get(f"p{n}_{q}") for q in PARTICIPANT_QUESTIONS}
            used = any(value for value in row.values()) or data.get(f"p{n}_under_18")
            if not used and n > 1:
                continue
            if not row["name"]:
                self.add_error(f"p{n}_name", _("Skriv deltagerens navn."))
            if not row["role"]:
                self.add_error(f"p{n}_role", _("Vælg en rolle."))
            if not row["region"]:
                self.add_error(f"p{n}_region", _("Vælg en region."))
            if data.get(f"p{n}_under_18") and not data.get("guardian"):
                self.add_error(
                    "guardian", _("Unge under 18 år skal meldes på af en forælder eller værge. Sæt kryds her.")
                )
            self.participants.append(row | {"under_18": bool(data.get(f"p{n}_under_18"))})
        return data

    def limit_message(self):
        return ngettext_lazy(
            "Du kan melde %(n)s person på ad gangen.", "Du kan melde op til %(n)s personer på ad gangen.", "n"
        ) % {"n": self.participant_count}


class SignatureForm(HoneypotMixin):
    name = forms.CharField(label=_("Navn"), max_length=200, error_messages=REQUIRED_NAME)
    email = PersonalEmailField(
        label=_("E-mail"),
        help_text=_("Vi sender et link, som du skal klikke på for at bekræfte din underskrift."),
    )
    municipality = forms.CharField(label=_("Kommune"), max_length=100, required=False)
    show_name = forms.BooleanField(label=_("Vis mit navn og min kommune på listen over underskrivere"), required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"] = consent_field(campaign.consent())
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])


def _limit_length(field, limit=MESSAGE_MAX_LENGTH) -> None:
    """Free text from a model TextField gets a limit in the form (and `maxlength` in the browser)."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


FORM_CONSENT = _(
    "Jeg giver samtykke til, at foreningen gemmer oplysningerne i formularen for at kunne behandle min "
    "henvendelse. Oplysningerne slettes, når de ikke længere er nødvendige, og senest %(days)s dage efter, "
    "at vi har modtaget dem."
)


def form_consent() -> str:
    return str(FORM_CONSENT) % {"days": form_retention_days()}


class MembershipForm(HoneypotMixin, forms.ModelForm):
    email = PersonalEmailField(label=_("E-mail"))

    class Meta:
        model = MembershipApplication
        fields = ["kind", "name", "email", "phone", "address", "municipality", "message"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "message": forms.Textarea(attrs={"rows": 4})}
        labels = {"kind": _("Hvilket medlemskab?"), "message": _("Vil du fortælle os noget? (valgfrit)")}
        error_messages = {
            "name": REQUIRED_NAME,
            "email": REQUIRED_EMAIL,
            "address": {"required": _("Skriv din adresse, så vi kan sende dit medlemsbevis.")} | TOO_LONG,
            "message": TOO_LONG,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("address", "message"):
            if name in self.fields:
                _limit_length(self.fields[name])
        self.fields["consent"] = consent_field(form_consent())
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])


class CounsellingForm(HoneypotMixin, forms.ModelForm):
    email = PersonalEmailField(label=_("E-mail"))

    class Meta:
        model = CounsellingRequest
        fields = ["topic", "message", "name", "email", "phone", "municipality", "preferred_contact"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6}), "preferred_contact": forms.RadioSelect}
        labels = {
            "topic": _("Hvad drejer det sig om?"),
            "message": _("Fortæl kort om din situation"),
            "preferred_contact": _("Hvordan vil du kontaktes?"),
        }
        help_texts = {"message": _("Skriv ikke CPR-nummer eller helbredsoplysninger, som vi ikke har brug for.")}
        error_messages = {
            "name": REQUIRED_NAME,
            "email": REQUIRED_EMAIL,
            "message": {"required": _("Skriv kort, hvad du gerne vil have hjælp til.")} | TOO_LONG,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("address", "message"):
            if name in self.fields:
                _limit_length(self.fields[name])
        self.fields["consent"] = consent_field(form_consent())
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])

    def clean(self):
        data = super().clean()
        if data.get("preferred_contact") == CounsellingRequest.Contact.PHONE and not data.get("phone"):
            self.add_error("phone", _("Skriv dit telefonnummer, hvis vi skal ringe til dig."))
        return data
