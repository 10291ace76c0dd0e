"""Cross-year findings reach the CLI and survive a correction's re-check."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from core.audit import audit_file, link_years
from core.session import AuditSession

ROOT = Path(__file__).parents[2]
NEW = ROOT / "tests" / "fixtures" / "new_template"


def _pair():
    results = [audit_file(p) for p in sorted(NEW.glob("qingjiang_202[12].txt"))]
    assert [r.year for r in results] == [2021, 2022]
    assert link_years(results) == 1
    return results


def test_link_years_adds_carried_over_findings_to_the_later_report() -> None:
    prev, cur = _pair()
    assert cur.previous is prev and prev.previous is None
    assert any(f.rule == "cross_year.carried" for f in cur.findings)
    assert not any(f.rule.startswith("cross_year") for f in prev.findings)


def test_correcting_the_carried_in_value_clears_the_cross_year_finding() -> None:
    prev, cur = _pair()
    session = AuditSession(cur)
    f = next(f for f in cur.findings if f.rule == "cross_year.carried")
    ident = next(i for i in f.ids if i.startswith("t3.carried_in@"))
    column = ident.split("@")[1]
    target = prev.table.value(f"t3.carried_out@{column}")
    assert target is not None and session.value(ident) != target
    session.set_value(ident, Decimal(target), "与上年报告结转数核对")
    assert not any(g.rule == "cross_year.carried" and ident in g.ids for g in session.findings)
    # An unrelated edit re-runs the rules and must not drop the other cross-year findings.
    others = [g for g in session.findings if g.rule.startswith("cross_year")]
    session.set_value("t3.new@natural", (session.value("t3.new@natural") or Decimal(0)))
    assert [g for g in session.findings if g.rule.startswith("cross_year")] == others


def test_cli_json_carries_cross_year_findings_when_both_years_are_given() -> None:
    files = [str(p) for p in sorted(NEW.glob("qingjiang_202[12].txt"))]
    proc = subprocess.run([sys.executable, "main.py", "audit", *files, "--json"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    later = json.loads(proc.stdout)[1]
    assert any(f["rule"] == "cross_year.carried" for f in later["findings"])
