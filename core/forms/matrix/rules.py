"""The rules of the 2019 and 2021 report formats (spec: template-2019-2021.md).

- ``t3.note.<column>``: the form's own note, per column of table 三:
  new + carried_in = result.total + carried_out
- ``t3.sum.result.total@<column>``: result.total = the sum of every 办理结果 row
  (2019: one 其他处理 row; 2021: its three sub-rows)
- ``t3.row.<row>``: a row's 总计 = the six applicant columns
- ``t4.sum.<group>``: table 四 group totals
- ``t2.bound.<row>.new_published`` (2019, warning): published this year <= published in total
- ``template.year_mismatch`` / ``template.mixed`` (document): the form of the wrong year,
  or labels of both forms in one table
- ``value.uncertain`` (warning): a cell cut from run-together digits in more than one way
- ``narrative.received`` / ``narrative.all_upheld``: claims that the narrative pattern table
  cannot express (a figure that may or may not include carried-over cases; "均获维持")

A blank cell (printed but empty) counts as 0 in every sum; its warning comes once, from
``core.rules.values.check_cells``. A missing row makes a sum not assessable instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.forms.matrix.claims import META_RECEIVED, META_UPHELD_PREFIX
from core.forms.matrix.extract import META_FOREIGN, META_YEAR
from core.forms.matrix.schema import APPLICANTS, COLUMN_NAMES, T3_COLUMNS, T4_GROUPS
from core.rules.base import AtMostRule, ExactRule, Outcome, SumRule, fmt, name, read_operands, table_finding
from core.rules.finding import Evidence, Finding, Kind, Severity
from core.schema.labels import short_label
from core.schema.model import Template
from core.table.model import IndicatorTable

_MEASURES = ("upheld", "corrected", "other", "pending")


def cell_value(table: IndicatorTable, ident: str) -> Decimal | None:
    """A cell as the checks read it: a blank is 0 only when the auditor chose "空白按0处理"."""
    value = table.value(ident)
    if value is None and table.blank_as_zero and table.is_blank(ident):
        return Decimal(0)
    return value


def row_total(table: IndicatorTable, row: str) -> tuple[Decimal | None, bool]:
    """A table 三 row's 总计, or, when that cell is blank, the sum of its applicant cells.

    The second value says the total was derived (the report left the 总计 cell blank), so a
    message can say so. None when neither is known.
    """
    total = cell_value(table, f"{row}@total")
    if total is not None:
        return total, False
    if not table.is_blank(f"{row}@total"):
        return None, False
    parts = [table.value(f"{row}@{c}") for c in APPLICANTS]
    if any(p is None and not table.is_blank(f"{row}@{c}") for p, c in zip(parts, APPLICANTS)):
        return None, False
    return sum((p for p in parts if p is not None), Decimal(0)), True


@dataclass(frozen=True, slots=True)
class MatrixSumRule(SumRule):
    """A sum over cells of the matrix tables; its messages name the row or column."""

    what: str = ""  # how the parent is named in the message ("予以公开：总计")
    parts_name: str = ""  # how the parts are named together ("各类申请人")

    def message(self, table: IndicatorTable, outcome: Outcome) -> str:
        parent, total = outcome.operands.values[self.parent], self.parts_total(outcome)
        return f"{self.what}为{fmt(parent)}，{self.parts_name}合计为{fmt(total)}，相差{fmt(abs(parent - total))}"


@dataclass(frozen=True, slots=True)
class BalanceRule:
    """left[0] + left[1] = right[0] + right[1] (the note printed on table 三)."""

    rule_id: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    column_name: str
    severity: Severity = Severity.ERROR

    @property
    def ids(self) -> tuple[str, ...]:
        return (*self.left, *self.right)

    def holds(self, values: dict[str, Decimal | None]) -> bool | None:
        got = [values.get(i) for i in self.ids]
        known = [v for v in got if v is not None]
        if len(known) < len(got):
            return None
        n = len(self.left)
        return sum(known[:n], Decimal(0)) == sum(known[n:], Decimal(0))

    def outcome(self, table: IndicatorTable) -> Outcome:
        ops = read_operands(table, self.ids)
        if not ops.complete:
            return Outcome(self, ops, None)
        left = sum((ops.values[i] for i in self.left), Decimal(0))
        right = sum((ops.values[i] for i in self.right), Decimal(0))
        return Outcome(self, ops, left == right, left - right, fmt(right), fmt(left))

    def message(self, table: IndicatorTable, outcome: Outcome) -> str:
        v = outcome.operands.values
        a, b = (v[i] for i in self.left)
        c, d = (v[i] for i in self.right)
        return (
            f"{self.column_name}列：本年新收{fmt(a)}加上年结转{fmt(b)}为{fmt(a + b)}，"
            f"办理结果总计{fmt(c)}加结转下年度{fmt(d)}为{fmt(c + d)}，"
            f"不符合表中“第一项加第二项之和，等于第三项加第四项之和”，相差{fmt(abs(a + b - c - d))}"
        )

    def fixes(self, outcome: Outcome) -> list[tuple[str, Decimal]]:
        v, gap = outcome.operands.values, outcome.gap
        return [(i, v[i] - gap) for i in self.left] + [(i, v[i] + gap) for i in self.right]


def _result_rows(template: Template) -> tuple[str, ...]:
    return tuple(
        d.row or ""
        for d in template.indicators
        if d.column == "total" and (d.row or "").startswith("t3.result.") and d.row != "t3.result.total"
    )


def _t3_rows(template: Template) -> tuple[str, ...]:
    return tuple(d.row or "" for d in template.indicators if d.column == "total" and (d.row or "").startswith("t3."))


def _names(template: Template) -> dict[str, str]:
    matrix = next(m for m in template.matrices if m.id == "t3")
    return {row: short_label(label) for row, label in matrix.rows}


def build_rules(template: Template) -> tuple[list[SumRule], list[BalanceRule]]:
    """The sums of tables 三 and 四 and the form's note, for either version of the form."""
    names = _names(template)
    sums: list[SumRule] = []
    for row in _t3_rows(template):
        sums.append(
            MatrixSumRule(
                f"t3.row.{row[3:]}",
                f"{row}@total",
                tuple(f"{row}@{c}" for c in APPLICANTS),
                what=f"“{names[row]}”的总计",
                parts_name="自然人与各类法人或其他组织",
            )
        )
    leaves = _result_rows(template)
    for column, _ in T3_COLUMNS:
        sums.append(
            MatrixSumRule(
                f"t3.sum.result.total@{column}",
                f"t3.result.total@{column}",
                tuple(f"{r}@{column}" for r in leaves),
                what=f"{COLUMN_NAMES[column]}列：办理结果总计",
                parts_name="各项办理结果",
            )
        )
    for group, label in T4_GROUPS:
        sums.append(
            MatrixSumRule(
                f"t4.sum.{group[3:]}",
                f"{group}.total",
                tuple(f"{group}.{m}" for m in _MEASURES),
                what=f"{label}总计",
                parts_name="结果维持、结果纠正、其他结果、尚未审结",
            )
        )
    balances = [
        BalanceRule(
            f"t3.note.{column}",
            (f"t3.new@{column}", f"t3.carried_in@{column}"),
            (f"t3.result.total@{column}", f"t3.carried_out@{column}"),
            COLUMN_NAMES[column],
        )
        for column, _ in T3_COLUMNS
    ]
    return sums, balances


