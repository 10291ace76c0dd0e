"""Checks on single cells that every template shares: presence, headers, number form."""

from __future__ import annotations

from decimal import Decimal

from core.rules.base import evidence_for, fmt, name
from core.rules.finding import Finding, Kind, Severity
from core.table.model import IndicatorTable


def check_cells(table: IndicatorTable, *, blank_is_finding: bool = True) -> list[Finding]:
    findings: list[Finding] = []
    for d in table.template.indicators:
        published = table.published.get(d.id)
        if d.header:
            if published is not None and published.value is not None and d.id not in table.corrections:
                findings.append(
                    Finding(
                        rule="header.value",
                        kind=Kind.TABLE,
                        severity=Severity.ERROR,
                        ids=(d.id,),
                        message=f"标题行“{name(table, d.id)}”不应填写数值，却填了{published.raw}",
                        evidence=evidence_for(table, (d.id,)),
                    )
                )
            continue
        if not table.present(d.id):
            findings.append(
                Finding(
                    rule="row.missing",
                    kind=Kind.TABLE,
                    severity=Severity.ERROR,
                    ids=(d.id,),
                    message=f"统计表缺少“{d.label}”一行",
                )
            )
            continue
        corrected = d.id in table.corrections
        value = table.value(d.id)
        if not corrected and published is not None and published.value is None:
            if published.problem:
                findings.append(
                    Finding(
                        rule="value.unreadable",
                        kind=Kind.TABLE,
                        severity=Severity.ERROR,
                        ids=(d.id,),
                        message=f"“{name(table, d.id)}”的值“{published.raw}”不是数字（{published.problem}）",
                        evidence=evidence_for(table, (d.id,)),
                    )
                )
            elif blank_is_finding:
                findings.append(
                    Finding(
                        rule="value.blank",
                        kind=Kind.TABLE,
                        severity=Severity.WARNING,
                        ids=(d.id,),
                        message=f"“{name(table, d.id)}”未填写数值（空白不等于0，请核实）",
                    )
                )
            continue
        if value is None:
            continue
        if value < 0 and not d.signed:
            findings.append(
                Finding(
                    rule="value.negative",
                    kind=Kind.TABLE,
                    severity=Severity.ERROR,
                    ids=(d.id,),
                    message=f"“{name(table, d.id)}”为负数{fmt(value)}，统计数不能为负",
                    evidence=evidence_for(table, (d.id,)),
                )
            )
        if value != value.to_integral_value() and not d.decimal:
            findings.append(
                Finding(
                    rule="value.decimal",
                    kind=Kind.TABLE,
                    severity=Severity.ERROR,
                    ids=(d.id,),
                    message=f"“{name(table, d.id)}”为{fmt(value)}，按{d.unit}计数应为整数",
                    evidence=evidence_for(table, (d.id,)),
                )
            )
    return findings


def zero_or_none(value: Decimal | None) -> bool:
    return value is None or value == 0
