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


def shown_chars(view) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Index in the document text -> the character the report view shows for it, read
    back from Qt (table structure and folded furniture are not in it)."""
    from PySide6.QtGui import QTextCursor

    out: dict[int, str] = {}
    for start, position, length in view.positions.pieces:
        cursor = QTextCursor(view.document())
        cursor.setPosition(position)
        cursor.setPosition(view.positions.to_qt(start + length), QTextCursor.MoveMode.KeepAnchor)
        for k, ch in enumerate(cursor.selectedText().replace("\u2029", "\n")):
            out[start + k] = ch
    return out


def shows(view, text: str) -> bool:  # type: ignore[no-untyped-def]
    """The view shows ``text``: every character in its place, but for what a grid shows
    as structure (cell separators, line breaks between rows, a Markdown rule row)."""
    shown = shown_chars(view)
    return all(text[i] == ch for i, ch in shown.items() if i < len(text)) and all(
        i in shown for i, ch in enumerate(text) if not ch.isspace() and ch not in "|-:"
    )
