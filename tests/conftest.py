"""Test-wide setup. Qt must run headless, and that must be decided before Qt is imported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return SEEDS
