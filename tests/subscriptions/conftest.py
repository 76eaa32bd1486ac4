import pytest


@pytest.fixture
def guide(sample_content):
    from knowledge.models import GuidePage

    return GuidePage.objects.get(slug="merudgifter", locale__language_code="da")


@pytest.fixture
def other_guide(sample_content):
    from knowledge.models import GuidePage

    return GuidePage.objects.get(slug="aflastning", locale__language_code="da")
