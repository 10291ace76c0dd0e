"""Helpers for driving the real review window offscreen.

Every test works on copies of the seeds in its own tmp folder (reviews are saved beside
the report) and with its own app data folder, so no test sees another's review.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).parents[1] / "fixtures").glob("0*.txt"))


@pytest.fixture(autouse=True)
def _private_app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def seed_copy(tmp_path: Path) -> Callable[[int], Path]:
    def copy(n: int = 4) -> Path:
        target = tmp_path / "reports" / SEEDS[n].name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(SEEDS[n], target)
        return target

    return copy


@pytest.fixture
def open_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """open_window(*paths) -> (window, controllers) with every report audited and shown."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.session_controller import LOADING

    def make(*paths: Path, wait: bool = True):  # type: ignore[no-untyped-def]
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, tmp_path / "fallback")
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        controllers = window.open_files([str(p) for p in paths])
        if wait:
            qtbot.waitUntil(lambda: all(c.state != LOADING for c in controllers), timeout=20_000)
        return window, controllers

    return make
