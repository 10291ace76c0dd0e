"""Find and read the old (2008) 政府信息公开情况统计表 in any document text.

The extractor is line-based (see ``core.table.lines``): it starts at the table's header
row ("统计指标 单位 统计数") or, failing that, at the "一、主动公开情况" row, so the
narrative before the table never yields a value. Each row is matched to the template by
meaning (``core.table.labels``) with a cursor that follows the form's order, which is
what tells the two "（二）被依法纠错数" rows apart.

A label wrapped over several lines forms one *group*: a line continues the row above
when it sits inside a note left open there, is only a note, or does not read as a row of
its own. The value is taken from the group's line that also carries a unit (a stray
copy on a continuation line never wins, and never becomes a row of its own).

Rows that are not found are simply absent: the rules report them, nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.document.model import Document
from core.forms.national_2008.schema import TEMPLATE_2008
from core.schema.model import IndicatorDef
from core.table.labels import EMPTY, Label, TemplateLabels, grams, normalise, template_labels
from core.table.lines import BLANK, HEADER, ROW, RULE, RowLine, iter_lines, tokenise
from core.table.model import ExtractedValue, Extraction
from core.table.values import UNITS, is_dash, parse_value

MIN_ROWS = 10  # fewer matched rows than this: the document has no old-template table
NEW_ROW_SCORE = 0.6  # a line reads as a row of its own from this similarity on
STRONG_ROW_SCORE = 0.8  # ... and plainly so (used to tell the table's start from prose)
CONTINUATION_MAX = 16  # an unnumbered line longer than this (core chars) is never a tail
NARRATIVE_MIN = 40  # a line without cells this long is prose, not a table row
MAX_MISSES = 12  # this many unreadable lines in a row: the table has ended
MAX_TABLE_LINES = 600  # the form has 65 rows (~250 lines wrapped): never read further
MAX_BLIND = 60  # this many unreadable lines in a row and nothing found yet: not a table

_SENTENCE_RE = re.compile("[。；，！？]")
_HEADER_WORD_RE = re.compile(r"统[ \u3000]*计[ \u3000]*指")
_FIRST_ROW_RE = re.compile(r"主[ \u3000]*动[ \u3000]*公[ \u3000]*开[ \u3000]*情[ \u3000]*况")


@dataclass
class _Group:
    """The lines that make one row of the 2008 table: its first line and what its label wrapped onto."""

    index: int  # template row
    lines: list[RowLine]  # the row's first line, then the lines its label wrapped onto
    open_note: bool  # the last line ends inside a bracketed note
    label_lines: int = 1  # lines[:label_lines] were read as the label itself (not notes or tails)


def extract_2008(doc: Document) -> Extraction:
    """The old-template table of ``doc``; ``template`` is None when there is none (never raises).

    ``values`` holds the rows found, each with the printed text, its exact span and the
    parsed ``Decimal``; a header row is present only when something was printed on it.
    """
    text = doc.text
    labels = template_labels(TEMPLATE_2008)
    start = _find_start(text, labels)
    if start is None:
        return Extraction(template=None)
    first_line, span_start = start
    groups = _group_rows(text, iter_lines(text, first_line, text.count("\n", 0, first_line)), labels)
    if len(groups) < MIN_ROWS:
        return Extraction(template=None)

    extraction = Extraction(template=TEMPLATE_2008)
    span_end = span_start
    for group in groups:
        definition = TEMPLATE_2008.indicators[group.index]
        found = _read_value(definition, group, extraction.notes)
        first = group.lines[0]
        span_end = max(span_end, first.span[1])
        if found is None:
            continue
        extraction.values[definition.id] = found
        if found.span is not None:
            span_end = max(span_end, found.span[1])
    extraction.table_span = (span_start, span_end)
    return extraction


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return start, end - 1 if end > start and text[end - 1] == "\r" else end


def _find_start(text: str, labels: TemplateLabels) -> tuple[int, int] | None:
    """(offset of the first line to read, where table_span starts), or None: no table.

    The header row starts the table; without one, the "一、主动公开情况" row does. Only
    lines holding those words are looked at, so a long narrative costs next to nothing,
    and a candidate counts only when rows of the form follow it: a narrative heading or
    a header quoted in prose is not the table.
    """
    first_header: int | None = None
    for m in _HEADER_WORD_RE.finditer(text):
        start, end = _line_at(text, m.start())
        if tokenise(text, 0, start, end).kind == HEADER:
            if _rows_follow(text, end, labels, window=12, needed=1):
                return start, _title_before(text, start)
            if first_header is None:
                first_header = start
    for m in _FIRST_ROW_RE.finditer(text):
        start, end = _line_at(text, m.start())
        row = tokenise(text, 0, start, end)
        if row.kind == ROW and row.label is not None:
            lab = normalise(row.label.text)
            first_row = lab.core == "主动公开情况" and lab.numbering == "top"
            if first_row and _rows_follow(text, end, labels, window=3, needed=2):
                return start, start + len(text[start:end]) - len(text[start:end].lstrip())
    if first_header is not None:
        return first_header, _title_before(text, first_header)
    return None


def _rows_follow(text: str, line_end: int, labels: TemplateLabels, window: int, needed: int) -> bool:
    """Are at least ``needed`` of the next ``window`` non-blank lines plainly rows of the form
    (a unit or a value, and a label that reads as one of the template's)?"""
    found = seen = 0
    for _, start, end in iter_lines(text, line_end + 1):
        row = tokenise(text, 0, start, end)
        if row.kind in (BLANK, HEADER, RULE):
            continue
        seen += 1
        if (
            row.kind == ROW
            and row.label is not None
            and not _SENTENCE_RE.search(row.label.text)
            and (row.unit is not None or (row.value is not None and row.value.text))
            and _best_score(normalise(row.label.text), labels) >= STRONG_ROW_SCORE
        ):
            found += 1
            if found >= needed:
                return True
        if seen >= window:
            return False
    return False


def _best_score(lab: Label, labels: TemplateLabels) -> float:
    if lab.core in labels.exact:
        return 1.0
    lab_grams = grams(lab.core)
    return max((labels.score(lab, i, lab_grams) for i in labels.overlaps(lab_grams)), default=0.0)


def _title_before(text: str, header_start: int) -> int:
    """The table's title a few lines above its header row starts table_span, if there is one."""
    end = header_start - 1
    for _ in range(8):
        if end < 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if "统计表" in line:
            return start + len(line) - len(line.lstrip())
        end = start - 1
    return header_start


class _Lines:
    """The lines from the table's start, tokenised on demand: the table may end long
    before the text does, and a wrapped label needs a look at the lines after it."""

    def __init__(self, text: str, lines: Iterable[tuple[int, int, int]]) -> None:
        self._text = text
        self._source = iter(lines)
        self._rows: list[RowLine] = []

    def get(self, i: int) -> RowLine | None:
        while len(self._rows) <= i:
            nxt = next(self._source, None)
            if nxt is None:
                return None
            self._rows.append(tokenise(self._text, *nxt))
        return self._rows[i]

    def next_filled(self, i: int) -> tuple[int, RowLine | None]:
        """The first non-blank line from ``i`` on (a wrapped label may leave a blank line)."""
        while (row := self.get(i)) is not None and row.kind == BLANK:
            i += 1
        return i, row


def _group_rows(text: str, lines: Iterable[tuple[int, int, int]], labels: TemplateLabels) -> list[_Group]:
    """Read the lines from the table's start into one group per matched template row."""
    groups: list[_Group] = []
    taken: set[int] = set()
    cursor = 0
    prev: _Group | None = None  # the row a wrapped line may continue
    misses = 0
    last = len(labels.labels) - 1
    rows = _Lines(text, lines)
    i = 0
    while i < MAX_TABLE_LINES and (row := rows.get(i)) is not None:
        i += 1
        if row.kind != ROW:
            continue  # header rows repeated at page breaks, rules, blanks, titles
        if _is_sentence(row):
            prev = None  # narrative or a footnote: never a row, nor part of one
            misses += 1
            if misses >= MAX_MISSES and len(groups) > MIN_ROWS:
                break
            continue
        lab = normalise(row.label.text) if row.label is not None else EMPTY
        if prev is not None and lab.numbering is None and not lab.qizhong and (prev.open_note or not lab.core):
            # inside a note left open above, or only a note: "(不同方式回应同一热点或舆情计1次)"
            _continue(prev, row, lab)
            continue
        if last in taken:
            break  # the form's last row is read: what follows is not the table
        best, score = _match(lab, cursor, taken, labels)
        group_lines = [row]
        after = i
        if score < 1.0 and (lab.core or lab.numbering or lab.qizhong):
            # A label cut early ("（一）政府信息公开" / "工作专门机构数") reads right only
            # with the lines it wrapped onto: take them while the joined label reads better.
            best, score, joined, after = _join_wrapped(rows, i, row, lab, best, score, cursor, taken, labels, group_lines)
        else:
            joined = lab
        if (
            prev is not None
            and lab.numbering is None
            and not lab.qizhong
            and len(lab.core) <= CONTINUATION_MAX
            and (best is None or labels.score(lab, prev.index) >= score)
        ):
            _continue(prev, row, lab)  # the rest of a wrapped label: "安全和社会稳定"
            continue
        i, lab = after, joined
        if best is None:
            prev = None  # an unknown row: what wraps below it is not ours
            misses += 1
            if misses >= MAX_BLIND:
                break
            if groups and (misses >= MAX_MISSES or _is_prose(row, lab)) and len(taken) > MIN_ROWS:
                break  # prose after the table
            continue
        misses = 0
        prev = _Group(best, group_lines, lab.open_note, len(group_lines))
        groups.append(prev)
        taken.add(best)
        cursor = best + 1
    return groups


def _join_wrapped(
    rows: _Lines,
    i: int,
    row: RowLine,
    lab: Label,
    best: int | None,
    score: float,
    cursor: int,
    taken: set[int],
    labels: TemplateLabels,
    group_lines: list[RowLine],
) -> tuple[int | None, float, Label, int]:
    """Extend ``group_lines`` with the unnumbered lines ``row``'s label wrapped onto.

    Returns the (possibly better) match, the joined label and the index of the line
    after the last one taken.
    """
    joined_text = row.label.text if row.label is not None else ""
    pending: list[RowLine] = []  # lines read ahead but not (yet) known to belong here
    after = probe = i
    for _ in range(3):  # a label wraps over three or four lines at most
        j, nxt = rows.next_filled(probe)
        if nxt is None or nxt.kind != ROW or nxt.label is None or _is_sentence(nxt):
            break
        nlab = normalise(nxt.label.text)
        if nlab.numbering is not None or nlab.qizhong:
            break
        if not nlab.core:  # only a note or a stray "、": read on
            joined_text += nxt.label.text
            pending.append(nxt)
            probe = j + 1
            continue
        jlab = normalise(joined_text + nxt.label.text)
        jbest, jscore = _match(jlab, cursor, taken, labels)
        # A line that reads as well on its own is its own row, not the rest of this one.
        alone, alone_score = _match(nlab, cursor, taken, labels)
        if alone is not None and alone_score >= jscore - 0.02:
            break
        joined_text += nxt.label.text
        pending.append(nxt)
        probe = j + 1
        if jbest is not None and (best is None or jscore > score + 0.02):
            group_lines.extend(pending)
            pending.clear()
            best, score, lab, after = jbest, jscore, jlab, probe
        # else: "（一）主" / "动" / "公开政府信息数": perhaps only the whole reads
    return best, score, lab, after


def _is_sentence(row: RowLine) -> bool:
    return row.label is not None and _SENTENCE_RE.search(row.label.text) is not None


def _continue(group: _Group, row: RowLine, lab: Label) -> None:
    group.lines.append(row)
    group.open_note = lab.open_note or (group.open_note and not lab.closes_note)


def _is_prose(row: RowLine, lab: Label) -> bool:
    return not row.cells and row.value is None and len(lab.core) >= NARRATIVE_MIN


def _match(lab: Label, cursor: int, taken: set[int], labels: TemplateLabels) -> tuple[int | None, float]:
    """The best untaken template row for ``lab`` near the cursor, if it reads as one."""
    if not lab.core:
        return None, 0.0
    exact = [i for i in labels.exact.get(lab.core, ()) if i not in taken]
    if exact:
        best = min(exact, key=lambda i: (0, i - cursor) if i >= cursor else (1, cursor - i))
        return best, labels.score(lab, best)
    best_i: int | None = None
    best_s = 0.0
    lab_grams = grams(lab.core)
    for i in labels.overlaps(lab_grams):
        if i in taken:
            continue
        s = labels.score(lab, i, lab_grams)
        if s < NEW_ROW_SCORE:
            continue
        # the form's order decides between look-alikes: prefer rows just after the cursor
        s -= 0.01 * min(i - cursor, 15) if i >= cursor else 0.1 + 0.01 * (cursor - i)
        if s > best_s:
            best_i, best_s = i, s
    if best_i is None or best_s < NEW_ROW_SCORE - 0.15:
        return None, 0.0
    return best_i, best_s


def _unit_rank(definition: IndicatorDef, row: RowLine) -> int:
    unit = row.unit.text if row.unit is not None else ""
    if definition.unit is not None and unit == definition.unit:
        return 0
    if unit in UNITS:
        return 1
    if is_dash(unit):
        return 2
    return 3


def _read_value(definition: IndicatorDef, group: _Group, notes: list[str]) -> ExtractedValue | None:
    """The row's value: the printed cell beside a unit wins over a stray copy on a wrapped line."""
    first = group.lines[0]
    label_span = first.label.span if first.label is not None else first.span
    printed = [(r, r.value) for r in group.lines if r.value is not None and r.value.text]
    if definition.header:
        # A header row shows nothing, or a dash, as the form wants; anything else is kept
        # so that the rules can flag it. Only the header's own lines count: a stray value
        # below it belongs to a row that is missing, not to the header.
        own = {id(r) for r in group.lines[: group.label_lines]}
        printed = [(r, c) for r, c in printed if not is_dash(c.text) and id(r) in own]
        if not printed:
            return None
        row, cell = printed[0]
    elif printed:
        row, cell = min(printed, key=lambda rc: (_unit_rank(definition, rc[0]), rc[0].index))
        others = sorted({c.text for _, c in printed} - {cell.text})
        if others:
            notes.append(
                f"第{first.index + 1}行「{definition.label}」折行处另有数值{'、'.join(others)}，"
                f"取与单位同行的{cell.text}"
            )
    else:
        # The row is there but its value cell is blank (or missing at the end of the line).
        blank = next((r.value for r in group.lines if r.value is not None), None)
        span = blank.span if blank is not None else (first.span[1], first.span[1])
        return ExtractedValue(definition.id, "", None, span, label_span)
    value, problem = parse_value(cell.text)
    uncertain = row.extra_numbers > 0
    if uncertain:
        notes.append(f"第{row.index + 1}行「{definition.label}」的数值后还有数字，取第一个{cell.text}，请核对")
    return ExtractedValue(definition.id, cell.text, value, cell.span, label_span, problem, uncertain)
