"""Header rows, data-row style, row heights and print setup of an openpyxl sheet.

Kept to plain features (fills, borders, frozen panes, page setup) because WPS Office on
government PCs handles those exactly like Excel; no table objects, no macros.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from core.export.layout import FONT_NAME, FONT_SIZE, LINE_HEIGHT, header_footer_text, wrapped_lines


def header_row(ws: Any, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    """Bold titles on a tinted fill, the columns' widths, and a height that fits the wrapped titles."""
    thin = Side(style="thin", color="808080")
    for col, (title, width) in enumerate(zip(titles, widths), start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[row].height = max(
        LINE_HEIGHT + 6, max(wrapped_lines(t, w) for t, w in zip(titles, widths)) * LINE_HEIGHT + 6
    )


def body_style(ws: Any, rows: range, columns: int, wrap: Sequence[int] = (), numeric: Sequence[int] = ()) -> None:
    """Font, thin borders, top alignment and wrapping for a block of data rows."""
    thin = Side(style="thin", color="BFBFBF")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    wrapped = Alignment(vertical="top", wrap_text=True)
    plain = Alignment(vertical="top")
    right = Alignment(vertical="top", horizontal="right")
    for r in rows:
        for c in range(1, columns + 1):
            cell = ws.cell(row=r, column=c)
            if cell.font is None or not cell.font.b:
                cell.font = font
            cell.border = border
            if cell.alignment is None or not cell.alignment.indent:
                cell.alignment = wrapped if c in wrap else right if c in numeric else plain


def fit_row_heights(ws: Any, rows: range, widths: Sequence[float], wrap: Sequence[int]) -> None:
    """Explicit heights for wrapped rows: Excel does not re-measure rows written by openpyxl."""
    for r in rows:
        lines = 1
        for c in wrap:
            value = ws.cell(row=r, column=c).value
            if isinstance(value, str) and value:
                indent = ws.cell(row=r, column=c).alignment.indent or 0
                lines = max(lines, wrapped_lines(value, widths[c - 1] - indent * 2))
        if lines > 1:
            ws.row_dimensions[r].height = min(409, lines * LINE_HEIGHT + 3)


def print_setup(ws: Any, *, title: str, landscape: bool = True, title_rows: str | None = "1:1") -> None:
    """A4, fit all columns on the page width, repeat the header row, page numbers."""
    ws.page_setup.paperSize = "9"  # A4 (openpyxl: Worksheet.PAPERSIZE_A4)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.center.text = header_footer_text(title)
    ws.oddHeader.center.size = 9
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
