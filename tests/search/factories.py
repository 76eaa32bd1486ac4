"""Factories for search documents and synonym lists."""

import factory

from search.engines.base import SearchDocument
from search.models import SynonymList


class SearchDocumentFactory(factory.Factory):
    class Meta:
        model = SearchDocument

    id = factory.Sequence(lambda n: str(1000 + n))
    locale = "da"
    type = "guide"
    slug = factory.Sequence(lambda n: f"side-{n}")
    url = factory.LazyAttribute(lambda d: f"/{d.locale}/{d.slug}/")
    title = "En vejledning"
    summary = ""
    headings = factory.LazyFunction(list)
    body = ""
    topics = factory.LazyFunction(list)
    synonyms = factory.LazyFunction(list)
    date = None


class SynonymListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynonymList

    name = factory.Sequence(lambda n: f"Testsynonymer {n}")
    locale = "da"
    groups = ""
