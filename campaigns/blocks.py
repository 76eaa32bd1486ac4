"""StreamField blocks of events and partnerships: programme, speakers, stands, network groups, meetings, press.

The event and partnership pages (campaigns/models/events.py, partnerships.py) show these in their own
templates, so the blocks carry no template. Like every block of the site they tell editors what they are
for (`Meta.description`) and show a preview in the block picker (`Meta.preview_value`).
"""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("Tidspunkt"), help_text=_("Fx 10.00–10.30"))
    title = blocks.CharBlock(label=_("Punkt"))
    speaker = blocks.CharBlock(required=False, label=_("Oplægsholder"))

    class Meta:
        icon = "time"
        label = _("Programpunkt")
        description = _("Et punkt i programmet: hvornår, hvad, og hvem der taler.")
        preview_value = {"time": "10.00–10.30", "title": "Velkomst og kaffe", "speaker": ""}


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Navn"))
    role = blocks.CharBlock(required=False, label=_("Titel og organisation"))
    bio = blocks.TextBlock(required=False, label=_("Kort præsentation"))

    class Meta:
        icon = "user"
        label = _("Oplægsholder")
        description = _("En oplægsholder med titel og en kort præsentation.")
        preview_value = {
            "name": "En forælder fra netværket",
            "role": "Mor til en dreng med autisme",
            "bio": "Fortæller om, hvordan familien fik hverdagen med aflastning til at hænge sammen.",
        }


class StandBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Stand"))
    description = blocks.TextBlock(required=False, label=_("Beskrivelse"))

    class Meta:
        icon = "home"
        label = _("Stand på minimessen")
        description = _("En stand på minimessen: hvem der står der, og hvad man kan få svar på.")
        preview_value = {"name": "Rådgivningen", "description": "Kom forbi og stil spørgsmål om jeres sag."}


class NetworkGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Netværksgruppe"))
    description = blocks.TextBlock(required=False, label=_("Beskrivelse"))

    class Meta:
        icon = "group"
        label = _("Netværksgruppe")
        description = _("En netværksgruppe, deltagerne kan vælge, med en kort beskrivelse.")
        preview_value = {
            "title": "Forældre til børn med sjældne diagnoser",
            "description": "Del erfaringer med andre forældre, der står i samme situation.",
        }


class MeetingBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Dato"))
    title = blocks.CharBlock(label=_("Emne"))
    summary = blocks.TextBlock(required=False, label=_("Kort referat"))

    class Meta:
        icon = "date"
        label = _("Møde")
        description = _("Et møde i partnerskabet: dato, emne og et kort referat.")
        preview_value = {
            "date": datetime.date(2026, 3, 12),
            "title": "Aflastning i ferierne",
            "summary": "Vi talte om, hvordan familier og kommuner kan planlægge aflastning i god tid.",
        }


class PressContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Navn"))
    role = blocks.CharBlock(required=False, label=_("Rolle"))
    phone = blocks.CharBlock(required=False, label=_("Telefon"))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))

    class Meta:
        icon = "user"
        label = _("Pressekontakt")
        description = _("Hvem journalister kan kontakte: navn, rolle, telefon og e-mail.")
        preview_value = {
            "name": "Pressetelefonen",
            "role": "Presseansvarlig",
            "phone": "",
            "email": "presse@example.org",
        }
