"""Every module the code imports comes from a declared dependency, and every declared
lower bound is the version the lowest-versions leg of .ci/run installs."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOWEST = ROOT / ".ci" / "constraints-lowest.txt"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip()


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*extras: str) -> set[str]:
    reqs = list(PROJECT["dependencies"])
    for extra in extras:
        reqs += PROJECT["optional-dependencies"][extra]
    return {_norm(_name(r)) for r in reqs}


def _release(version: str) -> tuple[int, ...]:
    """'6.6' and '6.6.0' are the same release."""
    parts = [int(p) for p in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _third_party_imports(*folders: str) -> set[str]:
    local = ({"tracker"} | {p.stem for p in (ROOT / "benchmarks").glob("*.py")}
             | {p.stem for p in (ROOT / "tests").glob("*.py")})
    found: set[str] = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - local


def _undeclared(modules: set[str], declared: set[str]) -> dict[str, list[str]]:
    owners = packages_distributions()
    return {m: owners.get(m, ["(no installed distribution)"]) for m in sorted(modules)
            if not any(_norm(d) in declared for d in owners.get(m, []))}


def test_the_app_imports_only_declared_dependencies():
    assert _undeclared(_third_party_imports("tracker"), _declared()) == {}


def test_tests_and_benchmarks_import_only_declared_test_dependencies():
    assert _undeclared(_third_party_imports("tests", "benchmarks"), _declared("test")) == {}


def test_every_lower_bound_is_pinned_in_the_lowest_versions_leg():
    pinned = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[_norm(name)] = version.strip()
    reqs = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]
    bounds = {}
    for r in reqs:
        m = re.search(r">=\s*([\w.]+)", r)
        if m:
            bounds.setdefault(_norm(_name(r)), set()).add(m[1])
    assert bounds, "no lower bounds found"
    for name, versions in bounds.items():
        assert name in pinned and {_release(pinned[name])} == {_release(v) for v in versions}, (
            f"{name}: lower bound {versions}, lowest leg {pinned.get(name)}")


def test_tools_that_judge_the_code_are_pinned_exactly():
    tools = [r for r in PROJECT["optional-dependencies"]["test"] if _name(r) in {"ruff", "pyright", "mypy"}]
    assert tools and all("==" in r for r in tools), tools
