"""The folder PyInstaller unpacked the app into, when it runs frozen (core and gui both ask)."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_dir() -> Path | None:
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if getattr(sys, "frozen", False) and folder else None
