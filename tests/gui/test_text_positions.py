"""Spans count code points, Qt counts UTF-16 units: highlights must still sit on their text."""

from __future__ import annotations

import sys

import PySide6
import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from gui.qt_compat import affected
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


def test_refcount_guard_is_active_exactly_where_needed() -> None:
    version = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
    assert affected((6, 12, 0), (3, 11)) and not affected((6, 12, 0), (3, 12)) and not affected((6, 11, 3), (3, 11))
    if affected(version, sys.version_info[:2]):
        assert sys.getrefcount(None) > 1 << 39  # the leak can never reach zero
