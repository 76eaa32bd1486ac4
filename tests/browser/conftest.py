"""Marks every test in this folder as a browser test (fixtures live in tests/browser_tools.py)."""

import pytest

from tests.browser_tools import axe_violations, check_page  # noqa: F401  (kept importable from here)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
