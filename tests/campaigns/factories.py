"""Factories for campaign and event pages, built under the real index pages of a language."""

import datetime
import re

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from campaigns import tokens
from campaigns.content_types import CAMPAIGN_INDEX, EVENT_INDEX
from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    EventSeries,
    Organisation,
    PartnershipPage,
)


def event_index(language="da"):
    from home.site_setup import ensure_index

    return ensure_index(EventIndexPage, language, *EVENT_INDEX)


def campaign_index(language="da"):
    from home.site_setup import ensure_index

    return ensure_index(CampaignIndexPage, language, *CAMPAIGN_INDEX)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Dialogmøde nr. {n}")
    slug = factory.Sequence(lambda n: f"dialogmoede-{n}")
    parent = factory.LazyFunction(event_index)
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    kind = "dialogue_meeting"
    region = "Region Midtjylland"
    venue = "Foreningens lokaler"
    address = "Eksempelvej 1\n8000 Aarhus C"
    accessibility = "Der er elevator og handicaptoilet."
    capacity = 10
    mode = "first_come"
    live = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    url = "https://example.org/"


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Kampagne {n}")
    slug = factory.Sequence(lambda n: f"kampagne-{n}")
    parent = factory.LazyFunction(campaign_index)
    intro = "Skriv under for bedre sagsbehandling."
    goal = 100
    demands = [("demand", "Kortere sagsbehandling"), ("demand", "Uafhængig rådgivning")]
    live = True


class PartnershipPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnershipPage

    title = factory.Sequence(lambda n: f"Partnerskab {n}")
    slug = factory.Sequence(lambda n: f"partnerskab-{n}")
    parent = factory.LazyFunction(campaign_index)
    live = True


class EventSeriesFactory(factory.django.DjangoModelFactory):
    """A series in application mode whose deadline is ahead (pass language="nb" for the Norwegian site)."""

    class Meta:
        model = EventSeries
        exclude = ("language",)

    language = "da"
    locale = factory.LazyAttribute(lambda o: Locale.objects.get(language_code=o.language))
    title = factory.Sequence(lambda n: f"Dialogmøder om tillid {n}")
    slug = factory.Sequence(lambda n: f"dialogmoeder-{n}")
    intro = "Fire regionale dialogmøder. Man kan deltage i ét af dem."
    mode = "application"
    registration_closes = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    max_participants = 3


def meetings(series, n=2, capacity=2, language="da"):
    """n meetings of the series, a week apart, each with `capacity` seats."""
    return [
        EventPageFactory(
            series=series,
            capacity=capacity,
            mode=series.mode,
            title=f"{series.title}: møde {i + 1}",
            parent=event_index(language),
            start=timezone.now() + datetime.timedelta(days=20 + 7 * i),
        )
        for i in range(n)
    ]


def registration_in_state(state, person, n=1):
    """A registration of person n (the `person` fixture) brought to `state` through the services, as in real life."""
    from campaigns import services

    event = EventPageFactory(capacity=1, mode="application" if state == "received" else "first_come")
    if state == "waitlisted":
        services.register(event.pk, person(99))
    registration = services.register(event.pk, person(n, dietary="Glutenfri"))
    if state == "declined":
        services.decline(registration.pk)
    elif state == "cancelled":
        services.cancel(registration.pk)
    registration.refresh_from_db()
    assert registration.state == state
    return registration


def registration_linked_in(body):
    """The registration the /tilmelding/<token>/ link in a mail body opens (tokens carry a timestamp)."""
    match = re.search(r"/tilmelding/([^/\s]+)/", body)
    return match and tokens.registration_from_token(match.group(1))
