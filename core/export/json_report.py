"""The public JSON contract of ``main.py audit --json`` (spec: cli.md). Keep it exact."""

from __future__ import annotations

from typing import Any

from core.audit import AuditResult
from core.export.layout import number
from core.rules.finding import Finding, Kind


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
    return out


def report_json(result: AuditResult) -> dict[str, Any]:
    indicators: list[dict[str, Any]] = []
    table = result.table
    if table is not None:
        for d in table.template.indicators:
            found = table.published.get(d.id)
            indicators.append(
                {
                    "id": d.id,
                    "label": d.label,
                    "unit": d.unit,
                    "value": number(table.value(d.id)),
                    "raw": found.raw if found else None,
                    "span": list(found.span) if found and found.span else None,
                }
            )
    return {
        "file": result.path,
        "template": result.template_id,
        "agency": result.agency,
        "year": result.year,
        "indicators": indicators,
        "findings": [finding_json(f) for f in result.findings],
        "error": result.error,
    }
