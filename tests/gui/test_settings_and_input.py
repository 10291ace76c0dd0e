"""Who audits, where reviews go, 空白按0处理, what the correction dialog accepts, printing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QPushButton, QRadioButton, QWidget

from core.session import CONFIRMED
from gui.actions import ActionId
from gui.dialogs import messages, note_dialog
from gui.dialogs.settings_dialog import SettingsDialog
from gui.settings import REVIEWS_APP_DATA, Settings

pytestmark = pytest.mark.gui


def test_settings_dialog_saves_and_a_new_session_reads_them(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(Settings(store))
    qtbot.addWidget(dialog)
    dialog.reviewer.setText("张三")
    dialog.unit.setText("某市政务公开办公室")
    dialog.app_data.setChecked(True)
    dialog.blank_as_zero.setChecked(True)
    dialog.export_dir.setText(str(tmp_path))
    dialog.save()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))  # as at the next start
    assert (again.reviewer, again.unit) == ("张三", "某市政务公开办公室")
    assert again.reviews_location == REVIEWS_APP_DATA and again.blank_as_zero and again.export_dir == str(tmp_path)
    assert again.asked_reviewer


def test_the_first_use_question_shows_only_who_audits(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Nothing of the full settings lies about the dialog (a stray 浏览… button sat over its text)."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(Settings(store), first_use=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = [w for w in dialog.findChildren(QWidget) if w.isVisible()]
    assert {type(w) for w in shown} >= {QLabel, QLineEdit}
    assert not [w for w in shown if isinstance(w, (QPushButton, QRadioButton, QCheckBox)) and w.parent() is dialog]
    # every widget shown is somewhere its layout put it: none overlaps the introduction
    intro = next(w for w in shown if isinstance(w, QLabel) and "审核人和审核单位" in w.text())
    others = [w for w in shown if w.parent() is dialog and w is not intro]
    assert not [w for w in others if w.geometry().intersects(intro.geometry())]


def test_first_use_asks_once_and_the_trail_names_the_reviewer(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import settings_dialog

    window, (ctl,) = open_window(seed_copy(4))
    asked: list[bool] = []

    def answer(parent, settings):  # type: ignore[no-untyped-def]
        asked.append(True)
        settings.reviewer, settings.unit, settings.asked_reviewer = "李四", "审核科", True
        return True

    monkeypatch.setattr(settings_dialog, "ask_reviewer", answer)
    window.ask_reviewer_once()
    window.ask_reviewer_once()
    assert asked == [True]  # once
    assert ctl.session.user == "李四"  # an open review takes the name at once
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: "核实无误")
    window.findings.select_key(ctl.session.findings[0].key)
    window.registry[ActionId.CONFIRM].trigger()
    assert ctl.session.history[-1].user == "李四"
    assert ctl.session.disposition(ctl.session.findings[0].key).user == "李四"
    assert ctl.session.disposition(ctl.session.findings[0].key).status == CONFIRMED


def test_reviews_go_to_the_user_data_folder_when_asked(open_window, seed_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = seed_copy(4)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    Settings(store).reviews_location = REVIEWS_APP_DATA
    store.sync()
    window, (ctl,) = open_window(report)
    ident = next(i for i, v in ctl.session.table.published.items() if v.value is not None and i in ctl.session.table.template)
    ctl.edit_value(ident, ctl.session.value(ident) + 1, "与原件核对")
    assert ctl.saved_to is not None and ctl.saved_to.parent == tmp_path / "fallback"
    assert not list(report.parent.glob("*.review.json"))  # nothing written beside the report


def test_blank_as_zero_default_toggle_and_undo(open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    fixtures = Path(__file__).parents[1] / "fixtures" / "real"
    report = tmp_path / "shanghai.html"
    shutil.copy(fixtures / "shanghai_bgt_2019.html", report)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    Settings(store).blank_as_zero = True
    store.sync()
    window, (ctl,) = open_window(report)
    session, action = ctl.session, window.registry[ActionId.BLANK_AS_ZERO]
    assert session.blank_as_zero and action.isChecked()  # a new report starts with the default
    assert "空白按 0 处理" in window.original.header.checked.text()
    action.trigger()  # the auditor turns it off for this report: one undoable step
    assert not session.blank_as_zero and not action.isChecked()
    assert "空白按 0 处理" not in window.original.header.checked.text()
    assert window.findings.model.finding_count() == len(session.findings)
    assert session.history[-1].target == "blank_as_zero"
    window.registry[ActionId.UNDO].trigger()
    assert session.blank_as_zero and action.isChecked()


def test_correction_dialog_reads_chinese_numerals_and_asks_before_a_negative_count(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    table = ctl.session.table
    ident = next(i for i, v in table.published.items()
                 if v.value is not None and i in table.template and not table.template.get(i).signed)
    window.indicators.tree.setCurrentIndex(window.indicators.model.index_for_id(ident))
    seen: list[tuple[str, bool]] = []

    def dialog(parent, label, published, current, interpret):  # type: ignore[no-untyped-def]
        seen.append(interpret("十二"))
        seen.append(interpret("-3"))
        return "十二", "与正文核对"

    monkeypatch.setattr(note_dialog, "ask_value", dialog)
    window.registry[ActionId.EDIT_VALUE].trigger()
    assert ctl.session.value(ident) == Decimal(12)
    assert seen[0] == ("将更正为 12", True) and "不应为负数" in seen[1][0]
    asked: list[str] = []
    monkeypatch.setattr(note_dialog, "ask_value", lambda *a: ("-3", "笔误"))
    monkeypatch.setattr(messages, "confirm_negative", lambda parent, label, value: asked.append(value) or False)
    window.registry[ActionId.EDIT_VALUE].trigger()
    assert asked == ["-3"] and ctl.session.value(ident) == Decimal(12)  # declined: nothing changed


def test_the_findings_list_prints_to_an_a4_pdf(open_window, seed_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gui import printing

    window, (ctl,) = open_window(seed_copy(4))
    html = printing.findings_html(ctl.session, ctl.title, "张三", "审核科")
    assert all(f.message.replace("“", "").replace("”", "")[:8] in html.replace("“", "").replace("”", "")
               for f in ctl.session.findings)
    assert "张三" in html and "审核科" in html
    assert not any(f.rule in html for f in ctl.session.findings)  # plain words, no rule ids
    written = printing.write_pdf(ctl, tmp_path / "清单.pdf", "审核科")
    data = written.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    width, height = pdf[0].get_size()
    assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 in points
    assert "问题清单" in pdf[0].get_textpage().get_text_range()


def test_zoom_applies_to_every_pane_and_is_remembered(open_window, seed_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(4))
    before = window.report.font().pointSizeF()
    window.registry[ActionId.ZOOM_IN].trigger()
    window.registry[ActionId.ZOOM_IN].trigger()
    assert window.report.font().pointSizeF() == before + 2
    assert window.findings.view.font().pointSizeF() == before + 2 == window.indicators.tree.font().pointSizeF()
    window.settings.sync()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.zoom == 2
    window.registry[ActionId.ZOOM_RESET].trigger()
    assert window.report.font().pointSizeF() == before and window.prefs.zoom == 0


def test_the_audit_trail_fits_without_scrolling_sideways(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: "与原件核对，合计栏抄错一位，已电话确认")
    window.findings.select_key(ctl.session.findings[0].key)
    window.registry[ActionId.CONFIRM].trigger()
    window.lower_tabs.setCurrentWidget(window.history)
    view = window.history
    header = view.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(header.count())) <= view.viewport().width() + 1
    text = view.model_.index(0, 2).data()
    assert "确认报告有误" in text and "与原件核对" in text and "|" not in text  # words, not keys
    view.setCurrentIndex(view.model_.index(0, 0))
    assert "与原件核对，合计栏抄错一位，已电话确认" in window.inspector.browser.toPlainText()


def test_a_note_with_markup_characters_reads_as_typed(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The inspector shows findings and notes as HTML: what the auditor or the report wrote is
    escaped, so "<", "&" and quotes read as typed and never become markup."""
    note = '分项之和<总计 & "合计栏" <b>抄错</b>'
    window, (ctl,) = open_window(seed_copy(4))
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: note)
    window.findings.select_key(ctl.session.findings[0].key)
    window.registry[ActionId.CONFIRM].trigger()
    window.findings.select_key(ctl.session.findings[0].key)
    assert note in window.inspector.browser.toPlainText()
    window.lower_tabs.setCurrentWidget(window.history)
    window.history.setCurrentIndex(window.history.model_.index(0, 0))
    assert note in window.inspector.browser.toPlainText()


