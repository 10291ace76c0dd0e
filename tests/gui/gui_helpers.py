"""Ways to pick test subjects from the audit itself, never from a file name."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from core.audit import audit_file
from core.rules.finding import Finding

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
ALL_REPORTS = SEEDS + sorted((FIXTURES / "new_template").glob("*.txt"))


def first_report_with(predicate, reports=ALL_REPORTS) -> tuple[Path, Finding]:  # type: ignore[no-untyped-def]
    for path in reports:
        for finding in audit_file(path).findings:
            if predicate(finding):
                return path, finding
    raise AssertionError("no fixture report has such a finding")


def fixable_sum(finding: Finding) -> bool:
    """A failing sum whose parent can be set to the children's total."""
    return finding.rule.startswith("sum.") and finding.assessable and "expected" in finding.details and bool(finding.evidence)


def expected_value(finding: Finding) -> Decimal:
    return Decimal(finding.details["expected"])
