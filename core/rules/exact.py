"""From the outcomes of every exact rule to findings: one cause, one finding.

A wrong or blank cell breaks every check it takes part in (its row, its column, the
form's note). Reporting each broken check would bury the auditor, so the outcomes are
read together and each finding names a *cause* and lists its consequences:

1. **An unfilled total**: a total printed blank while its parts are not all zero. Totals
   of one column (or row) left unfilled are one finding ("总计列…均未填写").
2. **Blank cells**: the remaining blank cells of a table are one warning; the checks
   they block are its consequences. With "空白按0处理" on they read as 0 and the warning
   becomes a note.
3. **One wrong value**: a single cell whose change to one value makes every check it
   is in hold explains every failing check that contains it; they are one finding with
   that value as the suggestion. When several cells would do equally well, the failing
   checks are still one finding, and no value is suggested.
4. **One slip seen in several places**: checks of one family that fail by the same
   amount along one row or column (a total row that undercounts in two columns).
5. Whatever is left is reported check by check.

Findings keep the id of their first rule, so an auditor's dispositions stay attached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from core.rules.base import ExactRule, Operands, Outcome, SumRule, evidence_for, fmt, name, read_operands, table_finding
from core.rules.finding import Finding, Kind, Severity, Suggestion
from core.schema.labels import short_label
from core.schema.model import Matrix, Template
from core.table.model import IndicatorTable

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
_MAX_LISTED = 12  # cells named one by one in a message; the rest are counted


# ---- where a cell sits ---------------------------------------------------------------


def matrix_of(template: Template, ident: str) -> Matrix | None:
    d = template.get(ident)
    for matrix in template.matrices:
        if d.row is not None and any(row == d.row for row, _ in matrix.rows):
            return matrix
    return None


def table_name(template: Template, ident: str) -> str:
    matrix = matrix_of(template, ident)
    if matrix is None:
        return "统计表"
    return _TABLE_NAMES.get(matrix.id.split(".")[0], matrix.title)


def _column_label(matrix: Matrix | None, column: str | None) -> str:
    if matrix is None or column is None:
        return ""
    return dict(matrix.columns).get(column, column)


def _listing(items: Sequence[str]) -> str:
    shown = "、".join(items[:_MAX_LISTED])
    return shown + (f"等{len(items)}处" if len(items) > _MAX_LISTED else "")


# ---- 1. unfilled totals ----------------------------------------------------------------


@dataclass
class _Unfilled:
    """Totals left blank in one column whose parts are printed: one finding for all of them."""

    parents: list[str] = field(default_factory=list)
    expected: dict[str, Decimal] = field(default_factory=dict)


def _printed_parts(table: IndicatorTable, rule: SumRule) -> Decimal | None:
    """The sum of a total's parts as printed (blanks left out), or None if a part is unreadable."""
    total = Decimal(0)
    for child in rule.children:
        value = table.value(child)
        if value is not None:
            total += value
        elif not table.is_blank(child):
            return None
    return total


def _unfilled_totals(table: IndicatorTable, outcomes: Sequence[Outcome]) -> dict[tuple[str, str], _Unfilled]:
    groups: dict[tuple[str, str], _Unfilled] = {}
    for outcome in outcomes:
        rule = outcome.rule
        if not isinstance(rule, SumRule) or not table.is_blank(rule.parent):
            continue
        parts = _printed_parts(table, rule)
        if not parts:  # all parts blank or zero: a blank total there is only a blank cell
            continue
        d = table.template.get(rule.parent)
        matrix = matrix_of(table.template, rule.parent)
        key = (matrix.id if matrix else "", d.column or rule.parent)
        group = groups.setdefault(key, _Unfilled())
        if rule.parent not in group.expected:
            group.parents.append(rule.parent)
            group.expected[rule.parent] = parts
    return groups


def _unfilled_finding(table: IndicatorTable, key: tuple[str, str], group: _Unfilled, consequences: list[str]) -> Finding:
    first = group.parents[0]
    if len(group.parents) == 1:
        message = f"“{name(table, first)}”未填写（空白），而各分项合计为{fmt(group.expected[first])}"
    else:
        matrix = matrix_of(table.template, first)
        column = _column_label(matrix, table.template.get(first).column)
        rows = [f"{_row_name(table, p)}（应为{fmt(group.expected[p])}）" for p in group.parents]
        where = f"{table_name(table.template, first)}“{column}”列" if column else table_name(table.template, first)
        message = f"{where}以下{len(rows)}行未填写（空白），而各行分项合计不为0：{_listing(rows)}"
    if consequences:
        message += f"。因此{len(consequences)}项核对无法进行或不成立"
    return table_finding(
        "blank.total", Severity.ERROR, group.parents, message, table,
        expected=fmt(group.expected[first]), found="（空白）", consequences="；".join(consequences),
    )


