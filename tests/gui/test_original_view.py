"""The original as published: find over it, a PDF's pages with the marks on their figures."""

from __future__ import annotations

import pytest
from gui_helpers import SEEDS
from PySide6.QtCore import Qt

from gui.actions import ActionId
from gui.views.find_bar import TextSearch

pytestmark = pytest.mark.gui


def test_text_search_ignores_spaces_width_and_case() -> None:
    text = "全年发布信息 1457 条，其中网站１４５７条；\n微博\t共 12 条。Web 站点"
    search = TextSearch(text)
    hits = search.find("1457条")
    assert [text[a:b] for a, b in hits] == ["1457 条", "１４５７条"]
    assert [text[a:b] for a, b in search.find("微博共12")] == ["微博\t共 12"]
    assert [text[a:b] for a, b in search.find("web")] == ["Web"]
    assert search.find("  ") == [] and search.find("9999") == []


def test_find_bar_steps_through_hits_and_counts_them(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(seed_copy(4))
    text = ctl.session.result.document.text
    figure = next(c.figure.text for c in ctl.session.result.claims if text.count(c.figure.text) >= 2)
    expected = TextSearch(text).find(figure)
    window.registry[ActionId.FIND].trigger()
    bar = window.original.finder
    assert bar.isVisible() and bar.edit.hasFocus()
    bar.edit.setText(figure)
    assert bar.count.text() == f"1 / {len(expected)}"
    assert window.report.selected_span() == expected[0]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 / {len(expected)}" and window.report.selected_span() == expected[1]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.report.selected_span() == expected[0]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # wraps to the last
    assert window.report.selected_span() == expected[-1]
    bar.edit.setText("这句话不在报告里")
    assert bar.count.text() == "无匹配"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


@pytest.fixture
def pdf_window(open_window, generated_docs, qtbot):  # type: ignore[no-untyped-def]
    window, (ctl,) = open_window(generated_docs[(SEEDS[4].name, "pdf")])
    assert ctl.state == "ready", ctl.error
    qtbot.waitUntil(window.original.settled, timeout=20_000)
    return window, ctl


def test_a_pdf_opens_on_its_pages_and_toggles_to_text(pdf_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, ctl = pdf_window
    pane, action = window.original, window.registry[ActionId.PAGE_VIEW]
    assert pane.page_mode and action.isEnabled() and action.isChecked()
    assert pane.pages.page_count == ctl.session.result.document.pages
    action.trigger()
    assert not pane.page_mode and pane.stack.currentWidget() is window.report
    action.trigger()
    assert pane.page_mode
    # Pages follow the selection: the first finding's evidence is outlined on its page.
    finding = next(f for f in ctl.session.findings if f.evidence and ctl.session.result.document.page_chars(f.evidence[0].span))
    window.findings.select_key(finding.key)
    qtbot.waitUntil(lambda: pane.pages.mark_center(finding.evidence[0].span) is not None, timeout=10_000)
    assert pane.pages.selection == finding.evidence[0].span
    centre = pane.pages.mark_center(finding.evidence[0].span)
    assert 0 <= centre.y() <= pane.pages.viewport().height()


def test_pages_that_cannot_be_drawn_fall_back_to_the_text_and_say_why(pdf_window) -> None:  # type: ignore[no-untyped-def]
    window, _ = pdf_window
    pane = window.original
    assert pane.page_mode
    pane.pages.failed.emit("原版页面无法显示：文件已被移走")
    assert not pane.page_mode and pane.stack.currentWidget() is window.report
    assert pane.bar.note.text() == "原版页面无法显示：文件已被移走"


def test_clicking_a_highlight_on_the_page_selects_its_finding_and_row(pdf_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, ctl = pdf_window
    session, pages = ctl.session, window.original.pages
    doc = session.result.document
    finding = next(f for f in session.findings if f.kind.value == "table" and f.evidence and doc.page_chars(f.evidence[-1].span))
    span = finding.evidence[-1].span
    ident = next(i for i in finding.ids if session.table.span(i) == span)
    window.findings.select_key(next(f.key for f in session.findings if f.key != finding.key))  # start elsewhere
    pages.show_span(span)
    qtbot.waitUntil(lambda: pages.mark_center(span) is not None, timeout=10_000)
    hits = pages.marks_at(pages.mark_center(span))
    assert hits and hits[0].target == ("finding", finding.key)  # the error is on top of the value
    qtbot.mouseClick(pages.viewport(), Qt.MouseButton.LeftButton, pos=pages.mark_center(span).toPoint())
    assert window.findings.current_key() == finding.key
    assert window.inspector.key == finding.key
    assert window.indicators.current_id() == ident


def test_the_page_view_draws_marks_over_the_printed_figures(pdf_window) -> None:  # type: ignore[no-untyped-def]
    window, ctl = pdf_window
    pages = window.original.pages
    page = pages.current_page
    drawn = pages._marks_on(page)
    assert drawn, "the page on screen carries marks"
    doc = ctl.session.result.document
    for mark, boxes in drawn:
        assert any(p == page for p, _, _ in doc.page_chars((mark.start, mark.end)))
        for left, top, right, bottom in boxes:
            assert 0 <= left < right <= 1 and 0 <= top < bottom <= 1


def test_the_header_says_no_findings_only_when_none_is_open(open_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil
    from pathlib import Path

    from core.session import FALSE_ALARM
    from gui.dialogs import note_dialog

    new = Path(__file__).parents[1] / "fixtures" / "new_template"
    for name in ("qingjiang_2021.txt", "transport_2019.txt"):
        shutil.copy(new / name, tmp_path / name)
    window, (clean, flawed) = open_window(tmp_path / "qingjiang_2021.txt", tmp_path / "transport_2019.txt")
    header = window.original.header
    window.file_tabs.setCurrentIndex(0)
    assert not clean.session.findings
    assert header.verdict.text() == "✓ 未发现问题" and "读取 " in header.checked.text()
    assert window.findings.empty.isVisible()
    window.file_tabs.setCurrentIndex(1)
    findings = flawed.session.findings
    assert findings and "未发现问题" not in header.verdict.text()
    assert header.verdict.text().startswith(f"待处理 {len(findings)} 个问题")
    assert not window.findings.empty.isVisible()
    monkeypatch.setattr(note_dialog, "ask_note", lambda *a, **k: "核实无误")
    flawed.dispose_many([f.key for f in findings[:-1]], FALSE_ALARM, "核实无误")
    assert header.verdict.text().startswith("待处理 1 个问题")  # one still open: not yet
    flawed.dispose(findings[-1].key, FALSE_ALARM, "核实无误")
    assert header.verdict.text() == f"✓ 未发现问题（{len(findings)} 个疑点已判为误报）"
