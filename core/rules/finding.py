"""Findings: what the audit reports, in the shape of the public JSON contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from core.document.model import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Kind(str, Enum):
    TABLE = "table"  # the table disagrees with itself or with the form
    NARRATIVE = "narrative"  # the narrative disagrees with the table or itself
    DOCUMENT = "document"  # missing sections, wrong year, no table ...


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the report's text a finding points, and the text there."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The one value whose change would make every rule it takes part in hold."""

    id: str
    value: Decimal


@dataclass(frozen=True)
class Finding:
    """One defect of a report, in plain Chinese, with the cells and the text it concerns."""

    rule: str
    kind: Kind
    severity: Severity
    ids: tuple[str, ...]
    message: str
    evidence: tuple[Evidence, ...] = ()
    claimed: str | None = None  # narrative: the figure in the report's own words
    table: Decimal | None = None  # narrative: what the table says
    suggestion: Suggestion | None = None
    assessable: bool = True  # False: the rule could not be evaluated (missing values)
    details: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        """A stable identity across re-audits: dispositions are stored against it."""
        where = ",".join(f"{e.span[0]}-{e.span[1]}" for e in self.evidence) if self.kind is Kind.NARRATIVE else ""
        return f"{self.rule}|{','.join(self.ids)}|{where}"
