"""Find and read tables 二, 三 and 四 of a report in the 2019 or 2021 format.

Every reader gives one line per table row: DOCX/HTML cells separated by tabs (a cell
covered by a rowspan/colspan is an empty cell), PDF and plain text cells separated by
spaces, and copies of web pages sometimes with no separators at all (``230 000023``).
A first pass walks the lines inside sections 二/三/四 and collects, per recognised row,
its value cells with exact spans; the format (2019 or 2021) is then decided from the
printed column heads and rows; a second pass maps the cells to indicator ids.

Run-together digits are cut with ``matrix_digits`` using the known number of columns
and the table's own identities; a cut that stays ambiguous is kept, marked uncertain,
and explained in ``Extraction.notes``. Blank cells stay blank (raw "", value None).

``Extraction.meta`` carries ``meta.year`` (the report year, from the title),
``meta.foreign`` (a label printed only by the other version of the form) and
``meta.claim.*`` (see ``new_claims``); the rules read them through ``IndicatorTable.meta``
so a re-evaluation after an edit sees them too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from core.document.model import Document, Span
from core.forms.matrix.claims import find_meta_claims
from core.forms.matrix.digits import Piece, split_runs
from core.forms.matrix.glued import table_lines
from core.forms.matrix.labels import (
    T3_HEADERS,
    is_column_head,
    match_t2,
    match_t3,
    section_of,
    segments,
)
from core.metadata import read_metadata
from core.schema.model import Template
from core.table.lines import iter_lines
from core.table.model import ExtractedValue, Extraction
from core.table.values import fold, is_dash, parse_value


class MatrixVersion(Protocol):
    """What the extractor needs of a version of the form (``core.forms.form.ReportForm``)."""

    @property
    def id(self) -> str: ...
    @property
    def template(self) -> Template: ...
    @property
    def markers(self) -> tuple[str, ...]: ...
    @property
    def years(self) -> tuple[int, int]: ...


META_YEAR = "meta.year"
META_FOREIGN = "meta.foreign"

T3_WIDTH = 7
T4_WIDTH = 15
T3_ROW_SUM = (((0, 1, 2, 3, 4, 5), 6),)
T4_SUMS = (((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14))
_MAX_LABEL = 90  # longer "labels" are narrative sentences that end in a number

_TRAILING_RE = re.compile(r"(?:[\s\u3000]*(?:[+\-−]?[0-9０-９][0-9０-９.,，]*(?:万?元)?|——|—|--|-|－)[\s\u3000]*)+$")
_TOKEN_RE = re.compile(r"\S+")


@dataclass
class Cell:
    """A value cell of a matrix row and where it sits in the text."""

    text: str
    span: Span


@dataclass
class RawRow:
    """A recognised row before its cells are given ids."""

    row: str  # "t3.new", "t2.regulations", "t4"
    label_span: Span | None
    cells: list[Cell] = field(default_factory=list)  # value cells; digit runs are cut later
    line: int = 0


@dataclass
class Scan:
    """What one pass over a text found of the matrix tables: rows, header rows and version markers."""

    rows: dict[str, RawRow] = field(default_factory=dict)
    headers: dict[str, Span] = field(default_factory=dict)  # header row -> label span
    markers: dict[str, dict[str, Span]] = field(default_factory=dict)  # version id -> marker -> span
    other_with_values: bool = False  # 2019: （六）其他处理 carries numbers
    first: int | None = None
    last: int | None = None
    notes: list[str] = field(default_factory=list)

    def touch(self, start: int, end: int) -> None:
        self.first = start if self.first is None else min(self.first, start)
        self.last = end if self.last is None else max(self.last, end)


# ---- pass 1: lines -> raw rows ------------------------------------------------------


def _split_tab(text: str, start: int, end: int) -> list[Cell]:
    return _split_on(text, start, end, "\t")


def _split_on(text: str, start: int, end: int, sep: str) -> list[Cell]:
    cells = []
    pos = start
    while True:
        nxt = text.find(sep, pos, end)
        stop = end if nxt < 0 else nxt
        chunk = text[pos:stop]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right <= left:
            cells.append(Cell("", (pos, pos)))
        else:
            cells.append(Cell(chunk[left:right], (pos + left, pos + right)))
        if nxt < 0:
            return cells
        pos = nxt + 1


def _is_celled(line: str) -> bool:
    """A row of a real table: cells separated by tabs (DOCX/HTML) or Markdown pipes."""
    stripped = line.strip()
    return "\t" in line or (stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3)


def _is_value_text(text: str) -> bool:
    return text == "" or is_dash(text) or parse_value(text)[1] is None


def _grid_rows(doc: Document) -> dict[int, list[Cell]]:
    """The real cells of each rendered row of the document's tables, by line start.

    A merged cell is one cell: the empty positions a colspan or rowspan covers in the
    tab-separated line are not cells, so "规章 | 13 | 13(合并两格) | 524" reads as three values.
    """
    rows: dict[tuple[int, int], list[Cell]] = {}
    for index, grid in enumerate(doc.tables):
        for cell in grid.cells:
            rows.setdefault((index, cell.row), []).append(Cell(cell.text, cell.span))
    out: dict[int, list[Cell]] = {}
    for cells in rows.values():
        cells.sort(key=lambda c: c.span[0])
        line_start = doc.text.rfind("\n", 0, cells[0].span[0]) + 1
        out[line_start] = cells
    return out


def _split_cells(text: str, cells: list[Cell]) -> tuple[Cell | None, list[Cell], list[Cell]]:
    labels = [c for c in cells if c.text and not _is_value_text(c.text)]
    if not labels:
        return None, [], cells
    at = cells.index(labels[-1])
    label = Cell(text[labels[0].span[0] : labels[-1].span[1]], (labels[0].span[0], labels[-1].span[1]))
    return label, labels, cells[at + 1 :]


def _line_cells(
    text: str, start: int, end: int, grid: list[Cell] | None = None
) -> tuple[Cell | None, list[Cell], list[Cell]]:
    """(label, label cells, value cells) of one line: a table's real cells, tabs, pipes,
    or else the numbers the line ends with."""
    line = text[start:end]
    stripped = line.strip()
    if grid is not None:
        return _split_cells(text, grid)
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        # a Markdown table row: the cells between the outer pipes
        first = start + line.index("|") + 1
        last = start + line.rindex("|")
        return _split_cells(text, _split_on(text, first, last, "|"))
    if "\t" in line:
        return _split_cells(text, _split_tab(text, start, end))
    m = _TRAILING_RE.search(line)
    value_start = start + m.start() if m else end
    label_text = text[start:value_start].strip()
    values = [Cell(t.group(), (t.start(), t.end())) for t in _TOKEN_RE.finditer(text, value_start, end)]
    found: Cell | None = None
    if label_text:
        ls = text.index(label_text, start)
        found = Cell(label_text, (ls, ls + len(label_text)))
    return found, [found] if found else [], values


def _label_parts(labels: list[Cell]) -> list[Cell]:
    """Every numbered segment of the label cells, with spans."""
    out = []
    for cell in labels:
        for offset, seg in segments(cell.text):
            stripped = seg.strip()
            s = cell.span[0] + offset + (len(seg) - len(seg.lstrip()))
            out.append(Cell(stripped, (s, s + len(stripped))))
    return out


def _scan(doc: Document, versions: Sequence[MatrixVersion]) -> Scan:
    text = doc.text
    scan = Scan(markers={v.id: {} for v in versions})
    grid_rows = _grid_rows(doc)
    section: int | None = None
    saw_section = False
    group: str | None = None  # the open t3 header row (for "3．其他")
    pending: RawRow | None = None  # a row label whose numbers come on a later line
    for index, start, end in table_lines(text, iter_lines(text)):
        line = text[start:end]
        if not line.strip():
            continue
        heading = section_of(line.replace("\t", " "))
        if heading is not None:
            section, saw_section, pending = heading, True, None
            continue
        if saw_section and section not in (2, 3, 4):
            continue
        if section in (2, 3, None):
            squeezed = re.sub(r"\s+", "", line)
            for version in versions:
                for marker in version.markers:
                    if marker in squeezed:
                        pos = line.find(marker)  # spaced-out heads ("本年 制发件数") keep the line's span
                        where = (start + pos, start + pos + len(marker)) if pos >= 0 else (start, end)
                        scan.markers[version.id].setdefault(marker, where)
        label, label_cells, values = _line_cells(text, start, end, grid_rows.get(start))
        numbers = [v for v in values if v.text]
        if label is not None and len(label.text) > _MAX_LABEL:
            pending = None
            continue
        if label is not None and is_column_head(label.text):
            pending = None
            continue
        if label is None:
            if not numbers:
                continue
            if pending is not None:
                _complete(scan, pending, values, index, start, end)
                pending = None
            elif section == 4 or (section is None and len(numbers) >= 10):
                scan.rows.setdefault("t4", RawRow("t4", None, values, line=index))
                scan.touch(start, end)
            continue
        parts = _label_parts(label_cells)
        matched: list[tuple[str, Cell]] = []
        if section in (3, None):
            for part in parts:
                row = match_t3(part.text, group)
                if row is not None:
                    matched.append((row, part))
                    if row in T3_HEADERS or row == "t3.result.other":
                        group = row
                    elif group is not None and not row.startswith(group + "."):
                        group = None
        if not matched and section in (2, None):
            row = match_t2(label.text)
            if row is not None:
                matched.append((row, label))
        if not matched:
            if pending is not None and numbers:
                # the numbers of a wrapped label sit on its continuation line
                _complete(scan, pending, values, index, start, end)
                pending = None
            elif "。" in line:
                pending = None
            continue
        for row, part in matched[:-1]:
            scan.headers.setdefault(row, part.span)
        row, part = matched[-1]
        # A real table row (cells separated) with every value cell blank is present, blank:
        # a missing row and a row left empty are different things to an auditor.
        blank_row = not numbers and _is_celled(line) and len(values) >= (T3_WIDTH if row.startswith("t3.") else 1)
        if row in T3_HEADERS and not numbers:
            scan.headers.setdefault(row, part.span)
            scan.touch(start, end)
            pending = None
            continue
        if row == "t3.result.other" and not numbers and not blank_row:
            # a header in 2021; in 2019 a row whose numbers may follow on the next line
            scan.headers.setdefault(row, part.span)
            pending = RawRow(row, part.span, line=index)
            continue
        raw = RawRow(row, part.span, line=index)
        if numbers or blank_row:
            _complete(scan, raw, values, index, start, end)
            pending = None
        else:
            # a label alone on its line: its numbers follow (text tables, wrapped PDF labels)
            pending = raw if "。" not in line and len(label.text) <= 60 else None
    return scan


def _complete(scan: Scan, raw: RawRow, values: list[Cell], index: int, start: int, end: int) -> None:
    if raw.row in scan.rows:
        return  # the same label again (a narrative line or a second table): keep the first
    raw.cells, raw.line = values, index
    scan.rows[raw.row] = raw
    scan.touch(start, end)
    if raw.row == "t3.result.other":
        scan.other_with_values = True


# ---- template detection -------------------------------------------------------------


def _structure_score(scan: Scan, template: Template) -> int:
    """How far the printed 其他处理 rows fit the version: a row with values, or sub-rows."""
    if "t3.result.other" not in template:
        return 0
    if template.get("t3.result.other").header:
        return 1 if "t3.result.other.other" in scan.rows else 0
    return 1 if scan.other_with_values and "t3.result.other.no_correction" not in scan.rows else 0


def detect(scan: Scan, year: int | None, versions: Sequence[MatrixVersion]) -> MatrixVersion:
    """The version whose printed words and rows fit best; the report year breaks a tie."""

    def score(version: MatrixVersion) -> int:
        return len(scan.markers.get(version.id, {})) + _structure_score(scan, version.template)

    best = max(score(v) for v in versions)
    tied = [v for v in versions if score(v) == best]
    if len(tied) > 1 and year is not None:
        tied = [v for v in tied if v.years[0] <= year <= v.years[1]] or tied
    return tied[-1]  # still tied: the newest version


# ---- pass 2: raw rows -> ids --------------------------------------------------------


def _columns(template: Template, row: str) -> list[str]:
    return [d.column or "" for d in template.indicators if d.row == row and not d.header]


def _value(
    ident: str, cell: Cell, label_span: Span | None, uncertain: bool = False, readings: tuple[str, ...] = (),
    template: Template | None = None, recovered: bool = False,
) -> ExtractedValue:
    value, problem = parse_value(cell.text)
    if uncertain:
        value = None  # several cuts fit: the value is unknown until the auditor (or last year's report) says
    if value is not None and template is not None and template.get(ident).unit == "万元" and _IN_YUAN.search(cell.text):
        value = value / 10000  # "251000元" in a column counted in 万元 is 25.1
    return ExtractedValue(ident, cell.text, value, cell.span, label_span, problem, uncertain, readings, recovered)


_IN_YUAN = re.compile(r"(?<!万)元\s*$")
_UNIT_TAIL = re.compile(r"\s*万?元$")


def _is_run(cell: Cell) -> bool:
    return re.fullmatch(r"[0-9０-９.\-−]+(?:万?元)?", cell.text) is not None


def _take(raw: RawRow, width: int, from_end: bool) -> list[Cell] | None:
    """The ``width`` value cells of a separated row, or None when the digits ran together."""
    cells = raw.cells
    filled = [c for c in cells if c.text]
    if len(cells) >= width:
        return cells[-width:] if from_end else cells[:width]
    if filled and all(_is_run(c) for c in filled) and sum(len(c.text) for c in filled) >= width:
        return None
    return cells if cells else []


def _cut(
    raw: RawRow,
    width: int,
    sums: tuple[tuple[tuple[int, ...], int], ...],
    decimal: frozenset[int] = frozenset(),
    signed: frozenset[int] = frozenset(),
) -> list[tuple[Cell, ...]]:
    runs = [c for c in raw.cells if c.text]
    unit = ""
    if runs and (tail := _UNIT_TAIL.search(runs[-1].text)):
        # an amount printed with its unit ("…432.52元"): the unit belongs to the last cell
        unit = runs[-1].text[tail.start():]
        runs[-1] = Cell(runs[-1].text[: tail.start()], (runs[-1].span[0], runs[-1].span[1] - len(unit)))
    tokens = [fold(c.text) for c in runs]
    out = []
    for solution in split_runs(tokens, width, sums, decimal, signed_cells=signed):
        cells = [_piece(runs, p) for p in solution]
        if unit:
            last = cells[-1]
            cells[-1] = Cell(last.text + unit, (last.span[0], last.span[1] + len(unit)))
        out.append(tuple(cells))
    return out


def readings_of(cuts: list[tuple[Cell, ...]], limit: int = 64) -> tuple[str, ...]:
    return tuple(" | ".join(c.text for c in cut) for cut in cuts[:limit])


def _piece(runs: list[Cell], piece: Piece) -> Cell:
    t, s, e = piece
    run = runs[t]
    return Cell(run.text[s:e], (run.span[0] + s, run.span[0] + e))


def _column_sums(template: Template) -> list[tuple[str, tuple[str, ...]]]:
    """(row, rows it equals the sum of) for table 三 identities used to cut digit runs."""
    leaves = [
        d.row or ""
        for d in template.indicators
        if d.row and d.row.startswith("t3.result.") and d.column == "total" and d.row != "t3.result.total"
    ]
    return [("t3.result.total", tuple(leaves))]


def _resolve_t3(
    template: Template, choices: dict[str, list[tuple[Cell, ...]]], fixed: dict[str, tuple[Decimal | None, ...]]
) -> tuple[dict[str, tuple[Cell, ...]], set[tuple[str, int]]]:
    """Pick one cut per ambiguous row using the column identities; report cells still open."""
    open_rows = [r for r, c in choices.items() if len(c) > 1]
    chosen = {r: c[0] for r, c in choices.items() if c}
    uncertain: set[tuple[str, int]] = set()
    if not open_rows:
        return chosen, uncertain
    sizes = 1
    for r in open_rows:
        sizes *= len(choices[r])
    survivors: list[dict[str, tuple[Cell, ...]]] = []
    if sizes <= 20000:
        leaves = _column_sums(template)[0][1]
        for combo in itertools.product(*(choices[r] for r in open_rows)):
            trial = dict(chosen)
            trial.update(zip(open_rows, combo))
            values: dict[str, tuple[Decimal | None, ...]] = {r: tuple(Decimal(c.text) for c in cells) for r, cells in trial.items()}
            values.update({r: v for r, v in fixed.items() if r not in values})
            if _t3_holds(values, leaves):
                survivors.append(trial)
    if not survivors:
        combos = itertools.islice(itertools.product(*(choices[r] for r in open_rows)), 2)
        survivors = [dict(chosen, **dict(zip(open_rows, combo))) for combo in combos]
    best = survivors[0]
    for r in open_rows:
        for col in range(T3_WIDTH):
            if len({s[r][col].span for s in survivors}) > 1:
                uncertain.add((r, col))
    return best, uncertain


def _t3_holds(values: dict[str, tuple[Decimal | None, ...]], leaves: tuple[str, ...]) -> bool:
    def get(row: str, col: int) -> Decimal | None:
        v = values.get(row)
        return v[col] if v is not None and col < len(v) else None

    for col in range(T3_WIDTH):
        wanted = [r for r in leaves if r in values]
        parts = [p for r in wanted if (p := get(r, col)) is not None]
        total = get("t3.result.total", col)
        if total is not None and parts and len(parts) == len(wanted) and sum(parts, Decimal(0)) != total:
            return False
        ends = [get(r, col) for r in ("t3.new", "t3.carried_in", "t3.result.total", "t3.carried_out")]
        if all(e is not None for e in ends):
            a, b, c, d = ends
            if a + b != c + d:  # type: ignore[operator]
                return False
    return True


def _assign(scan: Scan, template: Template, notes: list[str]) -> dict[str, ExtractedValue]:
    values: dict[str, ExtractedValue] = {}
    header_ids = {d.id for d in template.indicators if d.header}
    # header rows seen (with no numbers of their own)
    for row, span in scan.headers.items():
        if row in header_ids:
            values[row] = ExtractedValue(row, None, None, None, span)

    t3_choices: dict[str, list[tuple[Cell, ...]]] = {}
    t3_fixed: dict[str, tuple[Decimal | None, ...]] = {}
    for row, raw in scan.rows.items():
        if not raw.cells:
            continue
        if row == "t4":
            _assign_t4(raw, template, values, notes)
            continue
        if row.startswith("t2."):
            _assign_t2(raw, template, values, notes)
            continue
        if row in header_ids:
            # numbers printed on a header row: keep them so the rules can object
            cells = _take(raw, T3_WIDTH, from_end=True) or []
            filled = [c for c in cells if c.text]
            if filled:
                values[row] = ExtractedValue(row, filled[-1].text, parse_value(filled[-1].text)[0], filled[-1].span, raw.label_span)
            else:
                values[row] = ExtractedValue(row, None, None, None, raw.label_span)
            continue
        if row not in {d.row for d in template.indicators}:
            continue  # a row of the other version (e.g. 2021 sub-rows in a 2019 form)
        taken = _take(raw, T3_WIDTH, from_end=True)
        if taken is None:
            cuts = _cut(raw, T3_WIDTH, T3_ROW_SUM)
            if not cuts:
                notes.append(f"第{raw.line + 1}行数字连在一起，无法按7列拆分，未读取")
                continue
            t3_choices[row] = cuts
            continue
        if len(taken) < T3_WIDTH:
            notes.append(f"第{raw.line + 1}行只有{len(taken)}个数，少于7列，未读取")
            continue
        t3_fixed[row] = tuple(parse_value(c.text)[0] for c in taken)
        for column, cell in zip(_columns(template, row), taken):
            values[f"{row}@{column}"] = _value(f"{row}@{column}", cell, raw.label_span)
    if t3_choices:
        chosen, uncertain = _resolve_t3(template, t3_choices, t3_fixed)
        for row, cut in chosen.items():
            label_span = scan.rows[row].label_span
            for col, (column, cell) in enumerate(zip(_columns(template, row), cut)):
                flag = (row, col) in uncertain
                readings = readings_of(t3_choices[row]) if flag else ()
                values[f"{row}@{column}"] = _value(f"{row}@{column}", cell, label_span, flag, readings, recovered=True)
            if any(r == row for r, _ in uncertain):
                line = scan.rows[row].line + 1
                notes.append(f"第{line}行数字连在一起，有多种拆分都符合表内勾稽关系，已标为存疑，请核对原表")
    return values


def _assign_t2(raw: RawRow, template: Template, values: dict[str, ExtractedValue], notes: list[str]) -> None:
    columns = _columns(template, raw.row)
    if not columns:
        return
    width = len(columns)
    cells = _take(raw, width, from_end=False)
    flags = [False] * width
    readings: tuple[str, ...] = ()
    recovered = cells is None
    if cells is None:
        defs = [template.get(f"{raw.row}.{c}") for c in columns]
        decimal = frozenset(i for i, d in enumerate(defs) if d.decimal)
        signed = frozenset(i for i, d in enumerate(defs) if d.signed)
        cuts = _cut(raw, width, (), decimal, signed)
        if not cuts:
            notes.append(f"第{raw.line + 1}行数字连在一起，无法按{width}列拆分，未读取")
            return
        cells = list(cuts[0])
        flags = [len({c[i].span for c in cuts}) > 1 for i in range(width)]
        if any(flags):
            readings = readings_of(cuts)
            notes.append(f"第{raw.line + 1}行数字连在一起，拆分方式不唯一，已标为存疑，请核对原表")
    elif len(cells) < width:
        notes.append(f"第{raw.line + 1}行只有{len(cells)}个数，少于{width}列，未读取")
        return
    for column, cell, flag in zip(columns, cells, flags):
        ident = f"{raw.row}.{column}"
        values[ident] = _value(ident, cell, raw.label_span, flag, readings if flag else (), template, recovered)


def _assign_t4(raw: RawRow, template: Template, values: dict[str, ExtractedValue], notes: list[str]) -> None:
    columns = [d.id for d in template.indicators if d.id.startswith("t4.")]
    cells = _take(raw, T4_WIDTH, from_end=True)
    flags = [False] * T4_WIDTH
    readings: tuple[str, ...] = ()
    recovered = cells is None
    if cells is None:
        cuts = _cut(raw, T4_WIDTH, T4_SUMS)
        if not cuts:
            notes.append(f"第{raw.line + 1}行数字连在一起，无法按15列拆分，未读取")
            return
        cells = list(cuts[0])
        flags = [len({c[i].span for c in cuts}) > 1 for i in range(T4_WIDTH)]
        readings = readings_of(cuts) if any(flags) else ()
        if any(flags):
            notes.append(f"第{raw.line + 1}行（行政复议、行政诉讼）数字连在一起，有多种拆分都符合合计关系，已标为存疑")
    elif len(cells) < T4_WIDTH:
        notes.append(f"第{raw.line + 1}行只有{len(cells)}个数，少于15列，未读取")
        return
    for ident, cell, flag in zip(columns, cells, flags):
        values[ident] = _value(ident, cell, raw.label_span, flag, readings if flag else (), recovered=recovered)


# ---- entry point ----------------------------------------------------------------------


def _year_value(text: str, year: int | None) -> ExtractedValue | None:
    if year is None:
        return None
    m = re.search(str(year), text[:6000])
    span = (m.start(), m.end()) if m else None
    return ExtractedValue(META_YEAR, str(year), Decimal(year), span)


def extract_matrix(doc: Document, versions: Sequence[MatrixVersion]) -> Extraction:
    """Read tables 二/三/四 as whichever of ``versions`` (the 2019 and 2021 forms) fits."""
    scan = _scan(doc, versions)
    t3_rows = [r for r, raw in scan.rows.items() if r.startswith("t3.") and raw.cells]
    if len(t3_rows) < 5:
        return Extraction(template=None)
    _, year = read_metadata(doc.text)
    version = detect(scan, year, versions)
    template = version.template
    notes = list(scan.notes)
    values = _assign(scan, template, notes)
    meta: dict[str, ExtractedValue] = {}
    year_value = _year_value(doc.text, year)
    if year_value is not None:
        meta[META_YEAR] = year_value
    foreign = [(marker, span) for vid, found in scan.markers.items() if vid != version.id for marker, span in found.items()]
    if foreign:
        marker, span = min(foreign, key=lambda kv: kv[1][0])
        meta[META_FOREIGN] = ExtractedValue(META_FOREIGN, marker, None, span)
    table_span = (scan.first, scan.last) if scan.first is not None and scan.last is not None else None
    meta.update(find_meta_claims(doc.text, table_span))
    return Extraction(template=template, values=values, table_span=table_span, notes=notes, meta=meta)
