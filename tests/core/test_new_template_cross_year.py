"""Checks between consecutive reports of one agency (core.cross_year)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from core.audit import AuditResult, audit_document, audit_file
from core.cross_year import check_pair, pair_reports

NEW = Path(__file__).parents[1] / "fixtures" / "new_template"


def _audit(name: str) -> AuditResult:
    result = audit_file(NEW / name)
    assert result.error is None and result.table is not None
    return result


def test_pairs_by_agency_and_consecutive_year() -> None:
    y2021, y2022 = _audit("qingjiang_2021.txt"), _audit("qingjiang_2022.txt")
    other = _audit("transport_2019.txt")
    town = _audit("baisha_2021_web.txt")
    pairs = pair_reports([y2022, other, town, y2021])
    assert [(p.path, c.path) for p, c in pairs] == [(y2021.path, y2022.path)]
    assert pair_reports([y2022, other]) == []


def test_carried_over_cases_must_match_last_year() -> None:
    prev, cur = _audit("qingjiang_2021.txt"), _audit("qingjiang_2022.txt")
    findings = check_pair(prev, cur)
    carried = [f for f in findings if f.rule == "cross_year.carried"]
    assert sorted(f.ids for f in carried) == [("t3.carried_in@natural",), ("t3.carried_in@total",)]
    assert all("4件" in f.message and "5件" in f.message for f in carried)
    text = cur.document.text  # type: ignore[union-attr]
    for f in carried:
        span = f.evidence[0].span
        assert text[span[0] : span[1]] == "4"
    # in force 34 + 5 - 2 = 37: consistent; nothing copied
    assert {f.rule for f in findings} == {"cross_year.carried"}


def test_in_force_identity() -> None:
    prev, cur = _audit("qingjiang_2021.txt"), _audit("qingjiang_2022.txt")
    assert cur.table is not None
    cur.table.corrections["t2.normative.in_force"] = Decimal(40)
    found = [f for f in check_pair(prev, cur) if f.rule == "cross_year.in_force"]
    assert len(found) == 1 and "应为37件" in found[0].message
    assert found[0].ids[0] == "t2.normative.in_force"


def test_copied_report_is_flagged() -> None:
    cur = _audit("qingjiang_2022.txt")
    doc = cur.document
    assert doc is not None
    copy = audit_document(replace(doc, text=doc.text.replace("2022年", "2023年")), "copy.txt")
    assert copy.year == 2023
    rules = {f.rule for f in check_pair(cur, copy)}
    assert {"cross_year.same_table", "cross_year.same_text"} <= rules
    # different prose and figures: no copying
    prev = _audit("qingjiang_2021.txt")
    assert not {"cross_year.same_table", "cross_year.same_text"} & {f.rule for f in check_pair(prev, cur)}


def test_old_template_pairs_are_skipped(seed_paths: list[Path]) -> None:
    seed = audit_file(seed_paths[0])
    cur = _audit("qingjiang_2021.txt")
    assert check_pair(seed, cur) == []
