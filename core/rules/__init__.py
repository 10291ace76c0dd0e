"""Every check the audit runs, chosen by the detected template.

``evaluate`` is the one entry point: the CLI, the GUI (after each correction) and the
tests all call it, so a correction re-runs exactly the rules a fresh audit would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.narrative.model import Claim
from core.record import replace
from core.rules.base import SumRule
from core.rules.finding import Evidence, Finding, Kind, Severity, Suggestion
from core.rules.suggest import ExactRule, suggest_fix
from core.rules.values import check_cells
from core.table.model import IndicatorTable

TableRules = Callable[[IndicatorTable], list[Finding]]


class RuleSet:
    """The table rules of one template and the exact rules used to suggest fixes."""

    def __init__(self, check: TableRules, exact: Sequence[ExactRule]) -> None:
        self.check = check
        self.exact = tuple(exact)


def _rule_sets(template_id: str) -> dict[str, RuleSet]:
    """The rule sets of the module that owns ``template_id``: a 2008 report never loads
    the 2019/2021 rules (nor the new-template extractor they import), which keeps the
    window's start-up short."""
    if template_id == "2008":
        from core.rules import old_template

        return {"2008": RuleSet(old_template.check_2008, (*old_template.SUMS, *old_template.BOUNDS))}
    try:  # the 2019/2021 rules register themselves in their own module
        from core.rules.new_template import RULE_SETS
    except ImportError:
        return {}
    return dict(RULE_SETS)


_RULE_SETS: dict[str, RuleSet] = {}


def rule_set(template_id: str) -> RuleSet:
    if template_id not in _RULE_SETS:
        _RULE_SETS.update(_rule_sets(template_id))
    return _RULE_SETS[template_id]


def _with_suggestions(findings: list[Finding], rules: RuleSet, table: IndicatorTable) -> list[Finding]:
    by_id = {r.rule_id: r for r in rules.exact if isinstance(r, SumRule)}
    out = []
    for f in findings:
        rule = by_id.get(f.rule)
        if rule is not None and f.assessable and f.severity is not Severity.INFO:
            fix: Suggestion | None = suggest_fix(rule, rules.exact, table)
            if fix is not None:
                f = replace(f, suggestion=fix)
        out.append(f)
    return out


def no_table_finding() -> Finding:
    return Finding(
        rule="document.no_table",
        kind=Kind.DOCUMENT,
        severity=Severity.ERROR,
        ids=(),
        message="未找到政府信息公开情况统计表，无法核对统计数据",
    )


def evaluate(table: IndicatorTable | None, claims: Sequence[Claim] = ()) -> list[Finding]:
    if table is None:
        return [no_table_finding()]
    rules = rule_set(table.template.id)
    findings = check_cells(table) + rules.check(table)
    findings = _with_suggestions(findings, rules, table)
    try:
        from core.rules.narrative import check_claims
    except ImportError:  # narrative rules land in their own module
        pass
    else:
        findings += check_claims(list(claims), table)
    return sort_findings(findings)


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Worst first, then in reading order of their first evidence."""

    def key(f: Finding) -> tuple[int, int, str]:
        first = min((e.span[0] for e in f.evidence), default=10**9)
        return (_SEVERITY_ORDER[f.severity], first, f.rule)

    return sorted(findings, key=key)


__all__ = ["Evidence", "Finding", "Kind", "Severity", "Suggestion", "evaluate", "rule_set", "sort_findings"]
