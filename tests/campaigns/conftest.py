import pytest
from django.core.cache import cache

from campaigns import services


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    from django.utils import translation

    translation.activate("da")  # a previous request may have left Norwegian active in this thread
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def person():
    """Registration data for the n-th person: distinct names and e-mails."""

    def make(n=0, **overrides):
        values = {
            "name": f"Person {n}",
            "email": f"person{n}@example.org",
            "role": "parent",
            "organisation": "",
            "region": "Region Hovedstaden",
        }
        values.update(overrides)
        return services.RegistrationData(**values)

    return make
