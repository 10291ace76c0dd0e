"""Triage at the scale of a real report: findings grouped by cause, one disposition and one
note for a whole group or selection, undone in one step; filters and sorting."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import FIXTURES
from PySide6.QtCore import QItemSelectionModel, Qt

from core.audit import audit_file
from core.rules.finding import Kind, Severity
from core.session import CONFIRMED, FALSE_ALARM, OPEN
from gui.actions import ActionId
from gui.models.finding_groups import family_of
from gui.models.finding_model import SEVERITY, GroupRole, KeyRole

pytestmark = pytest.mark.gui

BASE = FIXTURES / "new_template" / "qingjiang_2022.txt"


def _flooded(path: Path) -> Path:
    """The 2022 report with every 办理结果 row's 自然人 cell one too high: twenty slips of one
    kind besides the report's own narrative and blank-cell findings (the engine reads each
    row's slip as its own cause, so there are many findings of one family to triage)."""
    result = audit_file(BASE)
    assert result.table is not None and result.document is not None
    text = result.document.text
    cells = [v for k, v in result.table.published.items()
             if k.startswith("t3.result.") and k.endswith("@natural") and not k.startswith("t3.result.total")
             and v.span is not None and v.value is not None]
    for cell in sorted(cells, key=lambda c: -c.span[0]):  # type: ignore[index]
        assert cell.span is not None and cell.value is not None
        text = text[: cell.span[0]] + str(int(cell.value) + 1) + text[cell.span[1] :]
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def flood(open_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "reports").mkdir()
    report = _flooded(tmp_path / "reports" / "qingjiang_2022.txt")
    window, (ctl,) = open_window(report)
    assert ctl.state == "ready", ctl.error
    assert len(ctl.session.findings) >= 20, "a report that raises a flood of findings"
    return window, ctl


def _groups(window):  # type: ignore[no-untyped-def]
    proxy = window.findings.proxy
    return [proxy.index(r, 0) for r in range(proxy.rowCount()) if isinstance(proxy.index(r, 0).data(GroupRole), str)]


def test_a_flood_is_shown_as_a_few_groups_with_counts(flood) -> None:  # type: ignore[no-untyped-def]
    window, ctl = flood
    panel = window.findings
    groups = _groups(window)
    assert groups and panel.proxy.rowCount() < len(ctl.session.findings) / 3
    shown = panel._shown_keys()
    assert sorted(shown) == sorted(f.key for f in ctl.session.findings)  # each finding once, none lost
    for index in groups:
        keys = panel.model.keys_at(panel.proxy.mapToSource(index))
        assert len(keys) > 1 and f"（{len(keys)} 个）" in index.data()
        members = [ctl.finding(k) for k in keys]
        assert len({family_of(f.rule) for f in members}) == 1  # one cause per group
        assert "." not in index.data()  # plain words: no rule id in the label
    total = len(ctl.session.findings)
    assert panel.remaining.text() == f"待处理 {total} / {total}"
    assert window.lower_tabs.tabText(0) == f"问题（{total}）"


def test_a_group_is_disposed_with_one_note_and_undone_in_one_step(flood, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import note_dialog

    window, ctl = flood
    session, panel = ctl.session, window.findings
    blank = max(_groups(window), key=lambda i: panel.proxy.rowCount(i))
    keys = panel.model.keys_at(panel.proxy.mapToSource(blank))
    assert len(keys) >= 10
    asked: list[str] = []
    monkeypatch.setattr(note_dialog, "ask_note", lambda parent, title, *a, **k: asked.append(title) or "空白即为0，已电话核实")
    panel.select_group(blank.data(GroupRole))
    assert sorted(panel.selected_keys()) == sorted(keys)
    steps, trail = ctl.undo_stack.count(), len(session.history)
    window.registry[ActionId.FALSE_ALARM].trigger()
    assert len(asked) == 1 and f"{len(keys)} 个问题" in asked[0]  # one note for the whole group
    assert all(session.disposition(k).status == FALSE_ALARM for k in keys)
    assert {session.disposition(k).note for k in keys} == {"空白即为0，已电话核实"}
    assert ctl.undo_stack.count() == steps + 1  # one step
    assert len(session.history) == trail + len(keys)  # every finding still has its line in the trail
    total = len(session.findings)
    assert panel.remaining.text().startswith(f"待处理 {total - len(keys)} / {total}")
    assert "0/" not in window.lower_tabs.tabText(0) and f"{total - len(keys)}/{total}" in window.lower_tabs.tabText(0)
    window.registry[ActionId.UNDO].trigger()
    assert all(session.disposition(k).status == OPEN for k in keys)  # undone as one
    assert panel.remaining.text().startswith(f"待处理 {total} / {total}")
    window.registry[ActionId.REDO].trigger()
    assert all(session.disposition(k).status == FALSE_ALARM for k in keys)


def test_several_rows_selected_are_confirmed_together(flood, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import note_dialog

    window, ctl = flood
    panel, session = window.findings, ctl.session
    panel.grouped.setChecked(False)
    first, second = panel.proxy.index(0, 0), panel.proxy.index(2, 0)
    sm = panel.view.selectionModel()
    rows = QItemSelectionModel.SelectionFlag.Rows
    sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect | rows)
    sm.setCurrentIndex(second, QItemSelectionModel.SelectionFlag.Select | rows)
    keys = [first.data(KeyRole), second.data(KeyRole)]
    assert sorted(panel.selected_keys()) == sorted(keys) and "已选 2" in panel.remaining.text()
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: "与原件核对，确有错误")
    window.registry[ActionId.CONFIRM].trigger()
    assert [session.disposition(k).status for k in keys] == [CONFIRMED, CONFIRMED]
    window.registry[ActionId.REOPEN].trigger()  # reopening takes no note
    assert [session.disposition(k).status for k in keys] == [OPEN, OPEN]


def test_filters_by_level_category_cause_and_text(flood) -> None:  # type: ignore[no-untyped-def]
    window, ctl = flood
    panel = window.findings
    panel.grouped.setChecked(False)

    def shown():  # type: ignore[no-untyped-def]
        return [ctl.finding(k) for k in panel._shown_keys()]

    panel.level.setCurrentIndex(2)  # 只看错误
    assert shown() and all(f.severity is Severity.ERROR for f in shown())
    panel.level.setCurrentIndex(0)
    panel.kind.setCurrentIndex(2)  # 正文
    assert shown() and all(f.kind is Kind.NARRATIVE for f in shown())
    panel.kind.setCurrentIndex(0)
    blank = panel.cause.findData("blank.cells")
    assert blank > 0 and "空白单元格" in panel.cause.itemText(blank)
    panel.cause.setCurrentIndex(blank)
    assert len(shown()) == sum(1 for f in ctl.session.findings if f.rule == "blank.cells")
    panel.cause.setCurrentIndex(0)
    panel.filter.setText("属于国家秘密")
    assert shown() and all("属于国家秘密" in f.message for f in shown())
    panel.clear_filters()
    assert len(shown()) == len(ctl.session.findings)


def test_columns_sort_and_return_to_the_engine_order(flood) -> None:  # type: ignore[no-untyped-def]
    window, ctl = flood
    panel = window.findings
    panel.grouped.setChecked(False)
    engine = panel._shown_keys()
    panel.view.sortByColumn(SEVERITY, Qt.SortOrder.DescendingOrder)
    ranks = [{"error": 0, "warning": 1, "info": 2}[ctl.finding(k).severity.value] for k in panel._shown_keys()]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == max(ranks) > 0
    panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert panel._shown_keys() == engine
