"""Carry-over checks between two consecutive reports on the 2019/2021 national forms.

- ``cross_year.carried`` (error): 上年结转 of year Y equals 结转下年度 of year Y-1, per column
- ``cross_year.in_force`` (error): 现行有效件数(Y) = 现行有效件数(Y-1) + 本年制发(Y) - 本年废止(Y)
  (both reports in the 2021 format: the 2019 form has no 现行有效 column)

Findings belong to the later report; values are read through ``IndicatorTable.value`` so
corrections in either report count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from core.forms.matrix.rules import cell_value
from core.forms.matrix.schema import COLUMN_NAMES, T3_COLUMNS
from core.rules.base import fmt, table_finding
from core.rules.finding import Finding, Severity
from core.table.model import IndicatorTable

_DOC_ROWS = (("regulations", "规章"), ("normative", "行政规范性文件"))


def _value(table: IndicatorTable, ident: str) -> Decimal | None:
    return cell_value(table, ident) if ident in table.template else None


def _carried(prev: IndicatorTable, cur: IndicatorTable, prev_year: int | None) -> list[Finding]:
    findings = []
    label = f"{prev_year}年" if prev_year else "上年"
    for column, _ in T3_COLUMNS:
        now_in = _value(cur, f"t3.carried_in@{column}")
        then_out = _value(prev, f"t3.carried_out@{column}")
        if now_in is None or then_out is None or now_in == then_out:
            continue
        ids = (f"t3.carried_in@{column}",)
        findings.append(
            table_finding(
                "cross_year.carried",
                Severity.ERROR,
                ids,
                f"{COLUMN_NAMES[column]}列：上年结转申请为{fmt(now_in)}件，而{label}报告结转下年度继续办理为{fmt(then_out)}件",
                cur,
                expected=fmt(then_out),
                found=fmt(now_in),
            )
        )
    return findings


def _in_force(prev: IndicatorTable, cur: IndicatorTable, prev_year: int | None) -> list[Finding]:
    if prev.template.id != "2021" or cur.template.id != "2021":
        return []
    findings = []
    label = f"{prev_year}年" if prev_year else "上年"
    for row, name in _DOC_ROWS:
        before = _value(prev, f"t2.{row}.in_force")
        issued = _value(cur, f"t2.{row}.issued")
        repealed = _value(cur, f"t2.{row}.repealed")
        now = _value(cur, f"t2.{row}.in_force")
        if None in (before, issued, repealed, now):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        if expected == now:
            continue
        ids = (f"t2.{row}.in_force", f"t2.{row}.issued", f"t2.{row}.repealed")
        findings.append(
            table_finding(
                "cross_year.in_force",
                Severity.ERROR,
                ids,
                f"现行有效{name}为{fmt(now)}件，但{label}现行有效{fmt(before)}件，"
                f"加本年制发{fmt(issued)}件、减本年废止{fmt(repealed)}件应为{fmt(expected)}件",
                cur,
                expected=fmt(expected),
                found=fmt(now),
            )
        )
    return findings



def _published_total(prev: IndicatorTable, cur: IndicatorTable, prev_year: int | None) -> list[Finding]:
    """2019 form: 对外公开总数量 grows by what is newly published (a warning: agencies differ
    in what they count as still published)."""
    findings = []
    label = f"{prev_year}年" if prev_year else "上年"
    for row, row_name in (("regulations", "规章"), ("normative", "规范性文件")):
        before = _value(prev, f"t2.{row}.total_published")
        new = _value(cur, f"t2.{row}.new_published")
        now = _value(cur, f"t2.{row}.total_published")
        if before is None or new is None or now is None or before + new == now:
            continue
        ids = (f"t2.{row}.total_published", f"t2.{row}.new_published")
        findings.append(
            table_finding(
                "cross_year.total_published",
                Severity.WARNING,
                ids,
                f"{row_name}对外公开总数量为{fmt(now)}件，但{label}报告为{fmt(before)}件、本年新公开{fmt(new)}件，"
                f"合计应为{fmt(before + new)}件，请核实口径",
                cur,
                expected=fmt(before + new),
                found=fmt(now),
            )
        )
    return findings


def check_years(prev: IndicatorTable, cur: IndicatorTable, prev_year: int | None) -> list[Finding]:
    return _carried(prev, cur, prev_year) + _in_force(prev, cur, prev_year) + _published_total(prev, cur, prev_year)


# ---- glued digits settled by the other year ------------------------------------------------

Row = tuple[str, ...]  # the cell ids of one printed row, in column order


def _candidates(table: IndicatorTable, row: Row) -> list[tuple[Decimal, ...]] | None:
    """Every reading of a row: its values if known, else the cuts its digits allow."""
    found = [table.published.get(i) for i in row]
    if any(f is None for f in found):
        return None
    readings = next((f.readings for f in found if f is not None and f.uncertain and f.readings), ())
    if not readings:
        values = [cell_value(table, i) for i in row]
        known = [v for v in values if v is not None]
        return [tuple(known)] if len(known) == len(values) else None
    out = []
    for reading in readings:
        parts = [p.strip() for p in reading.split("|")]
        try:
            out.append(tuple(Decimal(p.rstrip("万元")) for p in parts))
        except ArithmeticError:
            return None
    return out


def _settle(table: IndicatorTable, row: Row, survivors: list[tuple[Decimal, ...]]) -> set[str]:
    """Narrow a row to the readings that fit the other year; settle every cell they agree on."""
    settled: set[str] = set()
    readings = tuple(" | ".join(fmt(v) for v in s) for s in survivors)
    for column, ident in enumerate(row):
        found = table.published[ident]
        if not found.uncertain:
            continue
        values = {s[column] for s in survivors}
        if len(values) == 1:
            value = values.pop()
            table.published[ident] = replace(found, value=value, raw=fmt(value), uncertain=False, readings=())
            settled.add(ident)
        else:
            table.published[ident] = replace(found, readings=readings)
    return settled


def _link(
    prev: IndicatorTable, prev_row: Row, cur: IndicatorTable, cur_row: Row,
    fits: Callable[[tuple[Decimal, ...], tuple[Decimal, ...]], bool],
) -> tuple[set[str], set[str]]:
    before, now = _candidates(prev, prev_row), _candidates(cur, cur_row)
    if not before or not now or (len(before) == 1 and len(now) == 1):
        return set(), set()
    pairs = [(a, b) for a in before for b in now if fits(a, b)]
    if not pairs:
        return set(), set()  # no reading fits: the carry-over check will say so
    keep_before = list(dict.fromkeys(a for a, _ in pairs))
    keep_now = list(dict.fromkeys(b for _, b in pairs))
    return _settle(prev, prev_row, keep_before), _settle(cur, cur_row, keep_now)


def settle_years(prev: IndicatorTable, cur: IndicatorTable) -> tuple[set[str], set[str]]:
    """Cells of either report whose glued digits only one reading reconciles with the other
    year: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减, 对外公开总数量 = last year's +
    本年新公开, 现行有效 = last year's + 制发 - 废止, 上年结转 = last year's 结转下年度.
    Returns the ids settled in (prev, cur)."""
    links: list[tuple[Row, Row, Callable[[tuple[Decimal, ...], tuple[Decimal, ...]], bool]]] = []
    for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
        cells: Row = tuple(f"t2.{row}.{c}" for c in ("prev_items", "change"))
        if all(i in prev.template and i in cur.template for i in cells):
            whole = tuple(d.id for d in cur.template.indicators if d.row == f"t2.{row}")
            links.append((whole, whole, lambda a, b: a[0] + a[1] == b[0]))
    for row in ("regulations", "normative"):
        if f"t2.{row}.total_published" in cur.template and f"t2.{row}.total_published" in prev.template:
            whole = tuple(f"t2.{row}.{c}" for c in ("new_made", "new_published", "total_published"))
            links.append((whole, whole, lambda a, b: a[2] + b[1] == b[2]))
        if f"t2.{row}.in_force" in cur.template and f"t2.{row}.in_force" in prev.template:
            whole = tuple(f"t2.{row}.{c}" for c in ("issued", "repealed", "in_force"))
            links.append((whole, whole, lambda a, b: a[2] + b[0] - b[1] == b[2]))
    t3_out = tuple(f"t3.carried_out@{c}" for c, _ in T3_COLUMNS)
    t3_in = tuple(f"t3.carried_in@{c}" for c, _ in T3_COLUMNS)
    links.append((t3_out, t3_in, lambda a, b: a == b))
    settled_prev: set[str] = set()
    settled_cur: set[str] = set()
    for prev_row, cur_row, fits in links:
        a, b = _link(prev, prev_row, cur, cur_row, fits)
        settled_prev |= a
        settled_cur |= b
    return settled_prev, settled_cur