# ---- document-level: the form against the report year ------------------------------------

def check_template(table: IndicatorTable, years: tuple[int, int]) -> list[Finding]:
    """The report year against the years the form is for; labels of the other version."""
    findings: list[Finding] = []
    template_id = table.template.id
    year_entry = table.meta.get(META_YEAR)
    year = int(year_entry.value) if year_entry is not None and year_entry.value is not None else None
    low, high = years
    if year is not None and not low <= year <= high:
        if year >= 2021:
            expected = "2021年格式（国办公开办函〔2021〕30号）"
        elif year >= 2019:
            expected = "2019年格式（国办公开办函〔2019〕60号）"
        else:
            expected = "旧版政府信息公开情况统计表"
        evidence = (Evidence(year_entry.span, year_entry.raw or ""),) if year_entry and year_entry.span else ()
        findings.append(
            Finding(
                rule="template.year_mismatch",
                kind=Kind.DOCUMENT,
                severity=Severity.ERROR,
                ids=(),
                message=f"这是{year}年度报告，却使用了{template_id}年格式的统计表，应使用{expected}",
                evidence=evidence,
            )
        )
    foreign = table.meta.get(META_FOREIGN)
    if foreign is not None:
        other = "2019" if template_id == "2021" else "2021"
        findings.append(
            Finding(
                rule="template.mixed",
                kind=Kind.DOCUMENT,
                severity=Severity.WARNING,
                ids=(),
                message=f"统计表按{template_id}年格式填写，但出现了{other}年格式的栏目“{foreign.raw}”，新旧格式混用",
                evidence=(Evidence(foreign.span, foreign.raw or ""),) if foreign.span else (),
            )
        )
    return findings


