import fcntl
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from campaigns import services


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


@pytest.fixture
def one_crowd_at_a_time():
    """For the concurrency tests: PostgreSQL only, and one crowd at a time.

    Each opens ~50 database connections; under pytest-xdist two at once would pass PostgreSQL's
    max_connections (100), so a lock file makes them take turns across processes.
    """
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrency tests need PostgreSQL (row locks, parallel connections): "
            "run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db>"
        )
    with open(Path(tempfile.gettempdir()) / "familier-concurrency-tests.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
