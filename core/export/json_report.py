"""The public JSON contract of ``main.py audit --json`` (spec: cli.md). Keep it exact."""

from __future__ import annotations

from typing import Any

from core.audit import AuditResult
from core.export.layout import number
from core.rules.finding import Finding, Kind
from core.schema.model import IndicatorDef
from core.table.model import IndicatorTable


def finding_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule,
        "kind": f.kind.value,
        "severity": f.severity.value,
        "ids": list(f.ids),
        "message": f.message,
        "evidence": [{"span": list(e.span), "text": e.text} for e in f.evidence],
    }
    if f.kind is Kind.NARRATIVE and f.claimed is not None:
        out["claimed"] = f.claimed
        out["table"] = number(f.table)
    if f.suggestion is not None:
        out["suggestion"] = {"id": f.suggestion.id, "value": number(f.suggestion.value)}
    consequences = [c for c in f.details.get("consequences", "").split("；") if c]
    if consequences:  # the checks this one cause breaks or blocks (docs/json.md)
        out["consequences"] = consequences
    return out


def indicator_json(table: IndicatorTable, d: IndicatorDef) -> dict[str, Any]:
    found = table.published.get(d.id)
    out: dict[str, Any] = {
        "id": d.id,
        "label": d.label,
        "unit": d.unit,
        "value": number(table.value(d.id)),
        "raw": found.raw if found else None,
        "span": list(found.span) if found and found.span else None,
    }
    # extensions (docs/json.md): present only when they say something
    if table.is_blank(d.id):
        out["blank"] = True
    if found is not None and found.recovered:
        out["recovered"] = True
    if found is not None and found.uncertain and d.id not in table.corrections:
        out["uncertain"] = True
        out["readings"] = list(found.readings)
    return out


def report_json(result: AuditResult) -> dict[str, Any]:
    table = result.table
    indicators = [indicator_json(table, d) for d in table.template.indicators] if table is not None else []
    out: dict[str, Any] = {
        "file": result.path,
        "template": result.template_id,
        "agency": result.agency,
        "year": result.year,
        "indicators": indicators,
        "findings": [finding_json(f) for f in result.findings],
        "error": result.error,
    }
    if table is not None:
        out["blank_as_zero"] = table.blank_as_zero
    if result.document is not None and result.document.body is not None:
        out["body"] = list(result.document.body)
    return out
