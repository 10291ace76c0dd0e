"""The outcome of auditing one report: what was read, what was found."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.document.model import Document
from core.narrative.model import Claim
from core.rules.finding import Finding
from core.table.model import Extraction, IndicatorTable


@dataclass
class AuditResult:
    """Everything one audit of one report found: the document, its table, the narrative's claims and the findings."""

    path: str  # as given by the caller (JSON "file")
    document: Document | None = None
    extraction: Extraction | None = None
    table: IndicatorTable | None = None
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # What the prose and the document say on their own (lists that do not add up, an unknown
    # form): found once, whatever the auditor corrects in the table.
    text_findings: list[Finding] = field(default_factory=list)
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
