"""Carry-over checks between two consecutive reports on the 2019/2021 national forms.

- ``cross_year.carried`` (error): 上年结转 of year Y equals 结转下年度 of year Y-1, per column
- ``cross_year.in_force`` (error): 现行有效件数(Y) = 现行有效件数(Y-1) + 本年制发(Y) - 本年废止(Y)
  (both reports in the 2021 format: the 2019 form has no 现行有效 column)

Findings belong to the later report; values are read through ``IndicatorTable.value`` so
corrections in either report count.
"""

from __future__ import annotations

from decimal import Decimal

from core.forms.matrix.rules import blank_as_zero
from core.forms.matrix.schema import COLUMN_NAMES, T3_COLUMNS
from core.rules.base import fmt, table_finding
from core.rules.finding import Finding, Severity
from core.table.model import IndicatorTable

_DOC_ROWS = (("regulations", "规章"), ("normative", "行政规范性文件"))


def _value(table: IndicatorTable, ident: str) -> Decimal | None:
    return blank_as_zero(table, ident) if ident in table.template else None


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



def check_years(prev: IndicatorTable, cur: IndicatorTable, prev_year: int | None) -> list[Finding]:
    return _carried(prev, cur, prev_year) + _in_force(prev, cur, prev_year)
