"""Word 97-2003 binary format, part 4: paragraphs into lines and tables, as the DOCX reader.

Which paragraphs form a table, and where its rows end, comes from the paragraph
properties (``doc_props``), not from the pattern of 0x07 marks: "a\\x07\\x07\\x07" may
be a cell and a row end, or a cell, an empty cell and a row end. In an outermost table
(depth 1) a cell ends at a 0x07 mark and a row at the row-end paragraph (sprmPFTtp); in a
nested table (depth >= 2) cells and rows end at paragraphs flagged sprmPFInnerTableCell
and sprmPFInnerTtp. Word 97 files state only sprmPFInTable (depth 1).

The grid is rebuilt from the rows' cell boundaries (sprmTDefTable): every distinct
boundary in the table starts a grid column, so a cell spanning two boundaries has
colspan 2, exactly as Word computes ``w:gridSpan`` when it saves the same table as DOCX.
Vertical merges (TC80 flags, sprmTVertMerge) follow the DOCX reader's vMerge rule: the
first cell carries the text and the rowspan, the cells it covers render empty.
Layout tables (nested tables, one column, article-long cells) are read as paragraphs,
again as the DOCX reader does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.document.builder import LAYOUT_CELL_CHARS, GridCell, TextBuilder, clean_cell_text
from core.document.doc_props import ParaProps, RowProps
from core.document.doc_text import CELL_MARK, Paragraph

# Boundaries closer than this (twips; 1/20 pt, 10 twips = 0.18 mm) are one grid line:
# a rounding difference between two rows, not a column nobody could see.
SAME_LINE_TWIPS = 10


@dataclass
class Table:
    """A Word 97 table as its rows."""

    rows: list[Row] = field(default_factory=list)


@dataclass
class Cell:
    """A Word 97 table cell: its paragraphs and the tables nested in it."""

    blocks: list[str | Table]


@dataclass
class Row:
    """A Word 97 table row: its cells and the properties its row-end mark carries."""

    cells: list[Cell]
    props: RowProps | None  # from the row-end paragraph
    vert_merges: dict[int, int] = field(default_factory=dict)


Block = str | Table


class _Builder:
    def __init__(self, paras: list[Paragraph], props: list[ParaProps]) -> None:
        self.paras = paras
        self.props = props

    def blocks(self, lo: int, hi: int, depth: int) -> list[Block]:
        """Paragraphs [lo, hi) at ``depth`` or deeper: deeper runs are tables."""
        out: list[Block] = []
        i = lo
        while i < hi:
            if self.props[i].depth > depth:
                j = i
                while j < hi and self.props[j].depth > depth:
                    j += 1
                out.append(self.table(i, j, depth + 1))
                i = j
            else:
                out.append(self.paras[i].text)
                i += 1
        return out

    def _row_end(self, j: int, depth: int) -> bool:
        p = self.props[j]
        return p.ttp if depth == 1 else p.inner_ttp

    def _cell_end(self, j: int, depth: int) -> bool:
        if depth == 1:
            return self.paras[j].mark == CELL_MARK
        return self.props[j].inner_cell

    def table(self, lo: int, hi: int, depth: int) -> Table:
        table = Table()
        cells: list[Cell] = []
        start = lo
        for j in range(lo, hi):
            if self.props[j].depth != depth:
                continue
            if self._row_end(j, depth):
                if start < j or self.paras[j].text.strip():  # text outside any cell: keep it
                    cells.append(Cell(self.blocks(start, j + 1, depth)))
                p = self.props[j]
                table.rows.append(Row(cells, p.row, dict(p.vert_merges)))
                cells = []
                start = j + 1
            elif self._cell_end(j, depth):
                cells.append(Cell(self.blocks(start, j + 1, depth)))
                start = j + 1
        if start < hi:
            cells.append(Cell(self.blocks(start, hi, depth)))
        if cells:  # a damaged file: the last row has no row end
            table.rows.append(Row(cells, None))
        return table


def build_blocks(paras: list[Paragraph], props: list[ParaProps]) -> list[Block]:
    return _Builder(paras, props).blocks(0, len(paras), 0)


# --------------------------------------------------------------------------- rendering


def _cell_text(cell: Cell) -> str:
    # As the DOCX reader: a cell's paragraphs join with a space ("1" and "2" on two
    # lines must not read as 12).
    texts = [clean_cell_text(b) for b in cell.blocks if isinstance(b, str)]
    return " ".join(t for t in texts if t)


def _is_layout(table: Table) -> bool:
    widest = max((len(row.cells) for row in table.rows), default=0)
    if widest <= 1:
        return True
    for row in table.rows:
        for cell in row.cells:
            if any(isinstance(b, Table) for b in cell.blocks):
                return True
            if sum(len(b) for b in cell.blocks if isinstance(b, str)) > LAYOUT_CELL_CHARS:
                return True
    return False


def _grid_lines(rows: list[Row]) -> dict[int, int]:
    """Each cell boundary of the table -> its grid line (boundaries within SAME_LINE_TWIPS
    of the previous one are the same line)."""
    index: dict[int, int] = {}
    line = -1
    last = None
    for value in sorted({b for row in rows if row.props for b in row.props.boundaries}):
        if last is None or value - last > SAME_LINE_TWIPS:
            line += 1
        index[value] = line
        last = value
    return index


def _placements(row: Row, lines: dict[int, int]) -> list[tuple[int, int]]:
    """(column, colspan) of each cell of the row: from its boundaries, else one per cell."""
    n = len(row.cells)
    props = row.props
    out: list[tuple[int, int]] = []
    if props is None or len(props.cells) < n:
        return [(k, 1) for k in range(n)]
    end = 0
    for k in range(n):
        left = lines[props.boundaries[k]]
        right = lines[props.boundaries[k + 1]]
        column = max(left, end)
        span = max(1, right - column)
        out.append((column, span))
        end = column + span
    return out


def _vert_merge(row: Row, k: int) -> int:
    flag = row.vert_merges.get(k)
    if flag is None and row.props is not None and k < len(row.props.cells):
        flag = row.props.cells[k].vert_merge
    return flag if flag in (1, 3) else 0


def _horz_merged(row: Row, k: int) -> bool:
    """An old-style (Word 95) horizontal merge: this cell belongs to the one before it."""
    return row.props is not None and k < len(row.props.cells) and row.props.cells[k].horz_merge in (2, 3)


def render(blocks: list[Block], builder: TextBuilder) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _render_table(block, builder)
        else:
            builder.add_line(block)


def _render_table(table: Table, builder: TextBuilder) -> None:
    if not table.rows:
        return
    if _is_layout(table):
        for row in table.rows:
            for cell in row.cells:
                render(cell.blocks, builder)
        return
    lines = _grid_lines(table.rows)
    cells: list[dict[str, Any]] = []
    open_merge: dict[int, int] = {}  # grid column -> index of the cell a vertical merge continues
    n_columns = 0
    for r, row in enumerate(table.rows):
        row_first = len(cells)
        for k, (column, span) in enumerate(_placements(row, lines)):
            if _horz_merged(row, k) and len(cells) > row_first:
                previous = cells[-1]
                previous["colspan"] = column + span - previous["column"]
                n_columns = max(n_columns, column + span)
                continue
            merge = _vert_merge(row, k)
            if merge == 1 and column in open_merge:
                cells[open_merge[column]]["rowspan"] += 1
            else:
                cells.append(
                    {"row": r, "column": column, "text": _cell_text(row.cells[k]), "rowspan": 1, "colspan": span}
                )
                if merge:
                    open_merge[column] = len(cells) - 1
                else:
                    open_merge.pop(column, None)
            n_columns = max(n_columns, column + span)
    builder.add_table([GridCell(**c) for c in cells], len(table.rows), n_columns)
