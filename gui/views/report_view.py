"""The report as published, read-only, with every value, claim and finding marked.

Tables are shown as grids (``text_build``), so the view's positions are not the text's:
a ``PositionMap`` translates every span. Marks are formats laid over each text block
(``QTextLayout.setFormats``, what a syntax highlighter does): a block takes them when it
is laid out, and an edit touches only the blocks whose marks changed. (ExtraSelections
made Qt lay out every marked block to find its rectangle.) Corrected values get an
outline box painted on top, because a character format cannot draw a box. Clicking a
marked figure emits the targets under the mouse; the navigator decides what to select.
Clicking the line that stands for folded web-page furniture unfolds it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QTextCursor, QTextDocument, QTextLayout, QTextOption
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from gui.highlight import COLORS, CORRECTED_COLOR, UNDERLINES, Mark, char_format
from gui.session_controller import SessionController
from gui.views.report_marks import ReportMarks, SpanMark, build_marks, tip_text
from gui.views.text_build import fill
from gui.views.text_positions import PositionMap
from gui.views.viewport import viewport_of

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent  # annotations only: built on the first click, not at start

Span = tuple[int, int]
BlockMarks = tuple[tuple[int, int, Mark], ...]  # (start in the block, length, kind), weakest first


class ReportView(QTextEdit):
    marksClicked = Signal(object)  # list[SpanMark] under the click, strongest first

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._viewport = viewport_of(self)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMinimumWidth(320)
        self._ctl: SessionController | None = None
        self._positions = PositionMap("")
        self._folds: list[tuple[int, int, Span]] = []
        self._fold = True
        self._marks: ReportMarks | None = None
        self._formats = {m: char_format(m) for m in Mark}
        self._only_uncovered = False
        self._applied: dict[int, BlockMarks] = {}  # block number -> the marks laid over it
        self._bounds: tuple[list[int], list[int]] | None = None  # of the text shown; see _block_bounds
        self._press_pos: QPoint | None = None
        self._chips: list[tuple[int, Mark]] = []  # (Qt position, kind) of marks on empty spans

    # ---- content ---------------------------------------------------------------
    def set_controller(self, controller: SessionController | None) -> None:
        self._ctl = controller
        self._fold = True
        self._rebuild()

    def _rebuild(self) -> None:
        doc = self._ctl.session.result.document if self._ctl and self._ctl.session else None
        # Filled and marked while detached, then handed to the view: a document filled in
        # place is laid out whole when the edit ends, on the GUI thread (seconds for a long
        # report), and marks laid over a shown text have its marked lines laid out again; a
        # new one is laid out once, by the view, with its marks.
        old = self.document()
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(old.defaultFont())
        document.setDefaultTextOption(old.defaultTextOption())
        document.setDocumentMargin(old.documentMargin())
        built = fill(document, doc, self._fold)
        self._positions, self._folds = built.positions, built.folds
        self._applied = {}  # new blocks: nothing laid over them yet
        self._bounds = None
        self._mark(document)
        self.setDocument(document)

    @property
    def positions(self) -> PositionMap:
        return self._positions

    @property
    def folded(self) -> list[Span]:
        """Spans of the text folded away (web-page furniture around the report body)."""
        return [span for _, _, span in self._folds]

    def unfold(self) -> None:
        if self._folds:
            self._fold = False
            self._rebuild()

    def set_only_uncovered(self, only: bool) -> None:
        self._only_uncovered = only
        self.refresh_marks()

    def refresh_marks(self) -> None:
        self._mark(self.document())

    def _mark(self, document: QTextDocument) -> None:
        session = self._ctl.session if self._ctl else None
        self._marks = build_marks(session, self._only_uncovered) if session is not None else None
        self._lay_over(document, self._block_marks(document, self._marks) if self._marks else {})
        # A blank cell has an empty span: no character to colour, so a chip is painted there.
        chips: dict[int, Mark] = {}
        for mark in self._marks.marks if self._marks else ():
            if mark.start == mark.end and mark.mark >= Mark.INFO and not any(a <= mark.start < b for a, b in self.folded):
                position = self._positions.to_qt(mark.start)
                chips[position] = max(chips.get(position, mark.mark), mark.mark)
        self._chips = sorted(chips.items())

    def _block_marks(self, document: QTextDocument, marks: ReportMarks) -> dict[int, BlockMarks]:
        # Block bounds from one walk over the blocks, then bisect: asking Qt for each
        # mark's block (four calls a mark, hundreds of marks) cost more than the marks.
        (starts, ends) = self._block_bounds(document)
        per_block: dict[int, list[tuple[int, int, Mark]]] = {}
        for mark in marks.marks:
            start, end = self._positions.to_qt(mark.start), self._positions.to_qt(mark.end)
            number = bisect_right(starts, start) - 1
            while number < len(starts) and starts[number] < end:  # a mark may run over a line break
                first = starts[number]
                lo, hi = max(start, first), min(end, ends[number])  # not the line break
                if hi > lo:
                    per_block.setdefault(number, []).append((lo - first, hi - lo, mark.mark))
                number += 1
        return {number: tuple(ranges) for number, ranges in per_block.items()}

    def _block_bounds(self, document: QTextDocument) -> tuple[list[int], list[int]]:
        """Where each block of the text shown starts, and where its text ends (before the line break)."""
        if self._bounds is None:
            starts, ends = [], []
            block = document.begin()
            while block.isValid():  # table cells are blocks too, in reading order
                starts.append(block.position())
                ends.append(block.position() + block.length() - 1)
                block = block.next()
            self._bounds = (starts, ends)
        return self._bounds

    def _lay_over(self, doc: QTextDocument, wanted: dict[int, BlockMarks]) -> None:
        """Give each block whose marks changed its new formats."""
        changed = sorted(n for n in self._applied.keys() | wanted.keys() if self._applied.get(n) != wanted.get(n))
        if not changed:
            return
        # One edit block: the layout hears of all the blocks at once and only drops their
        # lines (laid out again when painted), instead of laying out each one now.
        batch = QTextCursor(doc)
        batch.beginEditBlock()
        for number in changed:
            ranges = []
            for start, length, mark in wanted.get(number, ()):
                spec = QTextLayout.FormatRange()
                spec.start, spec.length, spec.format = start, length, self._formats[mark]
                ranges.append(spec)
            doc.findBlockByNumber(number).layout().setFormats(ranges)
        batch.endEditBlock()
        self._applied = wanted
        self._viewport.update()

    def marked_blocks(self) -> int:
        """How many text blocks carry marks (tests)."""
        return sum(1 for marks in self._applied.values() if marks)

    @property
    def marks(self) -> ReportMarks | None:
        return self._marks

    # ---- selection -------------------------------------------------------------
    def show_span(self, span: Span, center: bool = True) -> None:
        """Select ``span`` (python indices) and scroll it into view (the middle, by default)."""
        if any(a < span[1] and span[0] < b for a, b in self.folded):
            self.unfold()  # the span is in the furniture: show everything
        cursor = self.textCursor()
        cursor.setPosition(self._positions.to_qt(span[0]))
        cursor.setPosition(self._positions.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if center:
            self.center_cursor()
            # The text may not be laid out yet (just loaded, window not shown): centre again
            # once the event loop has done the layout.
            QTimer.singleShot(0, self, self.center_cursor)  # dropped if the view is gone by then
        else:
            self.ensureCursorVisible()

    def center_cursor(self) -> None:
        bar = self.verticalScrollBar()
        rect = self.cursorRect()
        bar.setValue(bar.value() + rect.center().y() - self._viewport.height() // 2)

    def selected_span(self) -> Span:
        cursor = self.textCursor()
        return (self._positions.to_py(cursor.selectionStart()), self._positions.to_py(cursor.selectionEnd()))

    def _python_position(self, point: QPoint) -> int:
        """The character under ``point`` (cursorForPosition gives the nearest gap between two)."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if position > 0 and point.x() < self.cursorRect(cursor).left():
            position -= 1
        return self._positions.to_py(position)

    def marks_at(self, position: int) -> list[SpanMark]:
        return self._marks.at(position) if self._marks else []

    # ---- events ----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._press_pos is not None and (event.position().toPoint() - self._press_pos).manhattanLength() > 4
        if event.button() == Qt.MouseButton.LeftButton and not moved:
            position = self.cursorForPosition(event.position().toPoint()).position()
            if any(start <= position <= end for start, end, _ in self._folds):
                self.unfold()
                return
            hits = self.marks_at(self._python_position(event.position().toPoint()))
            if hits:
                self.marksClicked.emit(hits)

    def viewportEvent(self, event: QEvent) -> bool:
        # Tool-tip events go to the viewport, in its coordinates.
        if event.type() == QEvent.Type.ToolTip:
            tips = tip_text(self.marks_at(self._python_position(event.pos())))  # type: ignore[attr-defined]
            if tips:
                QToolTip.showText(event.globalPos(), tips, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks or not (self._marks.corrected or self._chips):
            return
        painter = QPainter(self._viewport)
        self._paint_chips(painter, event.rect())
        painter.setPen(QPen(QColor(CORRECTED_COLOR), 2))
        for start, end in self._marks.corrected:
            rect = self._span_rect(start, end)
            if rect is not None and rect.intersects(event.rect()):
                painter.drawRect(rect.adjusted(-2, 0, 2, 0))
        painter.end()

    def _paint_chips(self, painter: QPainter, area: QRect) -> None:
        """A small box, in the mark's colours, where a marked blank cell is."""
        if not self._chips:
            return
        # Only the positions on screen: asking Qt where an off-screen position is would
        # lay out every block down to it.
        first = self.cursorForPosition(area.topLeft()).position()
        last = self.cursorForPosition(area.bottomRight()).position()
        lo = bisect_right(self._chips, (first, Mark.VALUE)) - 1
        width = self.fontMetrics().horizontalAdvance("0") * 2
        for position, mark in self._chips[max(lo, 0):]:
            if position > last:
                break
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            caret = self.cursorRect(cursor)
            # In an empty cell, a box the size of two digits; beside text, a bar that hides nothing.
            wide = width if cursor.block().length() <= 1 else 3
            box = QRect(caret.left() + 1, caret.top() + 2, wide, max(caret.height() - 4, 6))
            color, style = UNDERLINES[mark]
            painter.fillRect(box, QColor(COLORS[mark]))
            painter.setPen(QPen(QColor(color), 1.5, Qt.PenStyle.SolidLine if mark is Mark.ERROR else Qt.PenStyle.DotLine))
            painter.drawRect(box)

    def _span_rect(self, start: int, end: int) -> QRect | None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.to_qt(start))
        first = self.cursorRect(cursor)
        cursor.setPosition(self._positions.to_qt(end))
        last = self.cursorRect(cursor)
        if first.top() != last.top():  # wrapped across lines: outline the first line part only
            return QRect(first.left(), first.top(), self._viewport.width() - first.left() - 4, first.height())
        return QRect(first.left(), first.top(), max(last.left() - first.left(), 4), first.height())
