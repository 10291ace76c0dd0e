"""Which stretches of a report's text the original view shows as table grids.

A DOCX or HTML report names its real tables (``Document.tables``, merged cells
included). A text or PDF report has none, but its readers (and its authors) put a table's
cells between tabs or pipes: a run of such lines is a recovered table, shown as a grid
too. Each shown cell keeps the exact span of its text, so marks stay on their figures.
Pure data, no Qt: the view builds its QTextDocument from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.document.model import Document, Span

_PIPE_SEPARATOR = re.compile(r"^[\s|:\-]+$")
# A line between two table rows with no cell separator is a row spanning the table (a
# section title such as "一、主动公开情况", a note in brackets) when it is this short.
_SPANNING_ROW_CHARS = 40


@dataclass(frozen=True, slots=True)
class ShownCell:
    """One cell of a table drawn in the report view and the text it shows."""

    row: int
    column: int
    span: Span  # the cell's text in the document (empty span: an empty cell)
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class ShownGrid:
    """A table of the report drawn as a grid in the report view."""

    span: Span  # from the start of the first row's line to the end of the last one
    cells: tuple[ShownCell, ...]  # in reading order (row, then column)
    n_rows: int
    n_columns: int


def grids_of(doc: Document) -> list[ShownGrid]:
    """The grids to show, sorted and never overlapping."""
    if doc.tables:
        grids = []
        for table in doc.tables:
            if not table.cells:
                continue
            cells = tuple(
                ShownCell(c.row, c.column, c.span, c.rowspan, c.colspan)
                for c in sorted(table.cells, key=lambda c: (c.row, c.column))
            )
            n_rows = max(c.row + c.rowspan for c in cells)
            n_columns = max(c.column + c.colspan for c in cells)
            grids.append(ShownGrid(table.span, cells, n_rows, n_columns))
        return _disjoint(sorted(grids, key=lambda g: g.span))
    return recovered_grids(doc.text)


def _disjoint(grids: list[ShownGrid]) -> list[ShownGrid]:
    kept: list[ShownGrid] = []
    for grid in grids:
        if not kept or grid.span[0] > kept[-1].span[1]:
            kept.append(grid)
    return kept


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " \u3000\r":
        start += 1
    while end > start and text[end - 1] in " \u3000\r":
        end -= 1
    return start, end


def _split(text: str, start: int, end: int, separator: str) -> list[Span]:
    cells = []
    pos = start
    while True:
        cut = text.find(separator, pos, end)
        if cut < 0:
            cells.append(_trimmed(text, pos, end))
            return cells
        cells.append(_trimmed(text, pos, cut))
        pos = cut + 1


def _row_cells(text: str, start: int, end: int) -> tuple[str, list[Span]] | None:
    """("tab" | "pipe" | "rule", cell spans) for a table line, None for any other line."""
    line = text[start:end]
    if "\t" in line:
        return "tab", _split(text, start, end, "\t")
    stripped = line.strip()
    if len(stripped) >= 3 and stripped.startswith("|") and stripped.endswith("|"):
        if _PIPE_SEPARATOR.match(stripped):
            return "rule", []
        first = start + line.index("|") + 1
        last = start + line.rindex("|")
        return "pipe", _split(text, first, last, "|")
    return None


def recovered_grids(text: str) -> list[ShownGrid]:
    """Runs of at least two tab (or pipe) rows; short plain lines between rows of one run
    become rows spanning the table, a Markdown rule row ("|---|") is left out."""
    grids: list[ShownGrid] = []
    run: list[tuple[Span, list[Span] | None]] = []  # (line, cells); None: a spanning line
    kind = ""  # "tab" or "pipe": the separator of the run's rows

    def close() -> None:
        while run and run[-1][1] is None:
            run.pop()  # a plain line after the last row is text, not the table's
        rows = [cells for _, cells in run if cells]
        if len(rows) >= 2:
            grids.append(_grid(text, run))
        run.clear()

    for start, end in _lines(text):
        found = _row_cells(text, start, end)
        if found is not None:
            line_kind, cells = found
            family = "pipe" if line_kind == "rule" else line_kind
            if run and family != kind:
                close()  # the other kind of separator: another table
            kind = family
            run.append(((start, end), cells))  # a rule row has no cells
            continue
        line = text[start:end].strip()
        if run and line and len(line) <= _SPANNING_ROW_CHARS:
            run.append(((start, end), None))
            continue
        close()
    close()
    return grids


def _grid(text: str, run: list[tuple[Span, list[Span] | None]]) -> ShownGrid:
    rows: list[tuple[Span, list[Span]]] = []
    for line, cells in run:
        if cells is None:
            rows.append((line, [_trimmed(text, *line)]))
        elif cells:
            rows.append((line, cells))
    # Columns no row fills (a text export's trailing tabs) are not shown.
    width = max((k + 1 for _, cells in rows for k, (s, e) in enumerate(cells) if e > s), default=1)
    shown: list[ShownCell] = []
    for r, (_line, cells) in enumerate(rows):
        cells = cells[:width]
        filled = [k for k, (s, e) in enumerate(cells) if e > s]
        if filled == [0] or len(cells) == 1:  # a title or a note: across the whole table
            shown.append(ShownCell(r, 0, cells[0], 1, width))
            continue
        for k, span in enumerate(cells):
            # The last cell of a short row takes the columns the row does not print.
            colspan = width - k if k == len(cells) - 1 else 1
            shown.append(ShownCell(r, k, span, 1, colspan))
    return ShownGrid((run[0][0][0], run[-1][0][1]), tuple(shown), len(rows), width)
