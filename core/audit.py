"""One report in, one audit out: read, extract, find claims, run the rules.

``audit_file`` never raises for bad input: an unreadable report comes back with
``error`` set to a Chinese one-line reason, so a folder run goes on past it.
"""

from __future__ import annotations

import os

from core.document.model import Document
from core.errors import ReportError
from core.metadata import read_metadata
from core.narrative.model import Claim
from core.record import field, record
from core.rules import evaluate
from core.rules.finding import Finding
from core.table.model import Extraction, IndicatorTable


@record
class AuditResult:
    path: str  # as given by the caller (JSON "file")
    document: Document | None = None
    extraction: Extraction | None = None
    table: IndicatorTable | None = None
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    agency: str | None = None
    year: int | None = None
    error: str | None = None
    previous: AuditResult | None = None  # the same agency's report of the year before, when open

    @property
    def template_id(self) -> str | None:
        return self.table.template.id if self.table is not None else None

    @property
    def ok(self) -> bool:
        return self.error is None


def audit_document(doc: Document, path: str | None = None) -> AuditResult:
    from core.narrative import find_claims
    from core.table import extract_table

    extraction = extract_table(doc)
    table = IndicatorTable(extraction.template, extraction.values, extraction.meta) if extraction.template else None
    claims = find_claims(doc, extraction)  # with no table every figure is left for the eye
    agency, year = read_metadata(doc.text)
    return AuditResult(
        path=path or doc.source,
        document=doc,
        extraction=extraction,
        table=table,
        claims=claims,
        findings=evaluate(table, claims),
        agency=agency,
        year=year,
    )


def current_findings(result: AuditResult) -> list[Finding]:
    """The findings of ``result`` as its table stands now (corrections included)."""
    from core.rules import sort_findings

    findings = evaluate(result.table, result.claims)
    if result.previous is not None and result.table is not None:
        from core.rules.cross_year import check_pair

        findings = sort_findings(findings + check_pair(result.previous, result))
    return findings


def link_years(results: list[AuditResult]) -> int:
    """Pair each report with the same agency's report of the previous year, if present,
    and add the cross-year findings. Returns how many reports were paired."""
    from core.rules.cross_year import pair_reports

    pairs = pair_reports(results)
    for prev, cur in pairs:
        cur.previous = prev
        cur.findings = current_findings(cur)
    return len(pairs)


def audit_file(path: str | os.PathLike[str]) -> AuditResult:
    from core.document import read_document

    shown = os.fspath(path)
    try:
        doc = read_document(path)
        return audit_document(doc, shown)
    except ReportError as err:
        return AuditResult(path=shown, error=str(err))
