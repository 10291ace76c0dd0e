"""Text span <-> table row <-> finding: each side selects and scrolls to the others."""

from __future__ import annotations

import pytest
from gui_helpers import SEEDS, shows
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from gui.actions import ActionId
from gui.highlight import Mark
from gui.models.indicator_model import STATUS

pytestmark = pytest.mark.gui


def _ready(window, ctl):  # type: ignore[no-untyped-def]
    assert ctl.state == "ready", ctl.error
    return ctl.session


def test_open_seed_shows_text_table_findings_and_status(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    assert shows(window.report, session.result.document.text)
    assert window.findings.model.rowCount() == len(session.findings) > 0
    assert window.indicators.model.rowCount() > 0
    status = window.status.text()
    assert session.result.agency in status and str(session.result.year) in status
    errors = sum(f.severity.value == "error" for f in session.findings)
    assert f"错误 {errors}" in status
    # every published value with a span is marked in the text, exactly on its figure
    marks = window.report.marks
    text = session.result.document.text
    value_marks = [m for m in marks.marks if m.target[0] == "value"]
    assert len(value_marks) == sum(1 for v in session.table.published.values() if v.span)
    for m in value_marks:
        assert text[m.start : m.end] == session.table.raw(m.target[1])
    assert window.report.marked_blocks() > 0


def test_finding_selects_its_evidence_span_and_table_rows(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    finding = next(f for f in session.findings if f.evidence and f.ids and f.kind.value == "table")
    row = window.findings.model.row_of(finding.key)
    window.findings.view.setCurrentIndex(window.findings.proxy.mapFromSource(window.findings.model.index(row, 0)))
    span = finding.evidence[0].span
    assert window.report.selected_span() == span
    assert window.report.textCursor().selectedText() == finding.evidence[0].text
    assert window.indicators.current_id() == finding.ids[0]
    assert set(window.indicators.selected_ids()) == {i for i in finding.ids if window.indicators.model.has_id(i)}
    assert window.inspector.key == finding.key
    assert finding.message in window.inspector.browser.toPlainText()


def test_table_row_selects_value_span_and_marks_related_findings(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    finding = next(f for f in session.findings if f.ids and session.table.span(f.ids[-1]))
    ident = finding.ids[-1]
    window.indicators.tree.setCurrentIndex(window.indicators.model.index_for_id(ident))
    assert window.report.selected_span() == session.table.span(ident)
    related = [f for f in window.findings.model.findings() if window.findings.model.is_related(f)]
    assert finding in related and all(ident in f.ids for f in related)
    window.findings.only_related.setChecked(True)
    assert window.findings.proxy.rowCount() == len(related)


def test_clicking_a_marked_figure_selects_its_finding_and_row(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    finding = next(f for f in session.findings if f.kind.value == "table" and f.evidence)
    start, end = finding.evidence[-1].span
    ident = next(i for i in finding.ids if session.table.span(i) == (start, end))
    window.report.show_span((start, end))  # scroll it into view, then click elsewhere first
    cursor = QTextCursor(window.report.document())
    cursor.setPosition(window.report.positions.to_qt(start))
    left = window.report.cursorRect(cursor)
    cursor.setPosition(window.report.positions.to_qt(end))
    right = window.report.cursorRect(cursor)
    point = left.center()
    point.setX((left.left() + right.left()) // 2)
    qtbot.mouseClick(window.report.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.findings.current_key() == finding.key
    assert window.inspector.key == finding.key
    assert window.indicators.current_id() == ident
    assert window.report.selected_span() == (start, end)


def test_f8_walks_through_findings_in_order(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(0))
    session = _ready(window, ctl)
    keys = [f.key for f in session.findings]
    window.findings.grouped.setChecked(False)  # ungrouped: the engine's order, worst first
    window.findings.select_key(keys[0])
    seen = [window.findings.current_key()]
    for _ in keys[1:]:
        window.registry[ActionId.NEXT_FINDING].trigger()
        seen.append(window.findings.current_key())
    assert seen == keys
    window.registry[ActionId.NEXT_FINDING].trigger()
    assert window.findings.current_key() == keys[0]  # wraps around
    window.registry[ActionId.PREV_FINDING].trigger()
    assert window.findings.current_key() == keys[-1]
    # Grouped, F8 goes through each group's findings in turn, and still meets every one once.
    window.findings.grouped.setChecked(True)
    shown = window.findings._shown_keys()
    window.findings.select_key(shown[0])
    seen = [window.findings.current_key()]
    for _ in keys[1:]:
        window.registry[ActionId.NEXT_FINDING].trigger()
        seen.append(window.findings.current_key())
    assert seen == shown and sorted(seen) == sorted(keys)


def test_only_uncovered_filter_lists_uncovered_figures_and_jumps(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    uncovered = [c for c in session.result.claims if not c.ids]
    assert uncovered, "the seed has narrative figures no check covers"
    window.registry[ActionId.ONLY_UNCOVERED].setChecked(True)
    assert window.lower_tabs.currentWidget() is window.uncovered
    assert {m.mark for m in window.report.marks.marks} == {Mark.UNCOVERED}
    assert window.uncovered.model.rowCount() == len(uncovered)
    window.uncovered.select_row(len(uncovered) - 1)
    assert window.report.selected_span() == uncovered[-1].figure.span
    window.registry[ActionId.ONLY_UNCOVERED].setChecked(False)
    assert Mark.VALUE in {m.mark for m in window.report.marks.marks}


def test_status_column_says_what_is_wrong_in_words(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    finding = next(f for f in session.findings if f.severity.value == "error" and f.ids)
    index = window.indicators.model.index_for_id(finding.ids[0], STATUS)
    assert "有误" in index.data() and "✗" in index.data()


def test_several_reports_open_in_tabs(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    a, b = seed_copy(1), seed_copy(2)
    window, controllers = open_window(a, b)
    assert window.file_tabs.count() == 2
    assert window.current() is controllers[1]
    window.file_tabs.setCurrentIndex(0)
    assert shows(window.report, controllers[0].session.result.document.text)
    assert str(a) in window.recent.paths() and str(b) in window.recent.paths()
    window.open_files([str(a)])  # already open: switch, do not open twice
    assert window.file_tabs.count() == 2
    window.close_file(0)
    assert window.file_tabs.count() == 1 and window.current() is controllers[1]


def test_narrative_finding_selects_the_claim_phrase_and_its_row(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(0))
    session = _ready(window, ctl)
    finding = next(f for f in session.findings if f.kind.value == "narrative" and f.evidence and f.ids)
    window.findings.select_key(finding.key)
    text = session.result.document.text
    start, end = finding.evidence[0].span
    assert window.report.selected_span() == (start, end)
    assert window.report.textCursor().selectedText() == text[start:end] == finding.evidence[0].text
    assert window.indicators.current_id() == finding.ids[0]


def test_hovering_a_marked_figure_explains_it(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window, (ctl,) = open_window(seed_copy(4))
    finding = next(f for f in ctl.session.findings if f.evidence)
    start, _ = finding.evidence[0].span
    window.report.show_span(finding.evidence[0].span)
    cursor = QTextCursor(window.report.document())
    cursor.setPosition(window.report.positions.to_qt(start))
    point = window.report.cursorRect(cursor).center()
    point.setX(point.x() + 3)
    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", staticmethod(lambda pos, text, *a: shown.append(text)))
    viewport = window.report.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    assert shown and finding.message in shown[0]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_marks_sit_on_their_figures_in_other_formats(open_window, generated_docs, fmt) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(generated_docs[(SEEDS[4].name, fmt)])
    session = _ready(window, ctl)
    view = window.report
    text = session.result.document.text
    assert shows(view, text)  # every character in its place, tables as grids
    checked = 0
    for mark in view.marks.marks:
        if "\t" in text[mark.start : mark.end] or "\n" in text[mark.start : mark.end]:
            continue  # runs over table structure: no one selection holds it
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.positions.to_qt(mark.start))
        cursor.setPosition(view.positions.to_qt(mark.end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == text[mark.start : mark.end]
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("source", ["html", "docx", "pdf", "seed"])
def test_tables_are_shown_as_grids_with_their_values_in_cells(open_window, seed_copy, generated_docs, source) -> None:  # type: ignore[no-untyped-def]
    path = seed_copy(4) if source == "seed" else generated_docs[(SEEDS[4].name, source)]
    window, (ctl,) = open_window(path)
    session = _ready(window, ctl)
    doc = window.report.document()
    in_cells = 0
    values = [v for v in session.table.published.values() if v.span and v.raw]
    for value in values:
        cursor = QTextCursor(doc)
        cursor.setPosition(window.report.positions.to_qt(value.span[0]))
        in_cells += cursor.currentTable() is not None
    assert len(values) > 20 and in_cells >= 0.9 * len(values)  # the table's figures sit in grid cells


def test_web_furniture_before_the_body_is_folded_and_unfolds(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    window, (ctl,) = open_window(seed_copy(4))
    session = _ready(window, ctl)
    doc = session.result.document
    title = doc.text.index("\n", 10) + 1  # pretend the first lines are a site's menus
    session.result.document = replace(doc, body=(title, len(doc.text)))
    window.report.set_controller(ctl)
    view = window.report
    assert view.folded == [(0, title)]
    assert view.document().firstBlock().text().startswith("▸ 已折叠正文之前")
    assert not view.positions.shown(0) and view.positions.shown(title)
    view.show_span((0, 4))  # selecting something folded away unfolds it
    assert view.folded == [] and view.selected_span() == (0, 4)
    assert shows(view, doc.text)


def test_a_far_span_is_selected_and_centred(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(0))
    session = _ready(window, ctl)
    view = window.report
    figure = max((c.figure for c in session.result.claims), key=lambda f: f.span[0])
    view.show_span(figure.span)
    qtbot.wait(1)  # the deferred re-centre
    assert view.selected_span() == figure.span
    rect, height = view.cursorRect(), view.viewport().height()
    assert 0 <= rect.top() and rect.bottom() <= height  # on screen
    assert abs(rect.center().y() - height / 2) < height / 4  # and about the middle


@pytest.mark.parametrize("source", ["seed", "docx", "html"])
def test_marks_go_to_the_blocks_qt_puts_their_text_in(open_window, seed_copy, generated_docs, source) -> None:  # type: ignore[no-untyped-def]
    path = seed_copy(0) if source == "seed" else generated_docs[(SEEDS[4].name, source)]
    window, (ctl,) = open_window(path)
    _ready(window, ctl)
    view = window.report
    doc = view.document()
    expected: dict[int, list[tuple[int, int, Mark]]] = {}
    for mark in view.marks.marks:  # each mark's share of every block it covers, asked of Qt
        start, end = view._positions.to_qt(mark.start), view._positions.to_qt(mark.end)
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            lo, hi = max(start, block.position()), min(end, block.position() + block.length() - 1)
            if hi > lo:
                expected.setdefault(block.blockNumber(), []).append((lo - block.position(), hi - lo, mark.mark))
            block = block.next()
    assert len(expected) > 10
    assert view._block_marks(view.document(), view.marks) == {n: tuple(r) for n, r in expected.items()}
