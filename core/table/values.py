"""Read one printed table cell: a number, a dash, a unit, or something unreadable.

Only the cell's own text is looked at here; deciding which cell of a row is the value
is the tokeniser's job (``core.table.lines``). Values are ``Decimal``; anything that is
not a number gives ``None`` and the raw text is kept for the auditor.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Units printed in the 单位 column of the old form (and of agencies' variants of it).
UNITS = frozenset({"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项", "家", "场", "期", "份"})
# What a header row (or an empty cell) shows instead of a unit or a value.
DASHES = frozenset({"—", "——", "-", "--", "－", "－－", "―", "――", "─", "—-"})

NON_NUMERIC = "非数字内容"

_UNIT_SUFFIX_RE = re.compile("(?:" + "|".join(sorted(UNITS, key=lambda u: (-len(u), u))) + ")$")
_NUMBER_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# Characters a PDF or a word processor may put in place of an ASCII minus sign.
_MINUS = str.maketrans({"−": "-", "–": "-", "﹣": "-"})


def fold(text: str) -> str:
    """Full-width digits, commas, brackets and colons to their ASCII forms."""
    return unicodedata.normalize("NFKC", text).translate(_MINUS)


def is_unit(text: str) -> bool:
    """A unit cell, or the dash a header row carries in its unit cell."""
    return text in UNITS or text in DASHES


def is_dash(text: str) -> bool:
    return text in DASHES


def is_number(text: str) -> bool:
    return _NUMBER_RE.fullmatch(fold(text).strip()) is not None


def parse_value(raw: str) -> tuple[Decimal | None, str | None]:
    """(value, problem) for a value cell; a blank cell or a dash is (None, None)."""
    text = raw.strip()
    if not text or is_dash(text):
        return None, None
    folded = fold(text).replace(" ", "")
    unit = _UNIT_SUFFIX_RE.search(folded)
    if unit and _NUMBER_RE.fullmatch(folded[: unit.start()]):
        folded = folded[: unit.start()]  # "66条", "0.5万元": the unit printed with the value
    if _NUMBER_RE.fullmatch(folded):
        try:
            return Decimal(folded.replace(",", "")), None
        except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
            return None, NON_NUMERIC
    return None, NON_NUMERIC
