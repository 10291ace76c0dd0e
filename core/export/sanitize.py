"""Make text taken from a report safe to put in a spreadsheet cell.

Every sheet writer routes report-derived strings through here, because:
- a string beginning with = + - @ (possibly after spaces, tabs or CR) must never become
  a formula (formula injection: "=HYPERLINK(...)" in a report would be a live link);
- control characters copied from PDFs make openpyxl raise (and are noise anyway);
- "#N/A" and friends would otherwise be stored as Excel error values;
- long digit strings must stay text or Excel rounds them to 15 digits.

Nothing here imports openpyxl at module level: ``write_text`` takes an existing cell.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates, and the two
# XML non-characters: openpyxl refuses most of them and none is meaningful in a report.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})
MAX_CELL_CHARS = 32767  # Excel's hard limit per cell


def clean_text(text: str) -> str:
    """Drop control characters; CRLF/CR become LF so a cell's lines stay lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula or an error value.

    Leading whitespace (space, tab, CR, LF, full-width space) is ignored because Excel
    and LibreOffice trim it on entry; full-width ＝＋－＠ are included because an IME
    conversion can turn them into ASCII ones when the auditor edits the cell.
    """
    stripped = text.lstrip(" \t\r\n\u3000\u00a0")
    return stripped.startswith(_FORMULA_START) or stripped.strip().upper() in _ERROR_CODES


def needs_text_guard(text: str) -> bool:
    """The string must be forced to a text cell (formula-like, error-like, or digits)."""
    return looks_like_formula(text) or _long_digits(text)


def _long_digits(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= 12 and stripped.isdigit()


def write_text(cell: Any, text: str | None) -> Any:
    """Put report text into an openpyxl cell (normal or write-only) as a plain string.

    openpyxl turns any str starting with "=" into a formula and "#N/A" into an error;
    forcing ``data_type = "s"`` stores it as a shared string, and ``quotePrefix`` is
    the apostrophe Excel/LibreOffice/WPS show in the formula bar, so re-typing the cell
    keeps it text too.
    """
    if text is None:
        cell.value = None
        return cell
    text = clean_text(str(text))
    cell.value = text
    if needs_text_guard(text) or cell.data_type != "s":
        cell.data_type = "s"
        cell.quotePrefix = True
        if _long_digits(text):
            cell.number_format = "@"
    return cell
