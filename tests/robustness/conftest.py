"""Shared pieces of the robustness tests: a report copy of its own, a private app data
folder, and the real window (offscreen) for the cases the auditor meets there."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))


@pytest.fixture(autouse=True)
def _private_app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def report_copy(tmp_path: Path) -> Callable[..., Path]:
    """report_copy(n, name=None) -> a copy of seed n in tmp_path/reports (optionally renamed)."""

    def copy(n: int = 4, name: str | None = None) -> Path:
        target = tmp_path / "reports" / (name or SEEDS[n].name)
        target.parent.mkdir(exist_ok=True)
        shutil.copy(SEEDS[n], target)
        return target

    return copy


@pytest.fixture
def make_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """make_window(*paths, wait=True) -> (window, controllers); every window has its own settings."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.session_controller import LOADING

    made = 0

    def make(*paths: Path, wait: bool = True):  # type: ignore[no-untyped-def]
        nonlocal made
        made += 1
        settings = QSettings(str(tmp_path / f"settings{made}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, tmp_path / "fallback", interactive=False)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        controllers = window.open_files([str(p) for p in paths])
        if wait:
            qtbot.waitUntil(lambda: all(c.state != LOADING for c in controllers), timeout=20_000)
        return window, controllers

    return make
