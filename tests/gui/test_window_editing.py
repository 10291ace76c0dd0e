"""Corrections and dispositions: re-run at once, undoable, recorded in the trail."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from gui_helpers import SEEDS, expected_value, first_report_with, fixable_sum

from core.forms.national_2008.rules import SUMS
from core.session import CONFIRMED, FALSE_ALARM, OPEN
from gui.actions import ActionId
from gui.dialogs import note_dialog
from gui.models.indicator_model import CORRECTED, PUBLISHED, STATUS

pytestmark = pytest.mark.gui


def _keys(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.key for f in window.findings.model.findings()}


def test_edit_removes_finding_then_undo_and_redo(open_window, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    source, finding = first_report_with(fixable_sum, SEEDS)
    report = tmp_path / source.name
    shutil.copy(source, report)
    window, (ctl,) = open_window(report)
    parent = finding.ids[0]
    model = window.indicators.model
    index = model.index_for_id(parent, CORRECTED)
    assert model.flags(index) & model.flags(index).ItemIsEditable
    published_status = model.index_for_id(parent, STATUS).data()

    assert model.setData(index, str(expected_value(finding)))
    qtbot.waitUntil(lambda: finding.key not in _keys(window))
    assert ctl.session.value(parent) == expected_value(finding)
    assert "已更正" in model.index_for_id(parent, STATUS).data()
    assert model.index_for_id(parent, PUBLISHED).data() == finding.evidence[0].text  # as printed, unchanged
    assert window.history.model_.rowCount() == 1
    assert not any(m.target == ("finding", finding.key) for m in window.report.marks.marks)
    assert window.report.marks.corrected == [ctl.session.table.span(parent)]

    window.registry[ActionId.UNDO].trigger()
    assert finding.key in _keys(window)
    assert not ctl.session.is_corrected(parent)
    assert model.index_for_id(parent, STATUS).data() == published_status
    window.registry[ActionId.REDO].trigger()
    assert finding.key not in _keys(window)
    assert [h.action for h in ctl.session.history] == ["edit", "undo", "redo"]
    assert window.history.model_.rowCount() == 3


def test_edit_that_breaks_a_sum_makes_a_finding_appear(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = ctl.session
    live = {f.rule for f in session.findings}
    rule = next(
        r for r in SUMS if r.rule_id not in live and all(session.value(i) is not None for i in r.ids)
    )
    before = window.findings.model.finding_count()
    index = window.indicators.model.index_for_id(rule.parent, CORRECTED)
    assert window.indicators.model.setData(index, str(session.value(rule.parent) + 1))
    qtbot.waitUntil(lambda: any(f.rule == rule.rule_id for f in window.findings.model.findings()))
    assert window.findings.model.finding_count() > before
    assert [f.key for f in window.findings.model.findings()] == [f.key for f in session.findings]
    assert "已更正" in window.indicators.model.index_for_id(rule.parent, STATUS).data()
    child = window.indicators.model.index_for_id(rule.children[0], STATUS).data()
    assert "有误" in child  # the untouched children now disagree with the corrected total
    assert window.report.marks is not None
    assert any(m.target[0] == "finding" and m.target[1].startswith(rule.rule_id) for m in window.report.marks.marks)


def test_non_number_is_refused_and_blank_reverts(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    ident = next(i for i, v in ctl.session.table.published.items() if v.value is not None and i in ctl.session.table.template)
    index = window.indicators.model.index_for_id(ident, CORRECTED)
    assert not window.indicators.model.setData(index, "abc")
    assert ctl.undo_stack.count() == 0
    assert "abc" in window.statusBar().currentMessage() and "不是数字" in window.statusBar().currentMessage()
    assert window.indicators.model.setData(index, str(ctl.session.value(ident) + 7))
    assert ctl.session.is_corrected(ident)
    assert window.indicators.model.setData(index, "")  # blank: back to the published value
    assert not ctl.session.is_corrected(ident)
    assert ctl.undo_stack.count() == 2


def test_accept_suggestion_corrects_the_one_value(open_window, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    source, finding = first_report_with(lambda f: f.suggestion is not None)
    report = tmp_path / source.name
    shutil.copy(source, report)
    window, (ctl,) = open_window(report)
    window.findings.select_key(finding.key)
    assert window.registry[ActionId.ACCEPT_SUGGESTION].isEnabled()
    assert "建议" in window.inspector.browser.toPlainText()
    window.registry[ActionId.ACCEPT_SUGGESTION].trigger()
    assert ctl.session.value(finding.suggestion.id) == finding.suggestion.value
    assert finding.key not in _keys(window)
    assert ctl.session.history[-1].reason.startswith("采纳建议")
    window.registry[ActionId.UNDO].trigger()
    assert finding.key in _keys(window)


def test_dispose_with_note_is_undoable(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked = []

    def fake_note(parent, title, prompt, text=""):  # type: ignore[no-untyped-def]
        asked.append(title)
        return "已与纸质原件核对"

    monkeypatch.setattr(note_dialog, "ask_note", fake_note)
    window, (ctl,) = open_window(seed_copy(4))
    finding = ctl.session.findings[0]
    window.findings.select_key(finding.key)
    window.registry[ActionId.CONFIRM].trigger()
    disposition = ctl.session.disposition(finding.key)
    assert (disposition.status, disposition.note) == (CONFIRMED, "已与纸质原件核对")
    assert asked == ["确认报告有误"]
    row = window.findings.model.row_of(finding.key)
    assert window.findings.model.index(row, 3).data() == "确认报告有误"
    assert "已与纸质原件核对" in window.inspector.browser.toPlainText()
    window.registry[ActionId.FALSE_ALARM].trigger()
    assert ctl.session.disposition(finding.key).status == FALSE_ALARM
    assert not any(m.target == ("finding", finding.key) for m in window.report.marks.marks)
    window.registry[ActionId.UNDO].trigger()
    window.registry[ActionId.UNDO].trigger()
    assert ctl.session.disposition(finding.key).status == OPEN
    assert [h.action for h in ctl.session.history] == ["dispose", "dispose", "undo", "undo"]


def test_cancelled_note_changes_nothing(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: None)
    window, (ctl,) = open_window(seed_copy(4))
    window.findings.select_key(ctl.session.findings[0].key)
    window.registry[ActionId.FALSE_ALARM].trigger()
    assert ctl.undo_stack.count() == 0 and not ctl.session.history


def test_f2_dialog_records_reason(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    ident = next(i for i, v in ctl.session.table.published.items() if v.value is not None and i in ctl.session.table.template)
    window.indicators.tree.setCurrentIndex(window.indicators.model.index_for_id(ident))
    new = ctl.session.value(ident) + 3
    monkeypatch.setattr(note_dialog, "ask_value", lambda *a: (str(new), "与正文核对"))
    window.registry[ActionId.EDIT_VALUE].trigger()
    assert ctl.session.value(ident) == new
    assert ctl.session.reasons[ident] == "与正文核对"
    assert ctl.session.history[-1].reason == "与正文核对"
    assert window.registry[ActionId.REVERT_VALUE].isEnabled()
    window.registry[ActionId.REVERT_VALUE].trigger()
    assert not ctl.session.is_corrected(ident)
    assert isinstance(new, Decimal)


def _formats_at(window, span) -> list:  # type: ignore[no-untyped-def]
    """The formats laid over the text block that holds ``span`` (python indices), covering it."""
    view = window.report
    start, end = view._positions.to_qt(span[0]), view._positions.to_qt(span[1])
    block = view.document().findBlock(start)
    offset = start - block.position()
    from PySide6.QtGui import QTextCharFormat

    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= offset and offset + (end - start) <= r.start + r.length]


def test_drawn_marks_follow_an_edit_and_its_undo(open_window, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The error format on a wrong total leaves its figure when corrected and comes back on undo."""
    from gui.highlight import Mark, char_format

    source, finding = first_report_with(fixable_sum, SEEDS)
    report = tmp_path / source.name
    shutil.copy(source, report)
    window, (ctl,) = open_window(report)
    span = finding.evidence[0].span
    error = char_format(Mark.ERROR)
    assert error in _formats_at(window, span)

    model = window.indicators.model
    assert model.setData(model.index_for_id(finding.ids[0], CORRECTED), str(expected_value(finding)))
    qtbot.waitUntil(lambda: finding.key not in _keys(window))
    assert error not in _formats_at(window, span)
    assert char_format(Mark.VALUE) in _formats_at(window, span)  # still a marked table value

    window.undo_group.undo()
    qtbot.waitUntil(lambda: finding.key in _keys(window))
    assert error in _formats_at(window, span)