def _row_name(table: IndicatorTable, ident: str) -> str:
    d = table.template.get(ident)
    matrix = matrix_of(table.template, ident)
    if matrix is not None and d.row is not None:
        return short_label(dict(matrix.rows).get(d.row, d.row))
    return name(table, ident)


# ---- 2. blank cells ---------------------------------------------------------------------


def blank_cells(table: IndicatorTable) -> list[str]:
    return [d.id for d in table.template.indicators if not d.header and table.is_blank(d.id)]


SCANNED_BLANK = "本报告为扫描件，空白也可能是文字识别漏读的数字，请对照原件核实"


def _blank_finding(table: IndicatorTable, blanks: list[str], blocked: dict[str, list[str]]) -> Finding:
    """Every blank cell of the report in one finding: leaving cells blank is one habit."""
    by_table: dict[str, list[str]] = {}
    for ident in blanks:
        by_table.setdefault(table_name(table.template, ident), []).append(ident)
    parts = [f"{where}{len(cells)}个（{_listing([name(table, i) for i in cells])}）" for where, cells in by_table.items()]
    scan = f"。{SCANNED_BLANK}" if table.scanned else ""
    if table.blank_as_zero:
        message = f"已按“空白按0处理”核对：{len(blanks)}个空白单元格按0计：" + "；".join(parts) + scan
        return table_finding("blank.cells", Severity.INFO, blanks, message, table)
    stopped = sorted({c for i in blanks for c in blocked.get(i, [])})
    message = f"统计表有{len(blanks)}个单元格空白（未填写），空白不等于0：" + "；".join(parts)
    if stopped:
        message += f"。{len(stopped)}项核对因此无法进行；如该机关以空白表示0，可选择“空白按0处理”后重新核对"
    message += scan
    return table_finding("blank.cells", Severity.WARNING, blanks, message, table, consequences="；".join(stopped))


# ---- 3./4. wrong values -------------------------------------------------------------------


def _values(table: IndicatorTable, rules: Sequence[ExactRule]) -> dict[str, Decimal | None]:
    ids = {i for r in rules for i in r.ids}
    ops: Operands = read_operands(table, ids)
    out: dict[str, Decimal | None] = dict.fromkeys(ids)
    out.update(ops.values)
    return out


def _explains(
    table: IndicatorTable, rules: Sequence[ExactRule], values: dict[str, Decimal | None], ident: str, value: Decimal
) -> bool:
    d = table.template.get(ident)
    if value < 0 and not d.signed:
        return False
    trial = dict(values)
    trial[ident] = value
    return all(r.holds(trial) is not False for r in rules if ident in r.ids)


def _roots(
    table: IndicatorTable, rules: Sequence[ExactRule], failing: list[Outcome]
) -> tuple[list[tuple[list[Outcome], list[tuple[str, Decimal]]]], list[Outcome]]:
    """Groups of failing outcomes explained by single cells (with the candidate fixes),
    and the outcomes no single cell explains."""
    values = _values(table, rules)
    explains: dict[tuple[str, Decimal], frozenset[int]] = {}
    for outcome in failing:
        for ident, value in outcome.rule.fixes(outcome):
            key = (ident, value)
            if key in explains or not _explains(table, rules, values, ident, value):
                continue
            explains[key] = frozenset(j for j, o in enumerate(failing) if ident in o.rule.ids)
    left = set(range(len(failing)))
    groups: list[tuple[list[Outcome], list[tuple[str, Decimal]]]] = []
    while True:
        live = {k: s & left for k, s in explains.items() if s & left}
        if not live:
            break
        best = max(len(s) for s in live.values())
        # the largest set of failures one value explains; every value explaining exactly it
        target = next(s for s in live.values() if len(s) == best)
        fixes = [k for k, s in live.items() if s == target]
        groups.append(([failing[j] for j in sorted(target)], fixes))
        left -= target
    return groups, [failing[j] for j in sorted(left)]


