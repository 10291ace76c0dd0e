"""Ctrl+F over the original: find a number or a phrase, step through the hits, see how many.

The search runs over the document text, not over what a view shows, so it finds the
same hits in the text view and on the PDF pages, and inside table cells. Spaces and
line breaks are ignored on both sides (a PDF line may break a phrase; "1457 条" is found
by "1457条"), full-width digits and letters match their ASCII forms, case is ignored.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from core.document.model import Span


class TextSearch:
    """Hits of a query in one text, as spans of that text."""

    def __init__(self, text: str) -> None:
        self._kept: list[int] = []  # index in the text of each character searched
        chars: list[str] = []
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            folded = unicodedata.normalize("NFKC", ch).lower()
            chars.append(folded if len(folded) == 1 else ch.lower())
            self._kept.append(i)
        self._squeezed = "".join(chars)

    @staticmethod
    def _query(query: str) -> str:
        return "".join(
            (f if len(f := unicodedata.normalize("NFKC", ch).lower()) == 1 else ch.lower())
            for ch in query
            if not ch.isspace()
        )

    def find(self, query: str) -> list[Span]:
        needle = self._query(query)
        if not needle:
            return []
        hits: list[Span] = []
        at = self._squeezed.find(needle)
        while at >= 0:
            hits.append((self._kept[at], self._kept[at + len(needle) - 1] + 1))
            at = self._squeezed.find(needle, at + len(needle))
        return hits


class FindBar(QWidget):
    """The bar under the original's header; ``spanWanted`` asks the pane to show a hit."""

    spanWanted = Signal(object)  # Span

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("查找数字或文字（Enter 下一个，Shift+Enter 上一个）")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(70)
        self.previous = QToolButton(self)
        self.previous.setText("▲")
        self.previous.setToolTip("上一个（Shift+Enter）")
        self.next = QToolButton(self)
        self.next.setText("▼")
        self.next.setToolTip("下一个（Enter）")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("关闭查找（Esc）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.addWidget(QLabel("查找：", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(close)
        self._search: TextSearch | None = None
        self._text = ""
        self.hits: list[Span] = []
        self.index = -1
        self.edit.textChanged.connect(self._changed)
        self.edit.installEventFilter(self)
        self.next.clicked.connect(lambda: self.step(+1))
        self.previous.clicked.connect(lambda: self.step(-1))
        close.clicked.connect(self.hide)
        self.hide()

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text, self._search = text, None
            self._changed(self.edit.text())

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def _changed(self, query: str) -> None:
        if self._search is None and query:
            self._search = TextSearch(self._text)  # built on the first search of a report
        self.hits = self._search.find(query) if self._search is not None and query else []
        self.index = -1
        if self.hits:
            self.step(+1)
        else:
            self._show_count()

    def step(self, delta: int) -> None:
        if not self.hits:
            self._show_count()
            return
        self.index = (self.index + delta) % len(self.hits) if self.index >= 0 else (0 if delta > 0 else len(self.hits) - 1)
        self._show_count()
        self.spanWanted.emit(self.hits[self.index])

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText("无匹配")
        else:
            self.count.setText(f"{self.index + 1} / {len(self.hits)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
                self.step(-1 if shift else +1)
                return True
        return super().eventFilter(watched, event)
