"""A report form: one printed layout of the statistical table and everything that knows it.

Each package under ``core.forms`` describes one form with a ``ReportForm``: its indicator
ids (``template``), how to find and read it in a document (``extract``), its table rules,
its narrative wording and its checks between consecutive years. The engine only ever
goes through this record, so a new form (a provincial table, the next national revision)
is one new package added to the registry in ``core.forms``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.document.model import Document
from core.narrative.patterns import PatternSet
from core.rules.base import ExactRule
from core.rules.finding import Finding
from core.schema.model import Template
from core.table.model import Extraction, IndicatorTable

# Reads a document as one of ``forms`` (all of one family); ``template`` None: not found.
Extractor = Callable[[Document, Sequence["ReportForm"]], Extraction]
CrossYear = Callable[[IndicatorTable, IndicatorTable, "int | None"], list[Finding]]
# Settles glued digits of two consecutive reports against each other; the ids settled in each.
Settle = Callable[[IndicatorTable, IndicatorTable], "tuple[set[str], set[str]]"]


@dataclass(frozen=True, slots=True)
class ReportForm:
    """One form of the annual report (2008, 2019, 2021): its table, how to read it, and its rules."""

    id: str  # the public template id ("2008", "2019", "2021"): JSON "template"
    title: str
    template: Template
    # Forms of one family are told apart by one extractor that reads them all (the 2019
    # and 2021 national forms share tables 三 and 四).
    family: str
    extract: Extractor
    check: Callable[[IndicatorTable], list[Finding]]  # every table rule of the form
    exact_rules: tuple[ExactRule, ...]  # the rules a suggested single-value fix must satisfy
    patterns: PatternSet  # what the narrative's figures count
    years: tuple[int, int] = (0, 9999)  # report years the form is meant for
    markers: tuple[str, ...] = ()  # words only this form of its family prints
    cross_year: CrossYear | None = None  # checks against last year's report of this family
    settle_years: Settle | None = None  # readings of glued digits that only one year pairing allows
