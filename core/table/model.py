"""Values extracted from a report's statistical table, and the table as the rules see it.

``ExtractedValue`` is what was printed (raw text, span, parsed number). ``IndicatorTable``
layers the auditor's corrections on top; rules read only through ``value()``, so a
correction re-runs every rule with no special case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.document.model import Span
from core.schema.model import Template


@dataclass(frozen=True, slots=True)
class ExtractedValue:
    """One cell of the statistical table as printed in the report and as read."""

    id: str
    raw: str | None  # the cell text as printed ("0", "——", "1,200", "" for a blank cell)
    value: Decimal | None  # None: blank, a dash, or unreadable (see ``problem``)
    span: Span | None  # where ``raw`` sits in the document text
    label_span: Span | None = None  # where the row's label sits (navigation)
    problem: str | None = None  # Chinese: "非数字内容" ... when raw could not be read
    uncertain: bool = False  # several readings were possible (run-together digits)
    # Every reading of the row the cell sits in, when its digits ran together ("89 | 89 | 89"):
    # what the auditor chooses from, and what a second year's report may settle.
    readings: tuple[str, ...] = ()
    recovered: bool = False  # cut from digits that ran together in the report (no separators)


@dataclass
class Extraction:
    """The result of finding and reading the table in one document."""

    template: Template | None
    values: dict[str, ExtractedValue] = field(default_factory=dict)  # only rows found
    table_span: Span | None = None  # from the table title to its last row
    notes: list[str] = field(default_factory=list)  # Chinese remarks (uncertain splits ...)
    # Facts about the form that are not cells (the report year, a label only the other
    # version of the form prints, statements the narrative rules weigh): keyed "meta.*",
    # never template ids, so nothing that walks the indicators ever meets them.
    meta: dict[str, ExtractedValue] = field(default_factory=dict)


class IndicatorTable:
    """Published values plus the auditor's corrections: what the rules evaluate."""

    def __init__(
        self,
        template: Template,
        published: dict[str, ExtractedValue],
        meta: dict[str, ExtractedValue] | None = None,
        doubtful: dict[str, float] | None = None,
        scanned: bool = False,
    ) -> None:
        self.template = template
        self.published = published
        self.meta = meta or {}
        self.corrections: dict[str, Decimal | None] = {}
        # The auditor's "空白按0处理": many agencies leave zeros blank. Off, a rule that needs
        # a blank cell cannot be assessed; on, the rules read every printed blank as 0.
        self.blank_as_zero = False
        # Scanned PDFs: cells whose number OCR read with low confidence (id -> confidence),
        # listed by the "ocr.doubtful" rule until the auditor corrects or confirms them.
        self.doubtful: dict[str, float] = doubtful or {}
        # Read wholly by OCR: a blank cell may be a digit the recognition did not see.
        self.scanned = scanned

    def value(self, indicator_id: str) -> Decimal | None:
        if indicator_id in self.corrections:
            return self.corrections[indicator_id]
        found = self.published.get(indicator_id)
        return found.value if found else None

    def is_blank(self, indicator_id: str) -> bool:
        """Printed as an empty cell (or a dash) and not corrected since."""
        if indicator_id in self.corrections:
            return False
        found = self.published.get(indicator_id)
        return (
            found is not None and found.value is None and found.problem is None and found.span is not None
            and not found.uncertain
        )

    def present(self, indicator_id: str) -> bool:
        """The row exists in the report (even if blank) or the auditor supplied a value."""
        return indicator_id in self.published or indicator_id in self.corrections

    def raw(self, indicator_id: str) -> str | None:
        found = self.published.get(indicator_id)
        return found.raw if found else None

    def span(self, indicator_id: str) -> Span | None:
        found = self.published.get(indicator_id)
        return found.span if found else None

    def label(self, indicator_id: str) -> str:
        return self.template.label(indicator_id)

    def is_corrected(self, indicator_id: str) -> bool:
        return indicator_id in self.corrections