def _family(rule_id: str) -> str:
    return rule_id.rsplit(".", 1)[0] if "@" not in rule_id else rule_id.split("@", 1)[0]


def _patterns(table: IndicatorTable, outcomes: list[Outcome]) -> list[list[Outcome]]:
    """Failures of one family off by the same amount along one row or column."""
    groups: dict[tuple[str, str, Decimal], list[Outcome]] = {}
    single: list[list[Outcome]] = []
    for outcome in outcomes:
        rule = outcome.rule
        if not isinstance(rule, SumRule):
            single.append([outcome])
            continue
        d = table.template.get(rule.parent)
        line = d.row or d.column
        if line is None:
            single.append([outcome])
            continue
        groups.setdefault((_family(rule.rule_id), line, outcome.gap), []).append(outcome)
    return list(groups.values()) + single


def _finding_for(table: IndicatorTable, group: list[Outcome], fixes: list[tuple[str, Decimal]]) -> Finding:
    first = group[0]
    messages = [o.rule.message(table, o) for o in group]
    severity = Severity.ERROR if any(o.rule.severity is Severity.ERROR for o in group) else group[0].rule.severity
    suggestion = Suggestion(*fixes[0]) if len(fixes) == 1 else None
    ids: list[str] = []
    if suggestion is not None:
        ids.append(suggestion.id)
    for outcome in group:
        ids += [i for i in outcome.rule.ids if i not in ids]
    if len(group) == 1:
        message = messages[0]
    elif suggestion is not None:
        current = table.value(suggestion.id)
        message = (
            f"“{name(table, suggestion.id)}”为{fmt(current)}，与它所在的{len(group)}项核对都不符：{'；'.join(messages)}。"
            f"按这些核对，它应为{fmt(suggestion.value)}"
        )
    elif fixes:
        cells = "、".join(f"“{name(table, i)}”" for i, _ in fixes)
        message = f"{'；'.join(messages)}（{len(group)}项核对不成立，{cells}中有一处填错即可造成，无法确定是哪一处）"
    else:
        message = f"{'；'.join(messages)}（{len(group)}项核对不成立，相差均为{fmt(abs(first.gap))}，应是同一处漏计或多计）"
    if suggestion is not None:
        expected, found = fmt(suggestion.value), fmt(table.value(suggestion.id))
    else:
        expected, found = first.expected, first.found
    return Finding(
        rule=first.rule.rule_id,
        kind=Kind.TABLE,
        severity=severity,
        ids=tuple(ids),
        message=message,
        evidence=evidence_for(table, ids),
        suggestion=suggestion,
        details={"expected": expected, "found": found, "consequences": "；".join(messages) if len(group) > 1 else ""},
    )


# ---- entry point -----------------------------------------------------------------------


def check_exact(table: IndicatorTable, rules: Sequence[ExactRule]) -> list[Finding]:
    """Every exact rule of the form, read together: one finding per cause."""
    outcomes = [r.outcome(table) for r in rules if all(table.present(i) for i in r.ids)]
    findings: list[Finding] = []

    unfilled = _unfilled_totals(table, outcomes)
    absorbed: set[int] = set()
    unfilled_cells = {p for g in unfilled.values() for p in g.parents}
    for key, unfilled_group in unfilled.items():
        members = set(unfilled_group.parents)
        touched = [i for i, o in enumerate(outcomes) if o.holds is not True and members & set(o.rule.ids)]
        absorbed.update(touched)
        consequences = [outcomes[i].rule.message(table, outcomes[i]) if outcomes[i].holds is False
                        else f"{outcomes[i].rule.rule_id}（无法核对）" for i in touched]
        findings.append(_unfilled_finding(table, key, unfilled_group, consequences))

    blocked_by: dict[str, list[str]] = {}
    for i, outcome in enumerate(outcomes):
        if outcome.holds is None and i not in absorbed:
            for ident in outcome.operands.blank:
                blocked_by.setdefault(ident, []).append(outcome.rule.rule_id)
    blanks = [b for b in blank_cells(table) if b not in unfilled_cells]
    if blanks:
        findings.append(_blank_finding(table, blanks, blocked_by))

    failing = [o for i, o in enumerate(outcomes) if o.holds is False and i not in absorbed]
    root_groups, rest = _roots(table, rules, failing)
    for group, fixes in root_groups:
        findings.append(_finding_for(table, group, fixes))
    for group in _patterns(table, rest):
        findings.append(_finding_for(table, group, []))
    return findings