def test_indicator_filter_hides_rows_whose_label_does_not_match(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    panel = window.indicators
    panel.filter.setText("申请")
    model, tree = panel.model, panel.tree
    shown = [model.index_for_id(i) for i in ctl.session.table.template.ids if model.has_id(i)]
    visible = [ix for ix in shown if not tree.isRowHidden(ix.row(), ix.parent())
               and not (ix.parent().isValid() and tree.isRowHidden(ix.parent().row(), ix.parent().parent()))]
    assert visible and len(visible) < len(shown)
    leaves = [ix for ix in visible if model.rowCount(ix) == 0]
    assert all("申请" in str(ix.data()) for ix in leaves)
    panel.filter.clear()
    assert not any(tree.isRowHidden(ix.row(), ix.parent()) for ix in shown)


def test_agency_and_year_set_by_the_auditor_are_undoable_and_kept(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    from gui.dialogs import identity_dialog

    report = seed_copy(4)
    window, (ctl,) = open_window(report)
    before = (ctl.session.result.agency, ctl.session.result.year)
    asked: list[tuple] = []

    def answer(parent, agency, year, recognised):  # type: ignore[no-untyped-def]
        asked.append((agency, year, recognised))
        return "某某市某某区政务服务数据管理局", 2019

    monkeypatch.setattr(identity_dialog, "ask_identity", answer)
    window.registry[ActionId.IDENTITY].trigger()
    assert asked and asked[0][:2] == before  # the dialog starts from what was recognised
    assert (ctl.session.result.agency, ctl.session.result.year) == ("某某市某某区政务服务数据管理局", 2019)
    assert "机关：某某市某某区政务服务数据管理局　年度：2019" in window.status.label.text()
    saved = json.loads(report.with_name(report.name + ".review.json").read_text(encoding="utf-8"))
    assert saved["identity"] == {"agency": "某某市某某区政务服务数据管理局", "year": 2019}
    window.registry[ActionId.UNDO].trigger()
    assert (ctl.session.result.agency, ctl.session.result.year) == before


def test_identity_dialog_blank_year_means_unrecognised(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QSpinBox

    from gui.dialogs.identity_dialog import ask_identity

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.findChild(QLineEdit).setText("  某某县人民政府办公室 ")
        dialog.findChild(QSpinBox).setValue(dialog.findChild(QSpinBox).minimum())
        dialog.accept()

    QTimer.singleShot(0, fill)
    assert ask_identity(None, None, 2020, "") == ("某某县人民政府办公室", None)
