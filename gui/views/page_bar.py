"""The bar over a PDF's original: the 原版页面 switch, which page is shown, and a note when a
selection has no glyphs on the page. Made with the first report that has pages to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


class PageBar(QWidget):
    pageWanted = Signal(int)  # 0-based

    def __init__(self, page_action: QAction | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if page_action is not None:
            self.toggle.setDefaultAction(page_action)
        self.number = QSpinBox(self)
        self.number.setMinimum(1)
        self.number.setPrefix("第 ")
        self.number.setKeyboardTracking(False)
        self.total = QLabel(self)
        self.note = QLabel(self)
        self.note.setStyleSheet("color:#8a5a00")
        self.note.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        for widget in (self.toggle, self.number, self.total):
            layout.addWidget(widget)
        layout.addWidget(self.note, 1)
        self.number.valueChanged.connect(lambda n: self.pageWanted.emit(n - 1))

    def show_numbers(self, on: bool) -> None:
        self.number.setVisible(on)
        self.total.setVisible(on)

    def set_page(self, page: int, count: int) -> None:
        self.number.blockSignals(True)
        self.number.setMaximum(max(1, count))
        self.number.setValue(page + 1)
        self.number.blockSignals(False)
        self.total.setText(f"/ {count} 页")
