"""Real published reports against their hand-made gold (tests/fixtures/real/*.gold.json).

For each report: every table cell read as printed (glued digits recovered, or marked
as having several readings where the report itself cannot say), every defect a careful
auditor finds reported, no finding an auditor would dismiss, and one finding per defect.
Reports whose gold names the same agency's other year are audited together, as an
auditor opening both would.
"""

from __future__ import annotations

from functools import cache

import pytest

from core.audit import audit_file, link_years
from core.result import AuditResult
from tests.real_gold import REAL, gold_files, load, score

GOLDS = {p.name: load(p) for p in gold_files()}


@cache
def _audited() -> dict[str, AuditResult]:
    results = {g["file"]: audit_file(REAL / g["file"]) for g in GOLDS.values()}
    link_years(list(results.values()))
    return results


def test_there_are_real_reports_of_both_eras_and_several_formats() -> None:
    files = [g["file"] for g in GOLDS.values()]
    assert len(files) >= 6
    assert {f.rsplit(".", 1)[1] for f in files} >= {"txt", "html"}
    assert {g["form"] for g in GOLDS.values()} >= {"2019", "provincial"}


@pytest.mark.parametrize("name", sorted(GOLDS))
def test_every_cell_is_read_as_printed(name: str) -> None:
    gold = GOLDS[name]
    s = score(gold, _audited()[gold["file"]])
    assert s.wrong == [], "\n".join(s.wrong)
    assert s.exact == s.cells


@pytest.mark.parametrize("name", sorted(GOLDS))
def test_every_hand_found_defect_is_reported_once(name: str) -> None:
    gold = GOLDS[name]
    s = score(gold, _audited()[gold["file"]])
    assert s.missed == [], "\n".join(s.missed)
    assert s.repeated == [], "\n".join(s.repeated)


@pytest.mark.parametrize("name", sorted(GOLDS))
def test_nothing_an_auditor_would_dismiss(name: str) -> None:
    gold = GOLDS[name]
    s = score(gold, _audited()[gold["file"]])
    assert s.dismiss_errors == [], "\n".join(s.dismiss_errors)
    assert s.dismiss_warnings == [], "\n".join(s.dismiss_warnings)


def test_a_glued_row_only_the_other_year_settles_is_marked_when_alone() -> None:
    """行政许可3960181 has several cuts; only 2020's 上一年项目数量 396 picks 396/0/181."""
    alone = audit_file(REAL / "pingtan_2019.txt")
    assert alone.table is not None
    cell = alone.table.published["t2.licensing.prev_items"]
    assert cell.uncertain and cell.value is None and "396 | 0 | 181" in cell.readings
    paired = _audited()["pingtan_2019.txt"].table
    assert paired is not None and paired.value("t2.licensing.prev_items") == 396
