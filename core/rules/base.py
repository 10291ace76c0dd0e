"""Rule kinds shared by every form: sums, bounds, the form's balance note.

A rule reads the table only through ``IndicatorTable`` (``read_operands``), so
corrections are seen with no special case. A printed blank cell is neither 0 nor
missing: a rule that needs it is *blocked* unless the auditor chose "空白按0处理". Rules
only say whether they hold (an ``Outcome``); ``core.rules.exact`` turns the outcomes of
all rules together into findings, one per cause.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

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


@dataclass(frozen=True, slots=True)
class Operands:
    """The values a rule works with: known numbers, printed blanks, absent or unreadable cells."""

    values: dict[str, Decimal]  # a blank is here as 0 when the auditor chose "空白按0处理"
    blank: tuple[str, ...] = ()  # printed blank and not read as 0
    missing: tuple[str, ...] = ()  # a row the report lacks, or a cell that is not a number

    @property
    def complete(self) -> bool:
        return not self.blank and not self.missing


def read_operands(table: IndicatorTable, ids: Iterable[str]) -> Operands:
    values: dict[str, Decimal] = {}
    blank: list[str] = []
    missing: list[str] = []
    for ident in ids:
        value = table.value(ident)
        if value is not None:
            values[ident] = value
        elif table.is_blank(ident):
            if table.blank_as_zero:
                values[ident] = Decimal(0)
            else:
                blank.append(ident)
        else:
            missing.append(ident)
    return Operands(values, tuple(blank), tuple(missing))


class ExactRule(Protocol):
    """A rule that pins values down: a sum, the form's balance note, a bound."""

    @property
    def rule_id(self) -> str: ...

    @property
    def ids(self) -> tuple[str, ...]: ...

    @property
    def severity(self) -> Severity: ...

    def holds(self, values: dict[str, Decimal | None]) -> bool | None: ...

    def outcome(self, table: IndicatorTable) -> Outcome: ...

    def message(self, table: IndicatorTable, outcome: Outcome) -> str: ...

    def fixes(self, outcome: Outcome) -> list[tuple[str, Decimal]]:
        """The single-cell changes that would make this failing rule hold."""
        ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one exact rule came out on a table: held, failed by how much, or blocked by a blank."""

    rule: ExactRule
    operands: Operands
    holds: bool | None  # None: blocked by a blank or missing operand
    gap: Decimal = Decimal(0)  # how far from holding: parent - parts, left - right, part - whole
    expected: str = ""  # what the first cell should be, as the inspector shows it
    found: str = ""


def _sum(values: dict[str, Decimal], ids: Iterable[str]) -> Decimal:
    return sum((values[i] for i in ids), Decimal(0))


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

    def outcome(self, table: IndicatorTable) -> Outcome:
        ops = read_operands(table, self.ids)
        if not ops.complete:
            return Outcome(self, ops, None)
        total = _sum(ops.values, self.children)
        parent = ops.values[self.parent]
        return Outcome(self, ops, parent == total, parent - total, fmt(total), fmt(parent))

    def parts_total(self, outcome: Outcome) -> Decimal:
        return _sum(outcome.operands.values, self.children)

    def message(self, table: IndicatorTable, outcome: Outcome) -> str:
        values = outcome.operands.values
        parent, total = values[self.parent], self.parts_total(outcome)
        if len(self.children) <= 3:
            parts_text = "与".join(name(table, c) for c in self.children) + f"合计为{fmt(total)}"
        else:
            listing = "、".join(f"{name(table, c)}{fmt(values[c])}" for c in self.children)
            parts_text = f"各分项合计为{fmt(total)}（{listing}）"
        return f"{name(table, self.parent)}为{fmt(parent)}，{parts_text}，相差{fmt(abs(parent - total))}"

    def fixes(self, outcome: Outcome) -> list[tuple[str, Decimal]]:
        values = outcome.operands.values
        out = [(self.parent, self.parts_total(outcome))]
        out += [(c, values[c] + outcome.gap) for c in self.children]
        return out


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

    def outcome(self, table: IndicatorTable) -> Outcome:
        ops = read_operands(table, self.ids)
        if not ops.complete:
            return Outcome(self, ops, None)
        part, whole = ops.values[self.part], ops.values[self.whole]
        return Outcome(self, ops, part <= whole, part - whole, f"≤{fmt(whole)}", fmt(part))

    def message(self, table: IndicatorTable, outcome: Outcome) -> str:
        values = outcome.operands.values
        text = f"{name(table, self.part)}为{fmt(values[self.part])}，大于{name(table, self.whole)}{fmt(values[self.whole])}"
        return text + (f"（{self.why}）" if self.why else "")

    def fixes(self, outcome: Outcome) -> list[tuple[str, Decimal]]:
        return []  # a bound says a value is too large, not what it should be
