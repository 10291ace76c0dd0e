"""Where bundled resources and per-user data live, frozen (PyInstaller) or not.

Never write beside the executable: a packaged app usually sits in a read-only folder,
so logs, settings and fallback review files go under the per-user app data folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from core.frozen import bundle_dir

APP_NAME = "年报审核台"
ORG_NAME = "nianbao"


def bundle_root() -> Path:
    """The folder holding ``resources/``: PyInstaller's unpack dir when frozen."""
    return bundle_dir() or Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def sample_report() -> Path:
    return resource_path("sample_report.txt")


def is_bundled_resource(path: str | Path) -> bool:
    """True for files we ship (the sample): their reviews must not be written beside them."""
    try:
        Path(path).resolve().relative_to(resource_path().resolve())
    except ValueError:
        return False
    return True


def app_data_dir() -> Path:
    """Per-user folder for logs, settings and reviews that cannot sit beside their report."""

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    path = Path(base) if base else Path.home() / f".{ORG_NAME}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def reviews_dir() -> Path:
    path = app_data_dir() / "reviews"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = app_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
