"""Checks on single cells that every template shares: presence, headers, number form."""

from __future__ import annotations

from core.rules.base import fmt, name, table_finding
from core.rules.finding import Finding, Kind, Severity
from core.table.model import IndicatorTable


def check_cells(table: IndicatorTable) -> list[Finding]:
    findings: list[Finding] = []
    for d in table.template.indicators:
        published = table.published.get(d.id)
        ids = (d.id,)
        if d.header:
            if published is not None and published.value is not None and d.id not in table.corrections:
                message = f"标题行“{name(table, d.id)}”不应填写数值，却填了{published.raw}"
                findings.append(table_finding("header.value", Severity.ERROR, ids, message, table))
            continue
        if not table.present(d.id):
            message = f"统计表缺少“{d.label}”一行"
            findings.append(Finding("row.missing", Kind.TABLE, Severity.ERROR, ids, message))
            continue
        value = table.value(d.id)
        if d.id not in table.corrections and published is not None and published.value is None:
            if published.problem:
                message = f"“{name(table, d.id)}”的值“{published.raw}”不是数字（{published.problem}）"
                findings.append(table_finding("value.unreadable", Severity.ERROR, ids, message, table))
            else:  # the empty span of a blank cell still lets the auditor jump to it
                message = f"“{name(table, d.id)}”未填写数值（空白不等于0，请核实）"
                findings.append(table_finding("value.blank", Severity.WARNING, ids, message, table))
            continue
        if value is None:
            continue
        if value < 0 and not d.signed:
            message = f"“{name(table, d.id)}”为负数{fmt(value)}，统计数不能为负"
            findings.append(table_finding("value.negative", Severity.ERROR, ids, message, table))
        if value != value.to_integral_value() and not d.decimal:
            message = f"“{name(table, d.id)}”为{fmt(value)}，按{d.unit}计数应为整数"
            findings.append(table_finding("value.decimal", Severity.ERROR, ids, message, table))
    return findings
