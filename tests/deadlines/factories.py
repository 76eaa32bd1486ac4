import factory

from deadlines.models import DeadlineRule
from tests.knowledge.legal_factories import LegalProvisionFactory


class DeadlineRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineRule

    jurisdiction = "dk"
    name = factory.Sequence(lambda n: f"Afgørelse nr. {n}")
    duration_value = 4
    duration_unit = "weeks"
    counted_from = "den dag, du fik afgørelsen"
    legal_basis = factory.SubFactory(LegalProvisionFactory, law="Retssikkerhedsloven", section="§ 67")
    non_working_day_rule = "none"
