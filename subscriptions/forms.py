"""The follow form on guides and guide indexes (messages in Danish, nb in the catalogue)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaigns.forms import PersonalEmailField
from campaigns.protection import HoneypotMixin
from knowledge.models import GuideIndexPage
from subscriptions.models import Subscription
from subscriptions.services import followable, topics_of


class FollowForm(HoneypotMixin):
    email = PersonalEmailField(
        label=_("Din e-mailadresse"),
        help_text=_("Vi sender et link, som du skal klikke på for at bekræfte."),
    )
    frequency = forms.ChoiceField(
        label=_("Hvor ofte vil du have besked?"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg, hvor ofte du vil have besked."),
            "invalid_choice": _("Vælg en af mulighederne."),
        },
    )
    side = forms.IntegerField(widget=forms.HiddenInput, error_messages={"invalid": _("Siden findes ikke.")})
    emne = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.followed_page = None

    def clean(self):
        cleaned = super().clean()
        page_id = cleaned.get("side")
        page = Page.objects.filter(pk=page_id).first() if page_id else None
        page = page.specific if page else None
        if page is None or not followable(page):
            raise forms.ValidationError(_("Siden findes ikke, eller den kan ikke følges."), code="page")
        topic = (cleaned.get("emne") or "").strip()
        if topic and (not isinstance(page, GuideIndexPage) or topic not in topics_of(page)):
            raise forms.ValidationError(_("Emnet findes ikke."), code="topic")
        cleaned["emne"] = topic
        self.followed_page = page
        return cleaned
