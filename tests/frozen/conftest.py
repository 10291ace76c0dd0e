"""Frozen-build tests run only against a built folder: ``NIANBAO_FROZEN_DIST=dist/nianbao``.

scripts/build_release.sh sets it after building. Without it the default ``pytest`` run does
not even collect them (nothing to test, and a row of skips would hide real ones).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

DIST_ENV = "NIANBAO_FROZEN_DIST"

collect_ignore_glob = [] if os.environ.get(DIST_ENV) else ["test_*.py"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "frozen: runs the PyInstaller-built executables (needs NIANBAO_FROZEN_DIST)")


def _exe(dist: Path, stem: str) -> Path:
    return dist / (stem + (".exe" if sys.platform == "win32" else ""))


@pytest.fixture(scope="session")
def dist() -> Path:
    value = os.environ.get(DIST_ENV)
    if not value:
        pytest.skip(f"{DIST_ENV} is not set: build with scripts/build_release.sh")
    path = Path(value).resolve()
    if not (_exe(path, "nianbao").is_file() and _exe(path, "nianbao-cli").is_file()):
        pytest.fail(f"{path} does not hold the nianbao and nianbao-cli executables")
    return path


@pytest.fixture(scope="session")
def gui_exe(dist: Path) -> Path:
    return _exe(dist, "nianbao")


@pytest.fixture(scope="session")
def cli_exe(dist: Path) -> Path:
    return _exe(dist, "nianbao-cli")


@pytest.fixture(scope="session")
def bundled(dist: Path) -> Path:
    """PyInstaller 6 one-dir: everything but the executables sits in _internal/."""
    return dist / "_internal"
