"""Score an audit against a real report's hand-made gold (tests/fixtures/real/*.gold.json).

A gold file says, independently of the engine, what a careful auditor finds by reading
the report: every table cell as printed (``cells``: a number, ``null`` for a blank cell,
``{"ambiguous": printed}`` where no reading of glued digits can be decided from the
report, ``{"value": v, "printed": p}`` where the printed form differs from the value),
and every defect (``defects``: kind, severity, the cells involved, or an ``evidence``
phrase). ``score`` compares one audit with it; the test and ``bench/real_reports.py``
both use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.result import AuditResult
from core.rules.finding import Finding, Severity

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def gold_files() -> list[Path]:
    return sorted(REAL.glob("*.gold.json"))


def load(path: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return gold


@dataclass
class Score:
    file: str
    cells: int = 0
    exact: int = 0
    wrong: list[str] = field(default_factory=list)  # "id: gold x, read y"
    defects: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)  # a defect raised by more than one finding
    dismiss_errors: list[str] = field(default_factory=list)  # errors that match no defect
    dismiss_warnings: list[str] = field(default_factory=list)


def _text_of(finding: Finding) -> str:
    return finding.message + " " + " ".join(e.text for e in finding.evidence)


def matches(finding: Finding, defect: dict[str, Any]) -> bool:
    """Same kind, and the defect's own phrase in the finding (if it names one), else a shared cell."""
    if finding.kind.value != defect["kind"]:
        return False
    evidence = defect.get("evidence")
    if evidence:
        return evidence in _text_of(finding)
    return bool(set(finding.ids) & set(defect.get("ids", ())))


def _cell_ok(gold: Any, result: AuditResult, ident: str) -> tuple[bool, str]:
    assert result.table is not None
    found = result.table.published.get(ident)
    read = None if found is None else found.value
    if isinstance(gold, dict) and "ambiguous" in gold:
        ok = found is not None and found.uncertain
        return ok, f"{ident}: 原表“{gold['ambiguous']}”无法唯一拆分，应标为存疑；读作{found.raw if found else '（缺）'}"
    want = gold["value"] if isinstance(gold, dict) else gold
    if found is None:
        return False, f"{ident}: 应为{want}，未读到"
    if want is None:
        return found.value is None and found.problem is None, f"{ident}: 应为空白，读作{found.raw!r}"
    ok = read is not None and read == Decimal(str(want))
    return ok, f"{ident}: 应为{want}，读作{found.raw!r}（{read}）"


def score(gold: dict[str, Any], result: AuditResult) -> Score:
    out = Score(gold["file"])
    cells: dict[str, Any] = gold.get("cells", {})
    out.cells = len(cells)
    for ident, want in cells.items():
        if result.table is None:
            out.wrong.append(f"{ident}: 未找到统计表")
            continue
        ok, why = _cell_ok(want, result, ident)
        if ok:
            out.exact += 1
        else:
            out.wrong.append(why)
    defects: list[dict[str, Any]] = gold.get("defects", [])
    out.defects = len(defects)
    used: set[int] = set()
    for defect in defects:
        # a note (info) is neither a defect's finding nor one to dismiss
        hits = [i for i, f in enumerate(result.findings) if f.severity is not Severity.INFO and matches(f, defect)]
        used.update(hits)
        if hits:
            out.found += 1
            if len(hits) > 1:
                out.repeated.append(f"{defect['id']} ×{len(hits)}: " + " | ".join(result.findings[i].message for i in hits))
        else:
            out.missed.append(f"{defect['id']}: {defect['what']}")
    for i, finding in enumerate(result.findings):
        if i in used:
            continue
        if finding.severity is Severity.ERROR:
            out.dismiss_errors.append(f"[{finding.rule}] {finding.message}")
        elif finding.severity is Severity.WARNING:
            out.dismiss_warnings.append(f"[{finding.rule}] {finding.message}")
    return out
