"""The 最近打开 menu, kept in QSettings."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QWidget

_KEY = "recent_files"
_LIMIT = 10


class RecentFiles:
    def __init__(self, settings: QSettings, parent: QWidget, open_file: Callable[[str], None]) -> None:
        self._settings = settings
        self._open = open_file
        self.menu = QMenu("最近打开(&R)", parent)
        # Filled when opened: reading the list (and checking each file still exists) is
        # work no start needs, and the list is then as fresh as the settings file.
        self.menu.aboutToShow.connect(self._rebuild)

    def paths(self) -> list[str]:
        value = self._settings.value(_KEY, [])
        if isinstance(value, str):  # QSettings returns a bare string for a one-item list
            return [value]
        return [str(p) for p in value] if isinstance(value, list) else []

    def add(self, path: str) -> None:
        path = os.path.abspath(path)
        paths = [path] + [p for p in self.paths() if p != path]
        self._settings.setValue(_KEY, paths[:_LIMIT])

    def _rebuild(self) -> None:
        self.menu.clear()
        paths = [p for p in self.paths() if os.path.exists(p)]
        for n, path in enumerate(paths, 1):
            action = self.menu.addAction(f"&{n % 10} {os.path.basename(path)}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open(p))
        if not paths:
            self.menu.addAction("（没有最近打开的报告）").setEnabled(False)
