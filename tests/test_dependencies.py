"""Dependencies between the project's apps point one way: computed from the source, no circle allowed.

Every `import` and `from … import` counts, at module level or inside a function (a function-local
import hides a circle, it does not break it). Migrations are history and tests are not apps, so
neither counts. When this fails, move the shared piece down (home/ holds what every app builds on)
or let the lower app offer a registry the higher one fills (as home's front page sections and the
`importing` framework do).
"""

import ast
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_APPS = {"tests", "benchmarks", "site"}


def project_packages() -> set[str]:
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_APPS and not path.parent.name.startswith(".")
    }


def imported_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def import_graph() -> dict[str, dict[str, set[str]]]:
    """{app: {app it imports: {files that import it}}}."""
    packages = project_packages()
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name in imported_names(tree):
                target = name.split(".")[0]
                if target in packages and target != package:
                    graph[package][target].add(str(path.relative_to(ROOT)))
    return graph


def find_cycle(graph) -> list[str] | None:
    """One circle of apps (the first app repeated at the end), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == "open":
                return stack[stack.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_checker_sees_a_circle():
    assert find_cycle({"a": {"b": {"a/x.py"}}, "b": {"c": {"b/y.py"}}, "c": {"a": {"c/z.py"}}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": {"a/x.py"}}, "b": {}}) is None


def test_the_graph_is_read_from_the_source():
    graph = import_graph()
    assert "knowledge/blocks.py" in graph["knowledge"]["home"]
    assert "importing" in graph["campaigns"] and "importing" in graph["knowledge"]


def test_no_import_circle_between_the_apps():
    graph = import_graph()
    cycle = find_cycle(graph)
    if cycle:
        edges = [f"{a} → {b}: {', '.join(sorted(graph[a][b]))}" for a, b in pairwise(cycle)]
        raise AssertionError("import circle between apps:\n" + "\n".join(edges))
