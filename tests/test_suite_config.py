"""The quick run leaves out the tests marked slow; the README's command and CI never do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_plain_pytest_selects_every_test():
    """A marker expression in addopts would make the README's `pytest` and both legs of
    .ci/run skip the slow tests without anyone noticing."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_config = config["tool"]["pytest"]["ini_options"]
    assert not any(o == "-m" or o.startswith("-m ") for o in pytest_config["addopts"])
    assert any(m.startswith("slow:") for m in pytest_config["markers"])


def test_the_readme_and_ci_run_the_whole_suite():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/pip install '.[test]' && .venv/bin/pytest\n" in readme
    runs = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
            if re.search(r"bin/pytest", line)]
    assert len(runs) == 2  # newest versions, then lowest
    assert all(not re.search(r"pytest\S*\s.*-m\b", line) for line in runs)
