"""Fill a QTextDocument with a report as published: prose as paragraphs, tables as grids
(merged cells kept), web-page furniture folded into one line that unfolds on a click.

Returns where each stretch of the text went (a ``PositionMap``), so marks and
selections, which speak in spans of the document text, land on the characters shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from core.document.model import Document, Span
from core.table.values import is_dash, is_number
from gui.views.text_grids import ShownGrid, grids_of
from gui.views.text_positions import PositionMap

GRID_BORDER = "#9aa5b1"
FOLD_COLOR = "#5a6b7d"


@dataclass
class Built:
    """What filling the report view produced: the position map, the folded stretches, the tables drawn."""

    positions: PositionMap
    folds: list[tuple[int, int, Span]] = field(default_factory=list)  # (Qt start, Qt end, folded text span)
    grids: int = 0


def _table_format() -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorderCollapse(True)
    fmt.setBorder(1)
    fmt.setBorderBrush(QColor(GRID_BORDER))
    fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
    fmt.setCellPadding(3)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    return fmt


def _fold_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(FOLD_COLOR))
    fmt.setBackground(QColor("#eef1f5"))
    fmt.setFontItalic(True)
    return fmt


def fold_notice(text: str, span: Span, where: str) -> str:
    lines = text[span[0] : span[1]].strip("\n").count("\n") + 1
    return f"▸ 已折叠{where}的网页内容（导航、页脚等 {lines} 行），点击展开"


class _Writer:
    def __init__(self, document: QTextDocument, text: str) -> None:
        self.text = text
        self.cursor = QTextCursor(document)
        self.pieces: list[tuple[int, int, int]] = []
        self.folds: list[tuple[int, int, Span]] = []
        self.fresh = True  # the cursor sits in an empty block nothing was written to yet

    def _new_block(self) -> None:
        if not self.fresh:
            self.cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self.fresh = False

    def prose(self, start: int, end: int) -> None:
        if end <= start:
            return
        self._new_block()
        self.pieces.append((start, self.cursor.position(), end - start))
        self.cursor.insertText(self.text[start:end])

    def fold(self, span: Span, where: str) -> None:
        self._new_block()
        first = self.cursor.position()
        self.cursor.insertText(fold_notice(self.text, span, where), _fold_format())
        self.folds.append((first, self.cursor.position(), span))
        self.cursor.setCharFormat(QTextCharFormat())

    def grid(self, grid: ShownGrid) -> None:
        if not self.fresh and self.cursor.block().length() > 1:
            self._new_block()  # a table starts on a block of its own
        table = self.cursor.insertTable(grid.n_rows, grid.n_columns, _table_format())
        for cell in grid.cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                table.mergeCells(cell.row, cell.column, cell.rowspan, cell.colspan)
        # Cells in reading order: text put in one cell moves every later cell, never an
        # earlier one, so a position taken just before inserting stays right.
        for cell in grid.cells:
            start, end = cell.span
            cursor = table.cellAt(cell.row, cell.column).firstCursorPosition()
            if end <= start:  # a blank cell: its empty span still has a place (marks, jumps)
                self.pieces.append((start, cursor.position(), 0))
                continue
            shown = self.text[start:end]
            if is_number(shown) or is_dash(shown):
                block = cursor.blockFormat()
                block.setAlignment(Qt.AlignmentFlag.AlignRight)
                cursor.setBlockFormat(block)
            self.pieces.append((start, cursor.position(), end - start))
            cursor.insertText(shown)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.fresh = True  # Qt keeps an empty block after every table


def fill(document: QTextDocument, doc: Document | None, fold: bool = True) -> Built:
    """Replace ``document``'s content with ``doc`` (None: empty)."""
    document.clear()
    if doc is None or not doc.text:
        return Built(PositionMap(""))
    text = doc.text
    shown: Span = (0, len(text))
    if fold and doc.body is not None:
        start, end = max(0, doc.body[0]), min(len(text), doc.body[1])
        if start < end and (start, end) != (0, len(text)):
            shown = (start, end)
    writer = _Writer(document, text)
    grids = [g for g in grids_of(doc) if shown[0] <= g.span[0] and g.span[1] <= shown[1]]
    writer.cursor.beginEditBlock()
    if shown[0] > 0 and text[: shown[0]].strip():
        writer.fold((0, shown[0]), "正文之前")
    pos = shown[0]
    for grid in grids:
        end = grid.span[0] - 1 if grid.span[0] > pos and text[grid.span[0] - 1] == "\n" else grid.span[0]
        writer.prose(pos, end)
        writer.grid(grid)
        pos = grid.span[1] + 1 if grid.span[1] < len(text) and text[grid.span[1]] == "\n" else grid.span[1]
    tail_end = shown[1]
    writer.prose(pos, tail_end)
    if shown[1] < len(text) and text[shown[1] :].strip():
        writer.fold((shown[1], len(text)), "正文之后")
    writer.cursor.endEditBlock()
    return Built(PositionMap(text, writer.pieces), writer.folds, len(grids))
