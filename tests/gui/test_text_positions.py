"""Spans count code points, Qt counts UTF-16 units: highlights must still sit on their text."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from gui.views.text_positions import PositionMap

pytestmark = pytest.mark.gui

TEXT = "申请𠀀数为12件，\n𡈽𡈽网站发布1457条。"  # two ideographs outside the BMP before the figures


def test_position_map_round_trips() -> None:
    positions = PositionMap(TEXT)
    for i in range(len(TEXT) + 1):
        assert positions.to_py(positions.to_qt(i)) == i
    assert PositionMap("纯中文文本").to_qt(3) == 3


def test_spans_select_the_same_text_in_qt(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(TEXT)
    positions = PositionMap(TEXT)
    for figure in ("12", "1457", "𡈽网站"):
        start = TEXT.index(figure)
        cursor = QTextCursor(edit.document())
        cursor.setPosition(positions.to_qt(start))
        cursor.setPosition(positions.to_qt(start + len(figure)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == figure


def test_installed_pyside_does_not_leak_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call and
    aborts the process after a few dozen corrections: requirements.txt pins below it."""
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    before = sys.getrefcount(None)
    for _ in range(500):
        editor.setReadOnly(True)
    assert sys.getrefcount(None) - before > -50
