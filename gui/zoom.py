"""视图 → 放大/缩小/原始大小: one text size for every pane, remembered between sessions.

The step is points added to the application's font; every widget under the window's
central widget inherits it, table rows grow with it, and a PDF's pages grow past the
pane's width (zoom out leaves them fitted).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from gui.views.original_pane import OriginalPane

MIN_STEP, MAX_STEP = -4, 12


def clamp(step: int) -> int:
    return max(MIN_STEP, min(MAX_STEP, step))


def apply_zoom(root: QWidget, step: int) -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() + clamp(step)))
    root.setFont(font)
    row = QFontMetrics(font).height() + 8
    for table in root.findChildren(QTableView):
        table.verticalHeader().setDefaultSectionSize(row)
    for pane in root.findChildren(OriginalPane):
        pane.set_zoom(step)
