"""Rule kinds shared by every template: sums, bounds, presence, headers, values.

A rule reads the table only through ``IndicatorTable.value()`` so corrections are seen
with no special case. A rule that cannot be evaluated because an operand is missing or
unreadable returns a not-assessable finding (severity info) and never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from core.rules.finding import Evidence, Finding, Kind, Severity
from core.schema.labels import short_label
from core.table.model import IndicatorTable


def fmt(value: Decimal | None) -> str:
    if value is None:
        return "（空）"
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def evidence_for(table: IndicatorTable, ids: Iterable[str]) -> tuple[Evidence, ...]:
    """The printed cells of ``ids`` (those the report has), as evidence spans."""
    found = []
    for ident in ids:
        span, raw = table.span(ident), table.raw(ident)
        if span is not None and raw is not None:
            found.append(Evidence(span=span, text=raw))
    return tuple(found)


def table_finding(
    rule: str,
    severity: Severity,
    ids: Sequence[str],
    message: str,
    table: IndicatorTable,
    **details: str,
) -> Finding:
    """A finding about table cells, with the cells themselves as evidence.

    ``details`` (expected=..., found=...) feed the inspector's "应为/实为" line."""
    return Finding(
        rule=rule,
        kind=Kind.TABLE,
        severity=severity,
        ids=tuple(ids),
        message=message,
        evidence=evidence_for(table, ids),
        details=dict(details),
    )


def name(table: IndicatorTable, ident: str) -> str:
    return short_label(table.label(ident))


def not_assessable(rule_id: str, table: IndicatorTable, ids: Sequence[str]) -> Finding:
    missing = [name(table, i) for i in ids if table.value(i) is None]
    found = table_finding(rule_id, Severity.INFO, ids, f"无法核对：{'、'.join(missing)}缺失或无法识别", table)
    return replace(found, assessable=False)


@dataclass(frozen=True, slots=True)
class SumRule:
    """A parent row must equal the sum of its child rows."""

    rule_id: str
    parent: str
    children: tuple[str, ...]
    severity: Severity = Severity.ERROR

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.parent, *self.children)

    def holds(self, values: dict[str, Decimal | None]) -> bool | None:
        parent = values.get(self.parent)
        parts = [p for c in self.children if (p := values.get(c)) is not None]
        if parent is None or len(parts) < len(self.children):
            return None
        return parent == sum(parts, Decimal(0))

    def operand(self, table: IndicatorTable, ident: str) -> Decimal | None:
        """The value the sum uses for one cell (templates differ on blanks)."""
        return table.value(ident)

    def describe(self, table: IndicatorTable, parent: Decimal, parts: list[Decimal], total: Decimal) -> str:
        if len(self.children) <= 3:
            parts_text = "与".join(name(table, c) for c in self.children) + f"合计为{fmt(total)}"
        else:
            listing = "、".join(f"{name(table, c)}{fmt(v)}" for c, v in zip(self.children, parts))
            parts_text = f"各分项合计为{fmt(total)}（{listing}）"
        return f"{name(table, self.parent)}为{fmt(parent)}，{parts_text}，相差{fmt(abs(parent - total))}"

    def check(self, table: IndicatorTable) -> list[Finding]:
        if not all(table.present(i) for i in self.ids):
            return []  # a missing row is its own finding; the sum is reported not-assessable below
        parent = self.operand(table, self.parent)
        parts = [self.operand(table, c) for c in self.children]
        if parent is None or any(p is None for p in parts):
            return [not_assessable(self.rule_id, table, self.ids)]
        known = [p for p in parts if p is not None]
        total = sum(known, Decimal(0))
        if parent == total:
            return []
        message = self.describe(table, parent, known, total)
        return [table_finding(self.rule_id, self.severity, self.ids, message, table, expected=fmt(total), found=fmt(parent))]


@dataclass(frozen=True, slots=True)
class AtMostRule:
    """``part`` can never exceed ``whole`` (an 其中 row, or closed <= received)."""

    rule_id: str
    part: str
    whole: str
    severity: Severity = Severity.ERROR
    why: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.part, self.whole)

    def holds(self, values: dict[str, Decimal | None]) -> bool | None:
        part, whole = values.get(self.part), values.get(self.whole)
        if part is None or whole is None:
            return None
        return part <= whole

    def check(self, table: IndicatorTable) -> list[Finding]:
        if not all(table.present(i) for i in self.ids):
            return []
        part, whole = table.value(self.part), table.value(self.whole)
        if part is None or whole is None:
            return [not_assessable(self.rule_id, table, self.ids)]
        if part <= whole:
            return []
        message = f"{name(table, self.part)}为{fmt(part)}，大于{name(table, self.whole)}{fmt(whole)}"
        if self.why:
            message += f"（{self.why}）"
        return [
            table_finding(self.rule_id, self.severity, self.ids, message, table, expected=f"≤{fmt(whole)}", found=fmt(part))
        ]
