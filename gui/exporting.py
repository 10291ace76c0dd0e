"""导出 Excel: ask where, write the corrected workbook of the open report, say what happened.

``core.export.excel`` (and openpyxl with it) is imported only here and only when the
auditor exports: importing openpyxl costs ~140 ms that start-up must not pay.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from gui.session_controller import SessionController


@lru_cache(maxsize=1)
def available() -> bool:
    return importlib.util.find_spec("core.export.excel") is not None


def export_report(window: QMainWindow, ctl: SessionController, folder: str = "") -> Path | None:
    """``folder``: the auditor's default export folder ("" = beside the report)."""
    if ctl.session is None:
        return None
    default = str(Path(ctl.path).with_suffix("")) + "_审核.xlsx"
    if folder and Path(folder).is_dir():
        default = str(Path(folder) / Path(default).name)
    from PySide6.QtWidgets import QFileDialog  # dialogs load when first needed, not at start-up

    from gui.dialogs import messages

    path, _ = QFileDialog.getSaveFileName(window, "导出 Excel", default, "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    from core.errors import ReportError
    from core.export.excel import export_workbook

    try:
        written = export_workbook(ctl.session, path, overwrite=True)  # the save dialog already asked
    except (OSError, ReportError) as err:
        messages.show_error(window, "导出失败", f"无法写入“{path}”：{err}")
        return None
    window.statusBar().showMessage(f"已导出：{written}", 15000)
    return Path(written)
