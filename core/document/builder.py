"""Assemble a document text line by line while recording where each table cell lands.

DOCX, DOC and HTML readers all render a real table as one line per row with the cells joined
by a tab; this builder owns that convention so all produce the same shape of text and
exact ``TableCell`` spans. It knows nothing about any file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document.model import TableCell, TableGrid

_INLINE_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def clean_cell_text(text: str) -> str:
    """One line of cell text: tabs/newlines would break the row, so they become spaces."""
    return _INLINE_SPACE.sub(" ", text).strip(" \u3000")


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell placed on the table grid; ``text`` is empty for an empty source cell."""

    row: int
    column: int
    text: str
    rowspan: int = 1
    colspan: int = 1


class TextBuilder:
    """Collects lines; blank runs collapse to one blank line so spans stay predictable."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._offset = 0  # length of "\n".join(self._lines) + "\n" once a line exists
        self._tables: list[TableGrid] = []

    def _append(self, line: str) -> int:
        """Add one line and return the offset where it starts."""
        start = self._offset
        self._lines.append(line)
        self._offset += len(line) + 1
        return start

    def add_line(self, line: str) -> None:
        if "\n" in line:
            for part in line.split("\n"):
                self.add_line(part)
            return
        line = line.rstrip()
        if not line.strip():
            if self._lines and self._lines[-1] == "":
                return
            if not self._lines:
                return  # no leading blank lines
            self._append("")
            return
        self._append(line)

    def add_blank(self) -> None:
        self.add_line("")

    def add_table(self, cells: list[GridCell], n_rows: int, n_columns: int) -> None:
        """Render a grid: one line per row; a position covered by a span is an empty cell."""
        if n_rows == 0 or n_columns == 0:
            return
        if n_rows * n_columns > MAX_GRID_AREA:
            # A hostile file (thousands of huge spans): keep each row's cells, drop the
            # empty positions, rather than print millions of tabs.
            by_row: dict[int, list[GridCell]] = {}
            for cell in sorted(cells, key=lambda c: (c.row, c.column)):
                by_row.setdefault(cell.row, []).append(cell)
            cells = [
                GridCell(r, k, cell.text, cell.rowspan, 1)
                for r, row in by_row.items()
                for k, cell in enumerate(row)
            ]
            n_columns = max((len(row) for row in by_row.values()), default=0)
        origin: dict[tuple[int, int], GridCell] = {(c.row, c.column): c for c in cells}
        placed: list[TableCell] = []
        first_start: int | None = None
        last_end = 0
        for r in range(n_rows):
            texts = []
            for c in range(n_columns):
                source = origin.get((r, c))
                texts.append(clean_cell_text(source.text) if source else "")
            line = "\t".join(texts)
            start = self._append(line)
            if first_start is None:
                first_start = start
            last_end = start + len(line)
            pos = start
            for c, text in enumerate(texts):
                found = origin.get((r, c))
                if found is not None:
                    placed.append(
                        TableCell(
                            row=r,
                            column=c,
                            text=text,
                            span=(pos, pos + len(text)),
                            rowspan=found.rowspan,
                            colspan=found.colspan,
                        )
                    )
                pos += len(text) + 1
        assert first_start is not None
        self._tables.append(TableGrid(cells=tuple(placed), span=(first_start, last_end)))

    @property
    def text(self) -> str:
        lines = list(self._lines)
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines)

    @property
    def tables(self) -> tuple[TableGrid, ...]:
        return tuple(self._tables)


@dataclass(frozen=True, slots=True)
class SourceCell:
    """A cell as written in the source row (HTML ``td``), before grid placement."""

    text: str
    rowspan: int = 1
    colspan: int = 1


# A data cell holds a label or a number; a cell holding a whole article (a web page laid
# out with a table, a bordered text box in Word) is layout, whatever its shape.
LAYOUT_CELL_CHARS = 300

# A hostile file can declare colspan=100000; real report tables are a few columns wide.
MAX_SPAN = 64
MAX_GRID_AREA = 200_000  # positions a table's spans may cover (a report table: ~500)


def place_cells(rows: list[list[SourceCell]]) -> tuple[list[GridCell], int, int]:
    """HTML table model: each cell takes the next free column; spans reserve positions."""
    occupied: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    n_columns = 0
    n_rows = len(rows)
    area = sum(min(c.rowspan, MAX_SPAN) * min(c.colspan, MAX_SPAN) for row in rows for c in row)
    if area > MAX_GRID_AREA:  # a hostile page: drop the spans rather than fill a huge grid
        rows = [[SourceCell(c.text) for c in row] for row in rows]
    for r, row in enumerate(rows):
        c = 0
        for source in row:
            while (r, c) in occupied:
                c += 1
            rowspan = max(1, min(source.rowspan, n_rows - r, MAX_SPAN))
            colspan = max(1, min(source.colspan, MAX_SPAN))
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, c + dc))
            cells.append(GridCell(r, c, source.text, rowspan, colspan))
            c += colspan
            n_columns = max(n_columns, c)
    return cells, n_rows, n_columns
