"""导出 Excel and 导出审核意见: ask where, write the open report's file, say what happened.

``core.export.excel`` (openpyxl) and ``core.export.memo`` (python-docx) are imported only
here and only when the auditor exports: start-up must not pay for them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from core.errors import ReportError
from gui.commands import SetIdentityCommand
from gui.session_controller import SessionController
from gui.settings import Settings


@lru_cache(maxsize=1)
def available() -> bool:
    return importlib.util.find_spec("core.export.excel") is not None


@lru_cache(maxsize=1)
def memo_available() -> bool:
    return importlib.util.find_spec("docx") is not None


def _start_folder(ctl: SessionController, settings: Settings) -> str:
    folder = settings.export_dir
    return folder if folder and os.path.isdir(folder) else str(Path(ctl.path).parent)


def _write(window: QMainWindow, settings: Settings, path: str, write: Callable[[], str | Path], done: str) -> Path | None:
    """Write (the save dialog already asked before replacing a file), then say what happened."""
    from gui.dialogs import messages  # dialogs load when first needed, not at start-up

    try:
        written = write()
    except (OSError, ReportError) as err:
        messages.show_error(window, "导出失败", f"无法写入“{path}”：{err}")
        return None
    settings.export_dir = str(Path(written).parent)
    window.statusBar().showMessage(f"{done}：{written}", 15000)
    return Path(written)


def export_report(window: QMainWindow, ctl: SessionController, settings: Settings) -> Path | None:
    if ctl.session is None:
        return None
    default = os.path.join(_start_folder(ctl, settings), Path(ctl.path).stem + "_审核.xlsx")
    from PySide6.QtWidgets import QFileDialog  # dialogs load when first needed, not at start-up

    path, _ = QFileDialog.getSaveFileName(window, "导出 Excel", default, "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    from core.export.excel import export_workbook

    session = ctl.session
    return _write(window, settings, path, lambda: export_workbook(
        session, path, overwrite=True, reviewer=settings.reviewer or None, unit=settings.unit), "已导出")


def memo_summary(ctl: SessionController) -> str:
    """What the memo will list, so the auditor can finish triage first if they want to."""
    from core.export.memo_text import confirmed_findings, corrected_ids, open_findings

    session = ctl.session
    assert session is not None
    counts = (len(corrected_ids(session)), len(confirmed_findings(session)), len(open_findings(session)))
    if not any(counts):
        return "审核意见将写明：未发现需要更正的问题。"
    text = f"审核意见将列出：需更正的数据 {counts[0]} 处，经核实的问题 {counts[1]} 个，待核实的事项 {counts[2]} 个。"
    if counts[2]:
        text += "\n尚未处置的错误和警告列为“待核实的事项”，请报送单位核实；标为误报的不会列出。"
    return text


def export_memo(window: QMainWindow, ctl: SessionController, settings: Settings) -> Path | None:
    """导出审核意见: confirm addressee and signer, choose the file, write the DOCX."""
    session = ctl.session
    if session is None:
        return None
    from PySide6.QtWidgets import QFileDialog

    from gui.dialogs.memo_dialog import ask_memo_details

    details = ask_memo_details(
        window, summary=memo_summary(ctl), reviewer=settings.reviewer, unit=settings.unit,
        agency=session.result.agency, year=session.result.year,
    )
    if details is None:
        return None
    settings.reviewer, settings.unit = details.reviewer, details.unit
    if (details.agency or None, details.year) != (session.result.agency, session.result.year):
        ctl.push(SetIdentityCommand(ctl, details.agency or None, details.year))

    from core.export.memo_text import memo_file_name

    default = os.path.join(_start_folder(ctl, settings), memo_file_name(ctl.path))
    path, _ = QFileDialog.getSaveFileName(window, "导出审核意见", default, "Word 文档 (*.docx)")
    if not path:
        return None
    if not path.lower().endswith(".docx"):
        path += ".docx"
    from core.export.memo import export_memo as write_memo

    return _write(window, settings, path, lambda: write_memo(
        session, path, reviewer=details.reviewer, unit=details.unit, overwrite=True), "已导出审核意见")
