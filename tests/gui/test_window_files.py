"""Opening files (drop, recent list), exporting, and the keyboard map of the actions."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from gui_helpers import shows
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog

from gui.actions import ActionId

pytestmark = pytest.mark.gui


def test_dropped_files_are_opened(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(1))
    dropped = seed_copy(2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.file_tabs.count() == 2 and window.current().state == "ready", timeout=20_000)
    assert window.current().path == str(dropped)
    assert shows(window.report, window.current().session.result.document.text)


def test_recent_files_menu_lists_opened_reports(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    first, second = seed_copy(1), seed_copy(3)
    window, _ = open_window(first, second)
    assert window.recent.paths()[:2] == [str(second), str(first)]  # newest first
    window.recent.menu.popup(window.mapToGlobal(window.rect().center()))  # filled as it opens
    titles = [a.text() for a in window.recent.menu.actions()]
    window.recent.menu.close()
    assert second.name in titles[0] and first.name in titles[1]
    second.unlink()  # gone since: no longer offered
    window.recent.menu.popup(window.mapToGlobal(window.rect().center()))
    titles = [a.text() for a in window.recent.menu.actions()]
    window.recent.menu.close()
    assert not any(second.name in t for t in titles) and first.name in titles[0]


def test_recent_files_menu_says_when_it_is_empty(open_window) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window()
    window.recent.menu.popup(window.mapToGlobal(window.rect().center()))
    actions = window.recent.menu.actions()
    window.recent.menu.close()
    assert [a.text() for a in actions] == ["（没有最近打开的报告）"] and not actions[0].isEnabled()


def test_shortcuts_are_the_documented_ones(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(4))
    keys = {ident: [k.toString() for k in window.registry[ident].shortcuts()] for ident in ActionId}
    assert keys[ActionId.NEXT_FINDING] == ["F8"] and keys[ActionId.PREV_FINDING] == ["Shift+F8"]
    assert keys[ActionId.UNDO] == ["Ctrl+Z"] and "Ctrl+Y" in keys[ActionId.REDO]
    assert keys[ActionId.OPEN] == [QKeySequence(QKeySequence.StandardKey.Open).toString()]
    assert keys[ActionId.EXPORT] == ["Ctrl+E"] and keys[ActionId.EDIT_VALUE] == ["F2"]
    assert "Ctrl+Return" in keys[ActionId.ACCEPT_SUGGESTION]
    assert keys[ActionId.CONFIRM] == ["Ctrl+1"] and keys[ActionId.FALSE_ALARM] == ["Ctrl+2"]


@pytest.mark.skipif(importlib.util.find_spec("core.export.excel") is None, reason="Excel export not installed")
def test_export_writes_a_workbook(open_window, seed_copy, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    out = tmp_path / "审核结果.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    assert window.registry[ActionId.EXPORT].isEnabled()
    window.registry[ActionId.EXPORT].trigger()
    assert zipfile.is_zipfile(out)
    assert "已导出" in window.statusBar().currentMessage()


def test_keyboard_triage_works_from_the_report_text(open_window, seed_copy, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from core.session import FALSE_ALARM
    from gui.dialogs import note_dialog

    window, (ctl,) = open_window(seed_copy(0))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    window.report.setFocus()
    first = ctl.session.findings[0].key
    assert window.findings.current_key() == first  # the window opens on it
    qtbot.keyClick(window.report, Qt.Key.Key_F8)
    assert window.findings.current_key() == ctl.session.findings[1].key
    qtbot.keyClick(window.report, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.findings.current_key() == first
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a: "not an error")
    qtbot.keyClick(window.report, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert ctl.session.disposition(first).status == FALSE_ALARM
    qtbot.keyClick(window.report, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ctl.session.disposition(first).status != FALSE_ALARM
    qtbot.keyClick(window.report, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ctl.session.disposition(first).status == FALSE_ALARM


def test_folder_run_opens_a_chosen_report_here(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(1))
    window.registry[ActionId.BATCH].trigger()
    assert window.batch is not None and window.batch.isVisible() and window.batch.isWindow()
    chosen = seed_copy(2)
    window.batch.open_report.emit(str(chosen))
    qtbot.waitUntil(lambda: window.current() is not None and window.current().path == str(chosen), timeout=10_000)
    window.close()
    assert not window.batch.isVisible()


def test_consecutive_years_open_side_by_side_check_each_other(open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """2021 and 2022 reports of one agency: the later one gets the cross-year findings,
    and loses them again when the earlier one is closed."""
    new = Path(__file__).parents[1] / "fixtures" / "new_template"
    window, (earlier, later) = open_window(new / "qingjiang_2021.txt", new / "qingjiang_2022.txt")
    assert later.session.result.previous is earlier.session.result
    assert any(f.rule == "cross_year.carried" for f in later.session.findings)
    window.file_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: any("上年结转" in f.message for f in window.findings.model.findings()))
    window.close_file(0)
    assert later.session.result.previous is None
    assert not any(f.rule.startswith("cross_year") for f in later.session.findings)
