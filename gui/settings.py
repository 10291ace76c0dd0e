"""The auditor's settings, one typed accessor each, kept in the user data folder's settings.ini.

Everything the window remembers between sessions goes through here, so a key is spelled
in one place: who audits (审核人, 审核单位: the trail, the workbook and the memo carry
them), where reviews are kept, the default of "空白按0处理", the export folder, zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gui.paths import app_data_dir

REVIEWS_BESIDE, REVIEWS_APP_DATA = "beside", "app_data"  # where review files are kept


def open_settings() -> QSettings:
    return QSettings(str(app_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class Settings:
    """Typed view over a QSettings (tests give their own, on a temporary file)."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    def _text(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return value if isinstance(value, str) else default

    def _flag(self, key: str, default: bool) -> bool:
        value = self.store.value(key, default)
        if isinstance(value, str):  # an ini file hands back "true"/"false"
            return value.lower() == "true"
        return bool(value)

    # ---- who audits -------------------------------------------------------
    @property
    def reviewer(self) -> str:
        return self._text("reviewer/name").strip()

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self.store.setValue("reviewer/name", name.strip())

    @property
    def unit(self) -> str:
        return self._text("reviewer/unit").strip()

    @unit.setter
    def unit(self, name: str) -> None:
        self.store.setValue("reviewer/unit", name.strip())

    @property
    def asked_reviewer(self) -> bool:
        """The first-use question was asked (answered or not): never ask again."""
        return self._flag("reviewer/asked", False)

    @asked_reviewer.setter
    def asked_reviewer(self, asked: bool) -> None:
        self.store.setValue("reviewer/asked", asked)

    # ---- reviews and exports ---------------------------------------------
    @property
    def reviews_location(self) -> str:
        value = self._text("reviews/location", REVIEWS_BESIDE)
        return value if value in (REVIEWS_BESIDE, REVIEWS_APP_DATA) else REVIEWS_BESIDE

    @reviews_location.setter
    def reviews_location(self, where: str) -> None:
        self.store.setValue("reviews/location", where)

    @property
    def blank_as_zero(self) -> bool:
        """The default of "空白按0处理" for a report opened for the first time."""
        return self._flag("audit/blank_as_zero", False)

    @blank_as_zero.setter
    def blank_as_zero(self, on: bool) -> None:
        self.store.setValue("audit/blank_as_zero", on)

    @property
    def export_dir(self) -> str:
        return self._text("export/dir")

    @export_dir.setter
    def export_dir(self, folder: str) -> None:
        self.store.setValue("export/dir", folder)

    # ---- view ---------------------------------------------------------------
    @property
    def zoom(self) -> int:
        """Font size step for every pane, 0 = the default size."""
        value = self.store.value("view/zoom", 0)
        try:
            step = int(str(value))
        except ValueError:
            return 0
        return max(-4, min(12, step))

    @zoom.setter
    def zoom(self, step: int) -> None:
        self.store.setValue("view/zoom", step)

    def sync(self) -> None:
        self.store.sync()
