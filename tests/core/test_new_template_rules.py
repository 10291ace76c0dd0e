"""Rules of the 2019/2021 formats on the fixture reports: slips found, consistent figures quiet."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from core.audit import AuditResult, audit_document, audit_file
from core.document import read_document
from core.export.json_report import report_json
from core.forms import templates
from core.rules.finding import Kind, Severity
from core.session import AuditSession

ROOT = Path(__file__).parents[2]
NEW = ROOT / "tests" / "fixtures" / "new_template"


def _audit(name: str) -> AuditResult:
    result = audit_file(NEW / name)
    assert result.error is None
    return result


def _audit_text(name: str, old: str, new: str) -> AuditResult:
    doc = read_document(NEW / name)
    assert old in doc.text
    return audit_document(replace(doc, text=doc.text.replace(old, new, 1)), name)


def _rules(result: AuditResult) -> list[str]:
    return sorted(f.rule for f in result.findings)


def test_consistent_reports_raise_nothing() -> None:
    assert _audit("qingjiang_2021.txt").findings == []
    assert _audit("qingjiang_2021.txt").template_id == "2021"


def test_2021_report_slips() -> None:
    result = _audit("qingjiang_2022.txt")
    by_rule = {f.rule: f for f in result.findings}
    assert _rules(result) == sorted([
        # 予以公开·总计 printed 35: its row and its column both break, and the prose's
        # "予以公开34件，占49.27%" agrees with 34 -- one wrong cell, one finding
        "t3.row.result.granted",
        "blank.cells",
        "narrative.mismatch",  # 制发行政规范性文件6件 (table 5)
        "narrative.all_upheld",
    ])
    row = by_rule["t3.row.result.granted"]
    assert row.severity is Severity.ERROR and "35" in row.message and "34" in row.message
    assert "2项核对" in row.message and "正文称予以公开34件" in row.message
    assert row.suggestion is not None
    assert (row.suggestion.id, row.suggestion.value) == ("t3.result.granted@total", Decimal(34))
    blank = by_rule["blank.cells"]
    assert blank.ids == ("t3.result.denied.enforcement_file@research",) and blank.severity is Severity.WARNING
    # a blank is not 0: the two checks that need the cell are said not to be possible
    assert "2项核对因此无法进行" in blank.message and "空白按0处理" in blank.message
    upheld = by_rule["narrative.all_upheld"]
    assert upheld.kind is Kind.NARRATIVE and "尚未审结1件" in upheld.message
    doc = result.document
    assert doc is not None
    for f in result.findings:
        for e in f.evidence:
            assert doc.text[e.span[0] : e.span[1]] == e.text


def test_correcting_the_suggested_value_clears_table_and_narrative() -> None:
    session = AuditSession(_audit("qingjiang_2022.txt"))
    change = session.set_value("t3.result.granted@total", Decimal(34), "按分项合计更正")
    removed = {f.rule for f in change.removed}
    assert "t3.row.result.granted" in removed
    left = sorted(f.rule for f in session.findings)
    assert left == ["blank.cells", "narrative.all_upheld", "narrative.mismatch"]


def test_blank_as_zero_rechecks_with_blanks_read_as_zero() -> None:
    session = AuditSession(_audit("qingjiang_2022.txt"))
    change = session.set_blank_as_zero(True)
    assert change.everything
    blank = next(f for f in session.findings if f.rule == "blank.cells")
    assert blank.severity is Severity.INFO and "按0计" in blank.message
    assert session.to_dict()["options"] == {"blank_as_zero": True}
    assert session.history[-1].target == "blank_as_zero" and session.history[-1].new == "是"
    # the switch survives a reopen of the review
    again = AuditSession(_audit("qingjiang_2022.txt"))
    again.restore(session.to_dict())
    assert again.blank_as_zero and any(f.rule == "blank.cells" and f.severity is Severity.INFO for f in again.findings)


def test_2019_report_slips() -> None:
    result = _audit("transport_2019.txt")
    assert result.template_id == "2019"
    # 本年新收·自然人 printed 19 breaks its row and the form's note: one finding
    assert _rules(result) == sorted(["value.decimal", "t3.row.new", "t4.sum.lit_direct"])
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["value.decimal"].ids == ("t2.other_services.decisions",)
    new = by_rule["t3.row.new"]
    fix = new.suggestion
    assert fix is not None and (fix.id, fix.value) == ("t3.new@natural", Decimal(18))
    assert "19" in new.message and "17" in new.message and "第一项加第二项之和" in new.message
    # 本年增/减 is negative (-3, -1) and 万元 amounts have decimals: both allowed
    table = result.table
    assert table is not None and table.value("t2.licensing.change") == Decimal(-3)
    assert table.value("t2.procurement.amount") == Decimal("356.82")


def test_negative_count_is_an_error() -> None:
    result = _audit_text("qingjiang_2021.txt", "行政处罚\t298", "行政处罚\t-298")
    assert [f.rule for f in result.findings] == ["value.negative"]
    assert result.findings[0].ids == ("t2.penalty.decisions",)


def test_web_copy_percentage_slip_and_uncertain_cells() -> None:
    result = _audit("baisha_2021_web.txt")
    assert _rules(result) == ["narrative.percent", "value.uncertain"]
    percent = next(f for f in result.findings if f.rule == "narrative.percent")
    assert "47.82%" in percent.message and "50%" in percent.message
    # the glued row is one finding listing its possible cuts; its cells are not guessed
    uncertain = next(f for f in result.findings if f.rule == "value.uncertain")
    assert sorted(uncertain.ids) == ["t2.normative.in_force", "t2.normative.issued", "t2.normative.repealed"]
    assert "可能的拆分" in uncertain.message and "|" in uncertain.message
    assert result.table is not None and result.table.value("t2.normative.issued") is None
    # once the auditor enters the value read from the original page, that cell's doubt is settled
    session = AuditSession(result)
    session.set_value("t2.normative.issued", Decimal(52), "核对原网页")
    uncertain = next(f for f in session.findings if f.rule == "value.uncertain")
    assert sorted(uncertain.ids) == ["t2.normative.in_force", "t2.normative.repealed"]


def test_received_may_include_carried_over_cases() -> None:
    # 75 = 71 new + 4 carried over: consistent; 71 (new only): consistent; 80: neither
    assert "narrative.received" not in _rules(_audit("qingjiang_2022.txt"))
    only_new = _audit_text("qingjiang_2022.txt", "申请75件（含", "申请71件（含")
    assert "narrative.received" not in _rules(only_new)
    wrong = _audit_text("qingjiang_2022.txt", "申请75件（含", "申请80件（含")
    found = [f for f in wrong.findings if f.rule == "narrative.received"]
    assert len(found) == 1 and "71" in found[0].message and "75" in found[0].message
    assert wrong.document.text[found[0].evidence[0].span[0] : found[0].evidence[0].span[1]].endswith("80件")  # type: ignore[union-attr]


def test_year_mismatch_and_mixed_forms() -> None:
    late = _audit_text("transport_2019.txt", "2019年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告")
    assert late.template_id == "2019"
    mismatch = [f for f in late.findings if f.rule == "template.year_mismatch"]
    assert len(mismatch) == 1 and mismatch[0].kind is Kind.DOCUMENT and "2022" in mismatch[0].message
    early = _audit_text("qingjiang_2021.txt", "2021年政府信息公开工作年度报告", "2020年政府信息公开工作年度报告")
    assert [f.rule for f in early.findings] == ["template.year_mismatch"]
    mixed = _audit_text("qingjiang_2021.txt", "信息内容\t本年处理决定数量", "信息内容\t上一年项目数量")
    assert mixed.template_id == "2021"
    found = [f for f in mixed.findings if f.rule == "template.mixed"]
    assert len(found) == 1 and "上一年项目数量" in found[0].message


@pytest.mark.parametrize("template_id", ["2019", "2021"])
def test_schema_ids_and_matrices(template_id: str) -> None:
    template = templates()[template_id]
    ids = template.ids
    assert len(ids) == len(set(ids))
    assert "t3.new@natural" in ids and "t3.result.total@total" in ids and "t4.lit_after_review.pending" in ids
    assert template.get("t3.result").header and template.get("t3.result.denied").header
    if template_id == "2021":  # （六）其他处理 heads three sub-rows
        assert template.get("t3.result.other").header and "t3.result.other.other@total" in template
    else:  # a row with values of its own
        assert "t3.result.other" not in template and "t3.result.other@total" in template
    for matrix in template.matrices:
        for row, _ in matrix.rows:
            for column, _ in matrix.columns:
                cell = matrix.cell_id(row, column)
                assert cell in template or template.get(row).header, cell
    t3 = next(m for m in template.matrices if m.id == "t3")
    assert [c for c, _ in t3.columns] == ["natural", "commercial", "research", "social", "legal_services", "other_org", "total"]


def test_json_of_the_audit_command_carries_the_new_ids() -> None:
    path = NEW / "qingjiang_2022.txt"
    proc = subprocess.run(
        [sys.executable, "main.py", "audit", "--json", str(path)], cwd=ROOT, capture_output=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    (report,) = json.loads(proc.stdout.decode("utf-8"))
    assert report == json.loads(json.dumps(report_json(audit_file(path)), ensure_ascii=False))
    assert report["template"] == "2021" and report["year"] == 2022
    assert report["agency"] == "云岭市清江区人民政府办公室"
    indicators = {i["id"]: i for i in report["indicators"]}
    assert [i["id"] for i in report["indicators"]] == templates()["2021"].ids
    text = path.read_text(encoding="utf-8")
    new = indicators["t3.new@natural"]
    assert new["value"] == 62 and text[new["span"][0] : new["span"][1]] == "62"
    assert indicators["t2.fees.amount"]["value"] == 3.65
    assert indicators["t3.result"]["value"] is None and indicators["t3.result"]["unit"] is None
    blank = indicators["t3.result.denied.enforcement_file@research"]
    assert blank["value"] is None and blank["raw"] == ""
    rules = {f["rule"] for f in report["findings"]}
    assert "t3.row.result.granted" in rules


@pytest.mark.parametrize("key", ["qingjiang_2022", "transport_2019", "baisha_2021"])
def test_same_report_same_findings_in_every_format(key: str, tmp_path: Path) -> None:
    """The HTML page, the DOCX, the PDF and the text of one report raise the same findings."""
    from tests.fixtures.new_template import make
    from tests.fixtures.new_template.reports import REPORTS

    report = REPORTS[key] if isinstance(REPORTS, dict) else next(r for r in REPORTS if r.key == key)

    def found(path: Path) -> set[tuple[str, tuple[str, ...], str | None]]:
        result = audit_file(path)
        return {(f.rule, tuple(sorted(f.ids)), f.claimed) for f in result.findings if f.severity is not Severity.INFO}

    expected = found(NEW / f"{key}.txt")
    assert expected
    for build in (make.make_html, make.make_docx, make.make_pdf):
        path = build(report, tmp_path / f"{key}.{build.__name__.removeprefix('make_')}")
        assert found(path) == expected, path.name
