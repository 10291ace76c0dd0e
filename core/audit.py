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
from core.document.model import Document, Progress
from core.errors import ReportError
from core.forms import extract_table, get_form
from core.forms.unknown import unknown_form
from core.metadata import read_metadata
from core.narrative import find_claims
from core.narrative.claims import narrative_ranges
from core.narrative.model import Claim
from core.result import AuditResult
from core.rules import Finding, no_table_finding, reader_note_finding, sort_findings
from core.rules.base import ExactRule
from core.rules.exact import check_exact
from core.rules.narrative import check_claims
from core.rules.ocr import check_doubtful, doubtful_cells, read_wholly_by_ocr
from core.rules.text import check_text
from core.rules.values import check_cells
from core.table.model import IndicatorTable

__all__ = ["AuditResult", "audit_document", "audit_file", "current_findings", "evaluate", "link_years", "settle_pair"]


def evaluate(table: IndicatorTable | None, claims: Sequence[Claim] = ()) -> list[Finding]:
    """Every finding for ``table`` as it stands now (corrections included) and ``claims``."""
    if table is None:
        return [no_table_finding()]
    form = get_form(table.template.id)
    exact = check_exact(table, form.exact_rules)
    narrative = check_claims(list(claims), table, form.exact_rules)
    exact, narrative = _fold_narrative(table, claims, form.exact_rules, exact, narrative)
    doubtful = check_doubtful(table)  # a scan: numbers OCR was unsure of
    return sort_findings(check_cells(table) + exact + form.check(table) + doubtful + narrative)


def _fold_narrative(
    table: IndicatorTable, claims: Sequence[Claim], rules: Sequence[ExactRule], exact: list[Finding], narrative: list[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """A wrong cell the prose gets right is one defect: when the value the table's own sums
    call for also settles what the prose says, the prose's finding joins the table's."""
    if not narrative:
        return exact, narrative
    out: list[Finding] = []
    for finding in exact:
        fix = finding.suggestion
        if fix is None or not any(fix.id in f.ids for f in narrative):
            out.append(finding)
            continue
        had = fix.id in table.corrections
        old = table.corrections.get(fix.id)
        table.corrections[fix.id] = fix.value
        try:
            after = {f.key for f in check_claims(list(claims), table, rules)}
        finally:
            if had:
                table.corrections[fix.id] = old
            else:
                del table.corrections[fix.id]
        settled = [f for f in narrative if fix.id in f.ids and f.key not in after]
        if settled:
            said = "；".join(f.message.split("，统计表")[0].removeprefix("正文称") for f in settled)
            finding = replace(
                finding,
                message=f"{finding.message}。正文称{said}，与此相符",
                evidence=(*finding.evidence, *(e for f in settled for e in f.evidence)),
            )
            narrative = [f for f in narrative if f not in settled]
        out.append(finding)
    return out, narrative


def audit_document(doc: Document, path: str | None = None) -> AuditResult:
    extraction = extract_table(doc)
    form = get_form(extraction.template.id) if extraction.template is not None else None
    doubtful = doubtful_cells(doc, extraction.values) if doc.scanned_pages and extraction.template else {}
    table = (
        IndicatorTable(extraction.template, extraction.values, extraction.meta, doubtful, read_wholly_by_ocr(doc))
        if extraction.template
        else None
    )
    claims = find_claims(doc, extraction, form.patterns if form else None)  # with no table every figure is left for the eye
    agency, year = read_metadata(doc.text, doc.title)
    figures = sorted((c.figure for c in claims if c.kind != "zero"), key=lambda f: f.span)
    text_findings = check_text(doc.text, narrative_ranges(doc, extraction), year, figures)
    if table is None and (unknown := unknown_form(doc.text)) is not None:
        text_findings.append(unknown)
    text_findings += reader_note_finding(doc.notes)
    result = AuditResult(
        path=path or doc.source,
        document=doc,
        extraction=extraction,
        table=table,
        claims=claims,
        agency=agency,
        year=year,
        text_findings=text_findings,
    )
    result.findings = current_findings(result)
    return result


def current_findings(result: AuditResult) -> list[Finding]:
    """The findings of ``result`` as its table stands now (corrections included)."""
    if result.table is None and any(f.rule == "document.unknown_form" for f in result.text_findings):
        findings = []  # the unknown form is said instead of "no table"
    else:
        findings = evaluate(result.table, result.claims)
    findings += result.text_findings
    if result.previous is not None and result.table is not None:
        findings += check_pair(result.previous, result)
    return sort_findings(findings)


def settle_pair(prev: AuditResult, cur: AuditResult) -> tuple[set[str], set[str]]:
    """Let two consecutive reports of one form settle each other's glued digits (ids settled in each)."""
    if prev.table is None or cur.table is None:
        return set(), set()
    before, now = get_form(prev.table.template.id), get_form(cur.table.template.id)
    if now.settle_years is None or before.family != now.family:
        return set(), set()
    return now.settle_years(prev.table, cur.table)


def link_years(results: list[AuditResult]) -> int:
    """Pair each report with the same agency's report of the previous year, if present,
    and add the cross-year findings. Returns how many reports were paired."""
    pairs = pair_reports(results)
    for prev, cur in pairs:
        settle_pair(prev, cur)
        cur.previous = prev
    for result in {id(r): r for pair in pairs for r in pair}.values():
        result.findings = current_findings(result)
    return len(pairs)


def audit_file(path: str | os.PathLike[str], progress: Progress | None = None) -> AuditResult:
    """``progress(done, total) -> bool``: OCR pages of a scanned PDF (``read_document``);
    returning False ends the reading: the result's ``error`` is "已取消文字识别"."""
    shown = os.fspath(path)
    try:
        doc = read_document(path, progress)
        return audit_document(doc, shown)
    except ReportError as err:
        return AuditResult(path=shown, error=str(err))
