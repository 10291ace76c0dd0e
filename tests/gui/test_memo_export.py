"""导出审核意见 from the window: a correction, a confirmation and an open warning, read back."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from core.rules.finding import Severity
from core.session import CONFIRMED
from gui.actions import ActionId
from gui.dialogs import note_dialog
from gui.dialogs.memo_dialog import MemoDialog

pytestmark = pytest.mark.gui
NEW = Path(__file__).parents[1] / "fixtures" / "new_template"


def _fill_memo_dialog(qtbot, **fields: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer the memo dialog once it is up (setText: no Chinese through keyClicks)."""
    seen: list[str] = []

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MemoDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.windowTitle())
        for name, value in fields.items():
            getattr(dialog, name).setText(value)
        dialog.accept()

    QTimer.singleShot(0, answer)
    return seen


def test_memo_from_the_window_lists_all_three_items_addressee_and_auditor(
    open_window, tmp_path, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "qingjiang_2022.txt"
    shutil.copyfile(NEW / "qingjiang_2022.txt", report)
    window, (ctl,) = open_window(report)
    session = ctl.session

    # a correction: the suggested value accepted from the window (Ctrl+Enter)
    ident = "t3.result.granted@total"
    suggested = next(f for f in session.findings if f.suggestion is not None and f.suggestion.id == ident)
    window.findings.select_key(suggested.key)
    window.registry[ActionId.ACCEPT_SUGGESTION].trigger()
    qtbot.waitUntil(lambda: session.value(ident) == Decimal(34))
    # a confirmation, with a note
    warnings = [f for f in session.findings if f.severity is Severity.WARNING]
    confirmed, still_open = warnings[0], warnings[-1]
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: "请按原始台账更正")
    window.findings.select_key(confirmed.key)
    window.registry[ActionId.CONFIRM].trigger()
    assert session.disposition(confirmed.key).status == CONFIRMED

    out = tmp_path / "意见" / "清江区审核意见.docx"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    shown = _fill_memo_dialog(qtbot, reviewer="李审核", unit="云岭市政务公开办")
    assert window.registry[ActionId.EXPORT_MEMO].isEnabled()
    assert [k.toString() for k in window.registry[ActionId.EXPORT_MEMO].shortcuts()] == ["Ctrl+Shift+E"]
    window.registry[ActionId.EXPORT_MEMO].trigger()
    assert shown and out.exists()
    assert "已导出审核意见" in window.statusBar().currentMessage()

    import docx

    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    body = "\n".join(paragraphs)
    assert "云岭市清江区人民政府办公室：" in paragraphs  # the addressee
    assert "公布为35，应为34" in body  # the correction
    assert confirmed.message.rstrip("。") in body and "审核意见：请按原始台账更正。" in body  # the confirmation
    assert still_open.message.rstrip("。") in body and "待核实的事项" in body  # the open warning
    assert "审核人：李审核" in paragraphs and "审核单位：云岭市政务公开办" in paragraphs
    # the signer is remembered for the next memo
    assert window.prefs.reviewer == "李审核" and window.prefs.unit == "云岭市政务公开办"


def test_an_unrecognised_agency_is_asked_for_and_set_undoably(open_window, tmp_path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "shanghai.html"
    page = (Path(__file__).parents[1] / "fixtures" / "real" / "shanghai_bgt_2019.html").read_text(encoding="utf-8")
    # the same page with the agency left out of its title: nothing names it
    report.write_text(page.replace("2019年上海市人民政府办公厅政府信息公开", "2019年政府信息公开", 1), encoding="utf-8")
    window, (ctl,) = open_window(report)
    assert ctl.session.result.agency is None
    out = tmp_path / "意见.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    _fill_memo_dialog(qtbot, agency="上海市人民政府办公厅", reviewer="王五")
    window.export_memo()
    import docx

    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == "关于《上海市人民政府办公厅2019年政府信息公开工作年度报告》的审核意见"
    assert "上海市人民政府办公厅：" in paragraphs
    assert ctl.session.history[-1].action == "identity"
    window.registry[ActionId.UNDO].trigger()
    assert ctl.session.result.agency is None


def test_cancelling_the_memo_dialog_writes_nothing(open_window, seed_copy, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import memo_dialog

    window, (ctl,) = open_window(seed_copy(1))
    asked = []
    monkeypatch.setattr(memo_dialog, "ask_memo_details", lambda *a, **k: asked.append(k) or None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: pytest.fail("no file dialog")))
    window.export_memo()
    assert asked and "审核意见将" in asked[0]["summary"]
    assert not list(tmp_path.rglob("*.docx"))


@pytest.mark.parametrize("action, name", [(ActionId.EXPORT, "审核.xlsx"), (ActionId.EXPORT_MEMO, "审核意见.docx")])
def test_an_export_that_cannot_be_written_says_where_and_changes_nothing(
    open_window, seed_copy, tmp_path, qtbot, monkeypatch, action, name
) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import messages

    window, (ctl,) = open_window(seed_copy(0))
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("a file where the export's folder should be", encoding="utf-8")
    out = blocker / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: errors.append((title, text)))
    if action is ActionId.EXPORT_MEMO:
        _fill_memo_dialog(qtbot, reviewer="李审核")
    before = window.prefs.export_dir
    window.registry[action].trigger()
    qtbot.waitUntil(lambda: bool(errors))
    (title, text), = errors
    assert title == "导出失败" and str(out) in text
    assert not out.exists() and window.prefs.export_dir == before
    assert "已导出" not in window.statusBar().currentMessage()
