"""Checks on single cells that every form shares: presence, headers, number form.

Blank cells are not reported here: ``core.rules.exact`` reports them once per table,
together with the checks they block.
"""

from __future__ import annotations

from core.rules.base import fmt, name, table_finding
from core.rules.finding import Finding, Kind, Severity
from core.schema.labels import short_label
from core.table.model import IndicatorTable


def _missing_rows(table: IndicatorTable, missing: list[str]) -> list[Finding]:
    """One finding per absent row (a matrix row's cells are one row, not seven)."""
    by_row: dict[str, list[str]] = {}
    for ident in missing:
        d = table.template.get(ident)
        by_row.setdefault(d.row or ident, []).append(ident)
    findings = []
    for row, ids in by_row.items():
        d = table.template.get(ids[0])
        label = d.label if d.row is None else next(
            (short_label(lab) for m in table.template.matrices for r, lab in m.rows if r == row), d.label
        )
        findings.append(Finding("row.missing", Kind.TABLE, Severity.ERROR, tuple(ids), f"统计表缺少“{label}”一行"))
    return findings


def check_cells(table: IndicatorTable) -> list[Finding]:
    findings: list[Finding] = []
    missing: list[str] = []
    for d in table.template.indicators:
        published = table.published.get(d.id)
        ids = (d.id,)
        if d.header:
            if published is not None and published.value is not None and d.id not in table.corrections:
                message = f"标题行“{name(table, d.id)}”不应填写数值，却填了{published.raw}"
                findings.append(table_finding("header.value", Severity.ERROR, ids, message, table))
            continue
        if not table.present(d.id):
            missing.append(d.id)
            continue
        value = table.value(d.id)
        if d.id not in table.corrections and published is not None and published.value is None:
            if published.problem:
                message = f"“{name(table, d.id)}”的值“{published.raw}”不是数字（{published.problem}）"
                findings.append(table_finding("value.unreadable", Severity.ERROR, ids, message, table))
            continue
        if value is None:
            continue
        if value < 0 and not d.signed:
            message = f"“{name(table, d.id)}”为负数{fmt(value)}，统计数不能为负"
            findings.append(table_finding("value.negative", Severity.ERROR, ids, message, table))
        if value != value.to_integral_value() and not d.decimal:
            message = f"“{name(table, d.id)}”为{fmt(value)}，按{d.unit}计数应为整数"
            findings.append(table_finding("value.decimal", Severity.ERROR, ids, message, table))
    return _missing_rows(table, missing) + findings
