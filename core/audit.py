"""One report in, one audit out: read, extract, find claims, run the rules.

``audit_file`` never raises for bad input: an unreadable report comes back with
``error`` set to a Chinese one-line reason, so a folder run goes on past it. ``evaluate``
is what the CLI, the window (after each correction) and the tests all call, so a
correction re-runs exactly the rules a fresh audit would.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from core.cross_year import check_pair, pair_reports
from core.document import read_document
from core.document.model import Document
from core.errors import ReportError
from core.forms import ReportForm, extract_table, get_form
from core.metadata import read_metadata
from core.narrative import find_claims
from core.narrative.model import Claim
from core.result import AuditResult
from core.rules import Finding, Severity, Suggestion, no_table_finding, reader_note_finding, sort_findings
from core.rules.base import SumRule
from core.rules.narrative import check_claims
from core.rules.suggest import suggest_fix
from core.rules.values import check_cells
from core.table.model import IndicatorTable

__all__ = ["AuditResult", "audit_document", "audit_file", "current_findings", "evaluate", "link_years"]


def _with_suggestions(findings: list[Finding], form: ReportForm, table: IndicatorTable) -> list[Finding]:
    by_id = {r.rule_id: r for r in form.exact_rules if isinstance(r, SumRule)}
    out = []
    for f in findings:
        rule = by_id.get(f.rule)
        if rule is not None and f.assessable and f.severity is not Severity.INFO:
            fix: Suggestion | None = suggest_fix(rule, form.exact_rules, table)
            if fix is not None:
                f = replace(f, suggestion=fix)
        out.append(f)
    return out


def evaluate(table: IndicatorTable | None, claims: Sequence[Claim] = ()) -> list[Finding]:
    """Every finding for ``table`` as it stands now (corrections included) and ``claims``."""
    if table is None:
        return [no_table_finding()]
    form = get_form(table.template.id)
    findings = check_cells(table) + form.check(table)
    findings = _with_suggestions(findings, form, table)
    findings += check_claims(list(claims), table)
    return sort_findings(findings)


def audit_document(doc: Document, path: str | None = None) -> AuditResult:
    extraction = extract_table(doc)
    form = get_form(extraction.template.id) if extraction.template is not None else None
    table = IndicatorTable(extraction.template, extraction.values, extraction.meta) if extraction.template else None
    claims = find_claims(doc, extraction, form.patterns if form else None)  # with no table every figure is left for the eye
    agency, year = read_metadata(doc.text)
    return AuditResult(
        path=path or doc.source,
        document=doc,
        extraction=extraction,
        table=table,
        claims=claims,
        findings=sort_findings(evaluate(table, claims) + reader_note_finding(doc.notes)),
        agency=agency,
        year=year,
    )


def current_findings(result: AuditResult) -> list[Finding]:
    """The findings of ``result`` as its table stands now (corrections included)."""
    findings = evaluate(result.table, result.claims)
    if result.document is not None and result.document.notes:
        findings = sort_findings(findings + reader_note_finding(result.document.notes))
    if result.previous is not None and result.table is not None:
        findings = sort_findings(findings + check_pair(result.previous, result))
    return findings


def link_years(results: list[AuditResult]) -> int:
    """Pair each report with the same agency's report of the previous year, if present,
    and add the cross-year findings. Returns how many reports were paired."""
    pairs = pair_reports(results)
    for prev, cur in pairs:
        cur.previous = prev
        cur.findings = current_findings(cur)
    return len(pairs)


def audit_file(path: str | os.PathLike[str]) -> AuditResult:
    shown = os.fspath(path)
    try:
        doc = read_document(path)
        return audit_document(doc, shown)
    except ReportError as err:
        return AuditResult(path=shown, error=str(err))
