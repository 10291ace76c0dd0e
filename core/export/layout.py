"""Shared sheet layout for every workbook we write: header rows, widths, print setup.

Kept to plain features (fills, borders, notes, frozen panes, page setup) because WPS
Office on government PCs handles those exactly like Excel; no table objects, no macros.
openpyxl is imported inside functions only: the GUI imports this module at start-up.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

FONT_NAME = "宋体"  # present on every Chinese Windows/WPS install; LibreOffice substitutes
FONT_SIZE = 10
LINE_HEIGHT = 13.5  # points per wrapped line at 10 pt


def display_width(text: str) -> float:
    """Width in Excel column units (the width of "0" in the default font).

    Measured on a LibreOffice render of 宋体 10 pt: a CJK character is about 1.5 units,
    so 1.6 keeps the estimate on the safe side (a cut-off line is worse than a spare one).
    """
    return sum(1.6 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    usable = max(1.0, width - 1.5)  # cell padding
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as Excel stores it: int when whole (keeps big counts exact), else float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def source_line(text: str, span: tuple[int, int] | None, limit: int = 160) -> str:
    """The document line holding ``span``, table cells separated by " | ".

    A PDF or TXT "line" can be a whole paragraph: past ``limit`` characters we keep a
    window around the span so the value is always visible.
    """
    if span is None or not text:
        return ""
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    line = text[line_start:line_end]
    if len(line) > limit:
        rel_s, rel_e = start - line_start, end - line_start
        half = max(20, (limit - (rel_e - rel_s)) // 2)
        a, b = max(0, rel_s - half), min(len(line), rel_e + half)
        line = ("…" if a > 0 else "") + line[a:b] + ("…" if b < len(line) else "")
    cells = [part.strip() for part in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()  # a table row's trailing empty cells say nothing
    return " | ".join(cells).strip()


_SENTENCE_END = re.compile(r"[。！？；\n]")


def sentence_around(text: str, span: tuple[int, int], limit: int = 120) -> str:
    """The sentence of the narrative that holds ``span``, whitespace runs collapsed."""
    start, end = span
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - limit), start)]
    s = before[-1] if before else max(0, start - limit // 2)
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    e = m.end() if m and m.group() != "\n" else (m.start() if m else min(len(text), end + limit // 2))
    return " ".join(text[s:e].split())


def header_row(ws: Any, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

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
    from openpyxl.styles import Alignment, Border, Font, Side

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


def header_footer_text(text: str) -> str:
    """"&" starts a code in page headers; a file name like "A&B.docx" must print as is."""
    return text.replace("&", "&&")


def print_setup(ws: Any, *, title: str, landscape: bool = True, title_rows: str | None = "1:1") -> None:
    """A4, fit all columns on the page width, repeat the header row, page numbers."""
    from openpyxl.worksheet.properties import PageSetupProperties

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
