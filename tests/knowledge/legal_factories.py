"""Factories for the legal register, the review machinery and users (knowledge app)."""

import factory
from django.contrib.auth import get_user_model

from knowledge.models import LegalProvision


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"redaktor{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Rikke"
    last_name = "Redaktør"


class LegalProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalProvision
        django_get_or_create = ("jurisdiction", "law", "section")

    jurisdiction = "dk"
    law = "Serviceloven"
    section = factory.Sequence(lambda n: f"§ {n + 1}")
    url = "https://www.retsinformation.dk/eli/lta/2025/282"
