"""识别存疑: table cells whose number OCR read with low confidence (scanned PDFs only).

``doubtful_cells`` maps the extracted cells onto the document's recognised numbers
(``Document.ocr``) once, when the report is audited; ``check_doubtful`` then reports them
as one WARNING per table region (the whole 2008 table; 表二/表三/表四 of the 2019/2021
form), listing the cells to check against the scan. A cell the auditor corrects (or
confirms by entering the same value) counts as checked and leaves the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.rules.base import name, table_finding
from core.rules.finding import Finding, Severity
from core.table.model import ExtractedValue, IndicatorTable

RULE_ID = "ocr.doubtful"
MESSAGE = "以下数字识别存疑，请对照原件核实："


def read_wholly_by_ocr(doc: Any) -> bool:
    """Every page of the report is a scan (its table too)."""
    scanned = getattr(doc, "scanned_pages", ())
    return bool(scanned) and len(scanned) == getattr(doc, "pages", None)


def doubtful_cells(doc: Any, values: Mapping[str, ExtractedValue]) -> dict[str, float]:
    """Cell id -> the lowest confidence of a doubtful recognised number inside its value.

    In a report read wholly by OCR, a value cell that is not a number at all ("八" for a
    blurred "1") is a misreading too: it is listed with confidence 0."""
    words = [w for w in getattr(doc, "ocr", ()) if w.doubtful]
    wholly = read_wholly_by_ocr(doc)
    out: dict[str, float] = {}
    for ident, found in values.items():
        if found.span is None or found.span[0] == found.span[1]:
            continue
        start, end = found.span
        inside = [w.confidence for w in words if w.span[0] < end and w.span[1] > start]
        if inside:
            out[ident] = min(inside)
        elif wholly and found.problem:
            out[ident] = 0.0
    return out


def _region(table: IndicatorTable, ident: str) -> str:
    """The printed table a cell belongs to: 表二/三/四 of the new form, else the one table."""
    if not table.template.matrices:
        return ""
    head = ident.split("@")[0].split(".")[0]
    return {"t2": "表二", "t3": "表三", "t4": "表四"}.get(head, "")


def check_doubtful(table: IndicatorTable) -> list[Finding]:
    doubtful = getattr(table, "doubtful", None)
    if not doubtful:
        return []
    regions: dict[str, list[str]] = {}
    for d in table.template.indicators:  # the form's order
        if d.id in doubtful and d.id not in table.corrections:
            regions.setdefault(_region(table, d.id), []).append(d.id)
    findings = []
    for region, ids in regions.items():
        listing = "、".join(f"“{name(table, i)}”{table.raw(i)}" for i in ids)
        where = f"（{region}）" if region else ""
        findings.append(table_finding(RULE_ID, Severity.WARNING, ids, f"{MESSAGE}{listing}{where}", table))
    return findings
