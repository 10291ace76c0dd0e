"""Cut document lines into table cells (label, unit, value), with exact spans.

Every reader renders a table row as one line: DOCX/HTML cells are separated by tabs,
text reports use tabs or Markdown pipe tables, and PDF text separates cells by spaces
(or by column tabs). One tokeniser serves them all, so the extractors never care about
the format:

* tabs or pipes: real cells; the last cell is the value, the unit the one before it
  (empty cells left by PDF column tabs are skipped), the rest is the label (a label
  split over two cells is joined); "… 3 件" and a trailing remarks cell are understood;
* spaces only: read from the right, [label…] [unit] [value]. A trailing number is the
  value after a unit token (条 件 次 … or a dash, also run together: "件0"), or on its
  own, except where the label breaks off inside a note ("…公开相同信息计 1"): such a
  number is the note's, not a value.

A cell's ``span`` is exact (``text[start:end] == cell.text``); a blank value cell has an
empty span where the cell is. Lines are also classified: the header row ("统计指标 单位
统计数", even cut into "统计指 单 统计" / "标 位 数"), "---" rules, blanks and titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.document.model import Span
from core.table.values import UNITS, is_dash, is_number, is_unit

ROW, HEADER, RULE, BLANK, TITLE = "row", "header", "rule", "blank", "title"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table line and where it sits in the text."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class RowLine:
    """One line of the document seen as a table row."""

    index: int  # 0-based line number
    span: Span  # the whole line, without its line break
    kind: str  # ROW, HEADER (统计指标 单位 统计数, even broken), RULE (---), BLANK, TITLE
    label: Cell | None = None
    unit: Cell | None = None
    value: Cell | None = None  # None: the line has no value cell; text "": a blank cell
    cells: bool = False  # split on tabs/pipes (real cells) rather than on spaces
    extra_numbers: int = 0  # further numbers after the value (an uncertain reading)


_WS_RE = re.compile(r"[\s|]+")
_TOKEN_RE = re.compile(r"\S+")
_RULE_RE = re.compile(r"[-:=+]{3,}")
# The header row "统计指标 单位 统计数", also when the page cut it into pieces such as
# "统计指 单 统计" / "标 位 数".
_HEADER_RE = re.compile(r"(统计指标|统计指|指标|标)?(单位|单|位)?(统计数|统计|数)?")
# Longest first, then by text: the same pattern in every process (UNITS is a set).
_UNIT_ALT = "|".join(sorted(UNITS, key=lambda u: (-len(u), u)))
_NUM = r"[-+]?[\d０-９][\d０-９,，.．]*"
_GLUED_RES = (re.compile(rf"({_UNIT_ALT})({_NUM})"), re.compile(rf"({_NUM})({_UNIT_ALT})"))
_SERIAL_RE = re.compile(r"\d{1,3}")
_SHORT_LINE = 20  # lines with more characters (spaces, bars, dashes aside) are table rows or text
_FILLER = (" ", "\t", "\u3000", "|", "-")


def iter_lines(text: str, start: int = 0, first_index: int = 0) -> Iterator[tuple[int, int, int]]:
    """(line number, start, end) of every line from offset ``start`` (a line start) on;
    ``end`` excludes the line break. Lazy: a caller may stop after a few lines."""
    index = first_index
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        yield index, start, end - 1 if end > start and text[end - 1] == "\r" else end
        if nl < 0:
            return
        start = nl + 1
        index += 1


def _is_label(text: str) -> bool:
    return len(text) > 1 and not is_number(text) and not is_unit(text)


def _is_header(squeezed: str) -> bool:
    squeezed = squeezed.removeprefix("序号")
    if squeezed.startswith("统计指标单位") and len(squeezed) <= 16:
        return True  # with an extra column: "统计指标 单位 统计数 备注"
    m = _HEADER_RE.fullmatch(squeezed)
    return m is not None and sum(1 for g in m.groups() if g) >= 2


def tokenise(text: str, index: int, start: int, end: int) -> RowLine:
    """Classify one line of ``text`` and cut it into label/unit/value cells."""
    line = text[start:end]
    filled = len(line) - sum(line.count(c) for c in _FILLER)
    if filled <= _SHORT_LINE:
        # Only a line of few characters can be blank, a rule or a header row.
        squeezed = _WS_RE.sub("", line)
        if not squeezed:
            return RowLine(index, (start, end), BLANK)
        if _RULE_RE.fullmatch(squeezed):
            return RowLine(index, (start, end), RULE)
        if _is_header(squeezed):
            return RowLine(index, (start, end), HEADER)
    if "统计表" in line or line.startswith("#"):
        return RowLine(index, (start, end), TITLE)
    if line.lstrip().startswith("|"):
        cells = _pipe_cells(text, start, end)
    elif "\t" in line:
        cells = _split_cells(text, start, end, "\t")
    else:
        return _space_row(text, index, start, end)
    return _cell_row(text, index, (start, end), cells)


def _split_cells(text: str, start: int, end: int, sep: str) -> list[Cell]:
    """The cells of ``text[start:end]`` separated by ``sep``, each stripped, spans exact."""
    cells = []
    pos = start
    for chunk in text[start:end].split(sep):
        stripped = chunk.strip()
        if stripped:
            left = pos + len(chunk) - len(chunk.lstrip())
            cells.append(Cell(stripped, (left, left + len(stripped))))
        else:
            cells.append(Cell("", (pos, pos)))
        pos += len(chunk) + 1
    return cells


def _pipe_cells(text: str, start: int, end: int) -> list[Cell]:
    first = text.index("|", start, end) + 1
    last = text.rfind("|", first, end)
    inner_end = last if last >= first and not text[last + 1 : end].strip() else end
    return _split_cells(text, first, inner_end, "|")


def _join(text: str, cells: list[Cell]) -> Cell:
    """A label cut over several cells: its span runs from the first to the last piece."""
    filled = [c for c in cells if c.text]
    if not filled:
        return cells[0]
    start, end = filled[0].span[0], filled[-1].span[1]
    return Cell(text[start:end], (start, end))


def _cell_row(text: str, index: int, span: Span, cells: list[Cell]) -> RowLine:
    trailing: list[Cell] = []
    while len(cells) > 1 and not cells[-1].text:
        trailing.insert(0, cells.pop())
    if len(cells) >= 2 and _SERIAL_RE.fullmatch(cells[0].text) and _is_label(cells[1].text):
        cells = cells[1:]  # a 序号 column before the label
    if len(cells) == 1:
        label = cells[0]
        if not label.text:
            return RowLine(index, span, BLANK)
        return RowLine(index, span, ROW, label=label, cells=True)
    if len(cells) == 2:
        label, other = cells
        if is_unit(other.text):
            blank = Cell("", (trailing[0].span[0],) * 2) if trailing else None
            return RowLine(index, span, ROW, label=label, unit=other, value=blank, cells=True)
        if is_number(other.text) or len(other.text) <= 4:
            return RowLine(index, span, ROW, label=label, value=other, cells=True)
        return RowLine(index, span, ROW, label=_join(text, cells), cells=True)  # "其中：\t涉及国家秘密"
    if len(cells) >= 4 and is_unit(cells[-3].text) and is_number(cells[-2].text) and not is_number(cells[-1].text):
        cells = cells[:-1]  # a remarks column after the value: "… 件 3 含转办1件"
    if is_unit(cells[-1].text) and not is_dash(cells[-1].text) and is_number(cells[-2].text):
        # value and unit printed the other way round: "… 12 件"
        return RowLine(index, span, ROW, label=_join(text, cells[:-2]), unit=cells[-1], value=cells[-2], cells=True)
    # Three cells or more: the last is the value; before it the unit, if one is printed
    # (PDF column tabs may leave an empty cell on either side of it); the rest is label.
    value = cells[-1]
    middle = [c for c in cells[1:-1] if c.text]
    if middle and (is_unit(middle[-1].text) or len(middle[-1].text) <= 3):
        unit = middle.pop()
    else:
        unit = cells[-2] if not cells[-2].text else Cell("", (cells[-2].span[0],) * 2)
    label = _join(text, [cells[0], *middle])
    return RowLine(index, span, ROW, label=label, unit=unit, value=value, cells=True)


def _space_row(text: str, index: int, start: int, end: int) -> RowLine:
    """A line whose cells are separated by spaces only (PDF text).

    Read from the right: [label…] [unit] [value], where the value is a number, a dash or
    a short word ("无"); also "… 12 件" (swapped), "件 0" (no label: the rest of a row
    wrapped above) and "… 0" (no unit printed).
    """
    toks = [Cell(m.group(), (m.start(), m.end())) for m in _TOKEN_RE.finditer(text, start, end)]
    if toks:
        toks[-1:] = _unglue(toks[-1])

    def row(n_label: int, unit: Cell | None = None, value: Cell | None = None, extra: int = 0) -> RowLine:
        label = _span_label(text, toks, n_label)
        return RowLine(index, (start, end), ROW, label=label, unit=unit, value=value, extra_numbers=extra)

    n = len(toks)
    if n < 2:
        return row(n)
    k = n  # toks[k:] are the trailing numbers
    while k > 0 and is_number(toks[k - 1].text):
        k -= 1
    numbers = toks[k:]
    if numbers and is_unit(toks[k - 1].text if k else ""):
        # The first number after the unit is the value; more make the reading uncertain.
        return row(k - 1, toks[k - 1], numbers[0], len(numbers) - 1)
    last, before = toks[-1], toks[-2]
    if n >= 3 and is_unit(before.text) and (is_dash(last.text) or _short_word(last.text)):
        return row(n - 2, before, last)  # "… 件 无", "… 条 ——"
    if is_unit(last.text):
        if n >= 3 and not is_dash(last.text) and is_number(before.text) and not _in_note(text, toks, n - 2):
            return row(n - 2, last, before)  # value and unit the other way round: "… 12 件"
        return row(n - 1, last, Cell("", (last.span[1], last.span[1])))  # a blank value
    if len(numbers) == 1:
        # A lone number after the label is its value (no unit printed), unless the label
        # breaks off inside a note right before it: "(…相同信息计 1".
        wide_gap = last.span[0] - toks[k - 1].span[1] >= 2
        if wide_gap or not _in_note(text, toks, k):
            return row(k, None, last)
    return row(n)


def _unglue(tok: Cell) -> list[Cell]:
    """"件0" or "0件": a PDF ran the unit and value cells together; split them again."""
    for pattern in _GLUED_RES:
        m = pattern.fullmatch(tok.text)
        if m is not None:
            s, cut = tok.span[0], m.end(1)
            return [Cell(tok.text[:cut], (s, s + cut)), Cell(tok.text[cut:], (s + cut, tok.span[1]))]
    return [tok]


def _in_note(text: str, toks: list[Cell], count: int) -> bool:
    """Does the label made of ``toks[:count]`` break off inside a note such as
    "(不同渠道和方式公开相同信息计", so that a number after it is the note's, not a value?"""
    label = text[toks[0].span[0] : toks[count - 1].span[1]]
    opened = label.count("(") + label.count("（") > label.count(")") + label.count("）")
    return opened or label.endswith("计")


def _short_word(text: str) -> bool:
    """A value cell that is not a number ("无", "不详", "/"), not the end of a label."""
    return len(text) <= 3 and not is_unit(text) and not text.endswith(("数", "况")) and not is_number(text)


def _span_label(text: str, toks: list[Cell], count: int) -> Cell | None:
    if count <= 0 or not toks:
        return None
    start, end = toks[0].span[0], toks[count - 1].span[1]
    return Cell(text[start:end], (start, end))
