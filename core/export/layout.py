"""What every export shares, whatever writes it (openpyxl, XlsxWriter, python-docx, JSON):
the font, widths in Excel's column units, values as Excel stores them, the report's lines and
sentences as they are quoted. Styling an openpyxl sheet is in ``core.export.sheet_style``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

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


def header_footer_text(text: str) -> str:
    """"&" starts a code in page headers; a file name like "A&B.docx" must print as is."""
    return text.replace("&", "&&")
