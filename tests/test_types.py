"""The domain package's type hints are checked, not only written: mypy (pinned exactly in
the test extra) runs on tracker/model in strict mode, configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _mypy(target: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(cache), "--no-error-summary", target],
        cwd=ROOT, capture_output=True, text=True)


def test_the_domain_package_type_checks_clean(tmp_path: Path):
    result = _mypy("tracker/model", tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_reads_the_strict_configuration(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("def wrong(x: int) -> str:\n    return x\n\n\ndef untyped(x):\n    return x\n",
                   encoding="utf-8")
    result = _mypy(str(bad), tmp_path / "cache")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Incompatible return value type" in result.stdout
    assert "missing a type annotation" in result.stdout  # only --strict says this
