"""AuditSession: corrections re-run the rules, the trail records everything, reviews persist."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from core.audit import audit_file
from core.session import CONFIRMED, FALSE_ALARM, AuditSession
from core.session_store import load_review, save_review

FIXTURES = Path(__file__).parents[1] / "fixtures"
ROOT = Path(__file__).parents[2]


def _seed_with_rule(rule: str) -> Path:
    """The first seed whose audit raises ``rule`` (no test is keyed to a file name)."""
    for seed in sorted(FIXTURES.glob("0*.txt")):
        if any(f.rule == rule for f in audit_file(seed).findings):
            return seed
    pytest.fail(f"no seed raises {rule}")


def _rules(session: AuditSession) -> set[str]:
    return {f.rule for f in session.findings}


def test_correcting_the_parent_of_a_failing_sum_clears_it_and_is_recorded() -> None:
    session = AuditSession(audit_file(_seed_with_rule("sum.apply.closed")), user="tester")
    failing = next(f for f in session.findings if f.rule == "sum.apply.closed")
    parts = sum((session.value(i) for i in failing.ids[1:]), Decimal(0))
    published = session.value("apply.closed")
    change = session.set_value("apply.closed", parts, "与按时办结数核对")
    assert "sum.apply.closed" not in _rules(session)
    assert any(f.rule == "sum.apply.closed" for f in change.removed)
    assert session.status("apply.closed") == "已更正"
    entry = session.history[-1]
    assert (entry.action, entry.target, entry.user, entry.reason) == ("edit", "apply.closed", "tester", "与按时办结数核对")
    assert entry.old == format(published, "f") and entry.new == format(parts, "f")


def test_undoing_a_correction_brings_the_finding_back_and_is_in_the_trail() -> None:
    session = AuditSession(audit_file(_seed_with_rule("sum.apply.closed")))
    published = session.value("apply.closed")
    session.set_value("apply.closed", Decimal(99))
    change = session.set_value("apply.closed", published, action="undo")
    assert not session.is_corrected("apply.closed")
    assert "sum.apply.closed" in _rules(session)
    assert any(f.rule == "sum.apply.closed" for f in change.added)
    assert [h.action for h in session.history] == ["edit", "undo"]


def test_a_correction_can_create_a_new_finding() -> None:
    session = AuditSession(audit_file(_seed_with_rule("sum.apply.closed")))
    assert "sum.org.staff" not in _rules(session)
    session.set_value("org.staff", (session.value("org.staff") or Decimal(0)) + 5)
    assert "sum.org.staff" in _rules(session)
    assert session.status("org.staff") == "已更正"
    assert session.status("org.staff.full_time") == "有误"


def test_false_alarm_disposition_changes_status_but_not_findings() -> None:
    session = AuditSession(audit_file(_seed_with_rule("soft.trainees_without_trainings")))
    finding = next(f for f in session.findings if f.rule == "soft.trainees_without_trainings")
    assert session.status("meetings.trainees") == "待核实"
    session.set_disposition(finding.key, FALSE_ALARM, "参加的是上级举办的培训")
    assert session.status("meetings.trainees") == "一致"
    assert session.disposition(finding.key).note == "参加的是上级举办的培训"
    assert finding in session.findings


def test_review_round_trips_through_the_session_file(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(_seed_with_rule("sum.apply.closed"), report)
    session = AuditSession(audit_file(report))
    session.set_value("apply.closed", Decimal(2), "按分项更正")
    key = session.findings[0].key
    session.set_disposition(key, CONFIRMED, "已电话核实")
    path = save_review(session.to_dict(), report)
    assert path.parent == tmp_path

    reopened = AuditSession(audit_file(report))
    saved = load_review(report, reopened.result.document.sha256)
    assert saved is not None and not saved.stale
    reopened.restore(saved.data)
    assert reopened.value("apply.closed") == Decimal(2)
    assert reopened.reasons["apply.closed"] == "按分项更正"
    assert reopened.disposition(key).status == CONFIRMED
    assert [h.action for h in reopened.history] == ["edit", "dispose"]
    assert _rules(reopened) == _rules(session)


def test_a_changed_report_marks_the_saved_review_stale(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(sorted(FIXTURES.glob("0*.txt"))[0], report)
    session = AuditSession(audit_file(report))
    session.set_value("org.units", Decimal(3))
    save_review(session.to_dict(), report)
    report.write_text(report.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    changed = audit_file(report)
    saved = load_review(report, changed.document.sha256)
    assert saved is not None and saved.stale


def test_unwritable_folder_falls_back_to_app_data(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    report = blocker / "report.txt"  # its "folder" is a file: nothing can be written there
    path = save_review({"format": "nianbao-review", "version": 1}, report, fallback_dir=tmp_path / "appdata")
    assert path.parent == tmp_path / "appdata"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_a_killed_writer_never_leaves_a_corrupt_review(tmp_path: Path) -> None:
    """Kill a process that saves in a tight loop; the file must always parse."""
    report = tmp_path / "report.txt"
    shutil.copy(sorted(FIXTURES.glob("0*.txt"))[0], report)
    code = (
        "import sys; from core.session_store import save_review\n"
        "i = 0\n"
        "while True:\n"
        "    i += 1\n"
        "    save_review({'format': 'nianbao-review', 'version': 1, 'n': i, 'pad': 'x' * 200000}, sys.argv[1])\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(report)], cwd=ROOT)
    target = report.with_name(report.name + ".review.json")
    try:
        for _ in range(200):
            if target.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        time.sleep(0.3)  # let it rewrite the file many times before the kill
    finally:
        proc.kill()
        proc.wait()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["n"] >= 1


def test_undo_restores_the_earlier_correction_and_its_reason() -> None:
    session = AuditSession(audit_file(_seed_with_rule("sum.apply.closed")))
    session.set_value("org.units", Decimal(1), "第一次更正")
    session.set_value("org.units", Decimal(2), "第二次更正")
    session.set_value("org.units", Decimal(1), "第一次更正", action="undo")
    assert session.value("org.units") == Decimal(1)
    assert session.reasons["org.units"] == "第一次更正"
    assert session.history[-1].action == "undo" and session.history[-1].reason == ""
