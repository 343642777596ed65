"""Where the bundled article and curated seed live, in a checkout and in an installed wheel.

The wheel carries resources/ and db/ inside the package (tracker/_bundled/, see
pyproject.toml); a source checkout or editable install reads them from the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root() -> Path:
    installed = _PACKAGE / "_bundled"
    if (installed / "db").is_dir():
        return installed
    return _PACKAGE.parent


def resources_dir() -> Path:
    return _root() / "resources"


def seed_dir() -> Path:
    return _root() / "db"