# ---- narrative claims the pattern table cannot express ---------------------------------


def check_meta_claims(table: IndicatorTable) -> list[Finding]:
    findings: list[Finding] = []
    received = table.meta.get(META_RECEIVED)
    if received is not None and received.value is not None:
        new, _ = row_total(table, "t3.new")
        carried = cell_value(table, "t3.carried_in@total") or Decimal(0)
        ids = ("t3.new@total", "t3.carried_in@total")
        figure = received.value
        if new is not None and figure not in {new, new + (carried or 0)}:
            with_carried = f"，加上年结转{fmt(carried)}件为{fmt(new + carried)}件" if carried else ""
            findings.append(
                Finding(
                    rule="narrative.received",
                    kind=Kind.NARRATIVE,
                    severity=Severity.WARNING,
                    ids=ids,
                    message=f"正文称{received.raw}，统计表本年新收申请为{fmt(new)}件{with_carried}",
                    evidence=(Evidence(received.span, received.raw or ""),) if received.span else (),
                    claimed=fmt(figure),
                    table=new,
                )
            )
    groups = {"review": T4_GROUPS[:1], "litigation": T4_GROUPS[1:]}
    for key, members in groups.items():
        claim = table.meta.get(META_UPHELD_PREFIX + key)
        if claim is None:
            continue
        bad: list[tuple[str, str, Decimal]] = []
        cells: list[str] = []
        for group, label in members:
            cells += [f"{group}.{m}" for m in _MEASURES]
            for measure, measure_name in (("pending", "尚未审结"), ("corrected", "结果纠正"), ("other", "其他结果")):
                value = cell_value(table, f"{group}.{measure}")
                if value:
                    bad.append((label, measure_name, value))
        if bad:
            listing = "、".join(f"{g}{n}{fmt(v)}件" for g, n, v in bad)
            findings.append(
                Finding(
                    rule="narrative.all_upheld",
                    kind=Kind.NARRATIVE,
                    severity=Severity.WARNING,
                    ids=tuple(cells),
                    message=f"正文称“{claim.raw}”，但统计表中{listing}",
                    evidence=(Evidence(claim.span, claim.raw or ""),) if claim.span else (),
                    claimed=claim.raw,
                )
            )
    return findings


def check_uncertain(table: IndicatorTable) -> list[Finding]:
    """Cells read from run-together digits that more than one cut explains: one finding
    listing each such row with its readings (the auditor picks one; nothing is guessed)."""
    rows: dict[str, tuple[list[str], tuple[str, ...]]] = {}
    for d in table.template.indicators:
        found = table.published.get(d.id)
        if found is None or not found.uncertain or d.id in table.corrections:
            continue
        key = d.row or d.id
        cells, readings = rows.setdefault(key, ([], found.readings))
        cells.append(d.id)
    if not rows:
        return []
    parts = []
    ids: list[str] = []
    for row, (cells, readings) in rows.items():
        label = next((lab for m in table.template.matrices for r, lab in m.rows if r == row), name(table, cells[0]))
        shown = "；".join(readings[:4]) + ("……" if len(readings) > 4 else "")
        printed = "、".join(f"“{name(table, c)}”读作{table.raw(c)}" for c in cells)
        parts.append(f"{short_label(label)}（{printed}；可能的拆分：{shown}）")
        ids += cells
    message = (
        f"原文表格数字连在一起，以下{len(rows)}行按表内关系有多种拆分方式，已标为存疑、暂不参与核对，"
        f"请对照原表核实：{'；'.join(parts)}"
    )
    return [table_finding("value.uncertain", Severity.WARNING, ids, message, table)]


class MatrixRules:
    """The rules of one version of the form: its exact rules (sums, the note, ``extra``
    bounds) and the checks that are not about arithmetic."""

    def __init__(self, template: Template, years: tuple[int, int], extra: Sequence[AtMostRule] = ()) -> None:
        self.sums, self.balances = build_rules(template)
        self.extra = tuple(extra)
        self.years = years

    def check(self, table: IndicatorTable) -> list[Finding]:
        findings = check_uncertain(table)
        findings += check_template(table, self.years)
        findings += check_meta_claims(table)
        return findings

    @property
    def exact(self) -> tuple[ExactRule, ...]:
        return (*self.sums, *self.balances, *self.extra)
