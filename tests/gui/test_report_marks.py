"""The tool tip over marked text, read from the marks the seeds' audits put on their text."""

from __future__ import annotations

from pathlib import Path

from core.audit import audit_file
from core.session import AuditSession
from gui.views.report_marks import build_marks, tip_text

SEEDS = sorted((Path(__file__).parents[1] / "fixtures").glob("0*.txt"))


def test_the_tip_over_stacked_marks_lists_each_tip_once_strongest_first() -> None:
    stacked = 0
    for seed in SEEDS:
        marks = build_marks(AuditSession(audit_file(seed)))
        for mark in marks.marks:
            hits = marks.at(mark.start)
            tips = tip_text(hits).split("\n")
            distinct = {h.tip for h in hits}
            assert set(tips) <= distinct and len(tips) == len(set(tips)) == min(4, len(distinct))
            assert tips[0] == hits[0].tip  # the strongest mark speaks first
            stacked += len(hits) > 1
    assert stacked, "no seed has a place where marks stack: the test would prove nothing"


def test_no_marks_no_tip() -> None:
    assert tip_text([]) == ""
