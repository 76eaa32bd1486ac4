"""An import inside a function says why it is not at the top of the module.

Imports belong at the top, where a reader sees what a module depends on. Some have to wait until the
function runs (the app registry is not ready yet, a genuine circle, a heavy optional library), and then
a comment says so: trailing on the import's line, or on the line directly above it. One comment directly
above a group of consecutive import lines covers the group (the blank lines isort puts between its
sections do not end a group; any other line does). A lint directive alone (`# noqa`,
`# type: ignore`, `# pragma`) is not a reason.

Only function-local imports count: imports at module level (also under `if TYPE_CHECKING:` or in a
`try`) and in class bodies are where they belong. The files checked are those of the project's apps and
config/ (the packages tests/test_dependencies.py treats as apps) and manage.py; migrations are history
and are left alone.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

from tests.test_dependencies import ROOT, project_packages

#: a comment that is only a directive to a tool, not a reason
DIRECTIVE = re.compile(r"#\s*(noqa\b|type:\s*ignore\b|pragma\b|fmt:|isort:)", re.IGNORECASE)


def reason_comments(source: str) -> tuple[set[int], set[int]]:
    """Line numbers with a reason comment: (comment after code on the line, comment alone on the line)."""
    trailing, alone = set(), set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or DIRECTIVE.match(token.string):
            continue
        row, col = token.start
        (alone if not token.line[:col].strip() else trailing).add(row)
    return trailing, alone


def function_local_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Import statements with a function or method among their enclosing nodes, in source order."""
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                if in_function:
                    found.append(child)
            else:
                visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(tree, False)
    return sorted(found, key=lambda node: node.lineno)


def unexplained_local_imports(source: str, filename: str = "<source>") -> list[int]:
    """The line numbers of function-local imports that have no reason comment."""
    tree = ast.parse(source, filename=filename)
    trailing, alone = reason_comments(source)
    lines = source.splitlines()
    # every physical line of every import statement → that statement
    statement_at = {
        line: node
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for line in range(node.lineno, node.end_lineno + 1)
    }

    def explained(node) -> bool:
        if trailing & set(range(node.lineno, node.end_lineno + 1)):
            return True
        above = node.lineno - 1
        while True:  # up through the group of consecutive imports (isort's blank lines between sections included)
            line = above
            while line >= 1 and not lines[line - 1].strip():
                line -= 1
            if line not in statement_at:
                return above in alone
            above = statement_at[line].lineno - 1

    return [node.lineno for node in function_local_imports(tree) if not explained(node)]


def checked_files() -> list[Path]:
    files = [ROOT / "manage.py"]
    for package in sorted(project_packages()):
        files.extend(path for path in sorted((ROOT / package).rglob("*.py")) if "migrations" not in path.parts)
    return files


# -- the checker -----------------------------------------------------------------------------------

EXAMPLE = """
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from home.models import MenuItem


class Block:
    import json

    def render(self):
        import csv

        return csv

    def explained_above(self):
        # the app registry is not ready when this module is imported
        from django.contrib.auth.models import User
        from wagtail.models import Page

        return User, Page

    def explained_trailing(self):
        from campaigns.views import register  # views import the models: a genuine circle

        return register

    def explained_for_the_group(self):
        # the app registry is not ready when this module is imported
        from wagtail.models import Site

        from home.models import MenuItem
        from home.pages import ContentPage

        return Site, MenuItem, ContentPage

    def code_breaks_the_group(self):
        # heavy, only needed for PDFs
        import weasyprint

        weasyprint.setup()
        import pypdf

        return weasyprint, pypdf

    def a_blank_line_parts_the_comment_from_the_import(self):
        # heavy, only needed for PDFs

        import reportlab

        return reportlab

    def directive_is_no_reason(self):
        import yaml  # noqa: PLC0415

        return yaml


def outer():
    def inner():
        from os import (
            path,
            sep,  # only on Windows does this differ
        )
        from sys import (
            argv,
        )

        return path, sep, argv

    async def later():
        import asyncio

        return asyncio

    return inner, later
"""


def test_the_checker_finds_function_local_imports_without_a_reason():
    lines = EXAMPLE.splitlines()
    found = [lines[number - 1].strip() for number in unexplained_local_imports(EXAMPLE)]
    assert found == [
        "import csv",
        "import pypdf",
        "import reportlab",
        "import yaml  # noqa: PLC0415",
        "from sys import (",
        "import asyncio",
    ]


def test_the_checker_leaves_module_level_and_class_body_imports_alone():
    source = "import os\nif True:\n    import sys\ntry:\n    import yaml\nexcept ImportError:\n    yaml = None\n"
    assert unexplained_local_imports(source) == []


def test_the_files_checked_are_the_apps_and_config():
    files = {str(path.relative_to(ROOT)) for path in checked_files()}
    assert {"manage.py", "config/settings/base.py", "home/blocks.py", "campaigns/models/events.py"} <= files
    assert not any(name.startswith(("tests/", "benchmarks/", ".venv/")) or "/migrations/" in name for name in files)


# -- the project -----------------------------------------------------------------------------------


def test_every_function_local_import_says_why():
    offenders = []
    for path in checked_files():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for number in unexplained_local_imports(source, filename=str(path)):
            offenders.append(f"{path.relative_to(ROOT)}:{number}: {lines[number - 1].strip()}")
    assert not offenders, (
        "function-local imports without a reason (hoist them to the top of the module, or say why they wait "
        "in a comment on the line or directly above):\n" + "\n".join(offenders)
    )
