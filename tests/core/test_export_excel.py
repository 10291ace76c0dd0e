"""The corrected workbook of one report, read back with openpyxl and pandas."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from core.audit import audit_file
from core.export.excel import (
    CHECK_COL,
    DIFF_COL,
    INDICATOR_HEADERS,
    MESSAGE_COL,
    REASON_COL,
    STATUS_COL,
    SUM_COL,
    ExportError,
    export_workbook,
)
from core.rules.base import SumRule
from core.rules.finding import Severity
from core.session import CONFIRMED, FALSE_ALARM, AuditSession

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
SHEETS = ["指标", "问题", "修改记录", "说明"]


def _sessions() -> list[AuditSession]:
    return [AuditSession(audit_file(p)) for p in SEEDS]


def _with_sum_error() -> tuple[AuditSession, str]:
    """A seed whose table breaks a sum rule, and that rule's parent id."""
    from core.forms import get_form

    for session in _sessions():
        sums = {r.rule_id: r for r in get_form(session.table.template.id).exact_rules if isinstance(r, SumRule)}
        for f in session.findings:
            if f.rule in sums and f.assessable and f.severity is Severity.ERROR:
                return session, sums[f.rule].parent
    pytest.skip("no seed breaks a sum rule")


def _rows(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}


def _sum_of_parts(session: AuditSession, parent: str) -> Decimal:
    from core.forms import get_form

    rule = next(r for r in get_form(session.table.template.id).exact_rules if isinstance(r, SumRule) and r.parent == parent)
    return sum((session.value(c) or Decimal(0) for c in rule.children), Decimal(0))


def _cells_in_range(ws, formula: str) -> list[int]:  # type: ignore[no-untyped-def]
    rows: list[int] = []
    for a, b in re.findall(r"E(\d+)(?::E(\d+))?", formula):
        rows += list(range(int(a), int(b or a) + 1))
    return rows


def test_sheets_values_statuses_and_source_lines(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    for n, session in enumerate(_sessions()):
        out = export_workbook(session, tmp_path / f"{n}.xlsx")
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames == SHEETS
        ws = wb["指标"]
        assert tuple(c.value for c in ws[1]) == INDICATOR_HEADERS
        table = session.table
        assert [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)] == table.template.ids
        frame = pd.read_excel(out, sheet_name="指标")
        text = session.result.document.text
        for i, d in enumerate(table.template.indicators):
            row = frame.iloc[i]
            assert row["指标编号"] == d.id and row["指标"] == d.label
            value = session.value(d.id)
            if d.header or value is None:
                assert pd.isna(row["更正值"])
            else:
                assert Decimal(str(row["更正值"])) == value
            assert (row["状态"] if isinstance(row["状态"], str) else "") == session.status(d.id)
            span = table.span(d.id)
            if span is not None and table.raw(d.id):
                # the source line holds the printed value and the row's label text
                source = row["原文"]
                assert table.raw(d.id) in source
                assert source.replace(" | ", "\t") in text.replace("\t\t", "\t") or source in text
        issues = pd.read_excel(out, sheet_name="问题")
        assert list(issues["问题说明"]) == [f.message for f in session.findings]


def test_correction_is_marked_noted_and_checked_by_values_and_a_live_formula(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    session, parent = _with_sum_error()
    published = session.published(parent)
    fixed = _sum_of_parts(session, parent)
    session.set_value(parent, fixed, "按分项合计更正")
    out = export_workbook(session, tmp_path / "更正.xlsx")

    wb = openpyxl.load_workbook(out)
    ws = wb["指标"]
    row = _rows(ws)[parent]
    assert ws.cell(row=row, column=4).value == int(published)
    corrected = ws.cell(row=row, column=5)
    assert corrected.value == int(fixed)
    assert corrected.fill.fgColor.rgb.endswith("FCE4D6")
    assert corrected.comment is not None
    assert f"原公布值：{published}" in corrected.comment.text and "按分项合计更正" in corrected.comment.text
    assert ws.cell(row=row, column=STATUS_COL).value == "已更正"
    assert ws.cell(row=row, column=REASON_COL).value == "按分项合计更正"
    # 分项合计 and 差额 are values: readers without a calculation engine see the numbers
    assert ws.cell(row=row, column=SUM_COL).value == int(fixed)
    assert ws.cell(row=row, column=DIFF_COL).value == 0

    formula = ws.cell(row=row, column=CHECK_COL).value
    assert re.fullmatch(rf'=IF\(ISBLANK\(E{row}\),"",E{row}-SUM\(E\d+(:E\d+)?(,E\d+(:E\d+)?)*\)\)', formula), formula
    summed = _cells_in_range(ws, formula.split("SUM", 1)[1])
    rows = _rows(ws)
    from core.forms import get_form

    rule = next(r for r in get_form(session.table.template.id).exact_rules if isinstance(r, SumRule) and r.parent == parent)
    assert sorted(summed) == sorted(rows[c] for c in rule.children)
    # what Excel will compute from the plain value cells equals the value written beside it
    assert _evaluate(ws, formula) == ws.cell(row=row, column=DIFF_COL).value == 0
    frame = pd.read_excel(out, sheet_name="指标")
    line = frame.loc[frame["指标编号"] == parent].iloc[0]
    assert line["更正值"] == int(fixed) and line["公布值"] == int(published)
    assert line["分项合计"] == int(fixed) and line["差额"] == 0
    # openpyxl can store no formula result: pandas reads the check column as empty, and the
    # numbers beside it on every such row
    checked = [r - 2 for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=CHECK_COL).data_type == "f"]
    assert checked and frame["差额验算\n（公式）"].isna().all()
    assert frame.iloc[checked]["分项合计"].notna().all()
    assert frame.iloc[checked]["差额"].notna().sum() == sum(1 for r in checked if ws.cell(row=r + 2, column=5).value is not None)
    assert pd.api.types.is_numeric_dtype(frame["分项合计"]) and pd.api.types.is_numeric_dtype(frame["差额"])
    # the only formulas in the book are the check column
    for sheet in wb:
        for line in sheet.iter_rows():
            for cell in line:
                if cell.data_type == "f":
                    assert sheet.title == "指标" and cell.column == CHECK_COL, (sheet.title, cell.coordinate)

    history = pd.read_excel(out, sheet_name="修改记录")
    assert len(history) == 1
    entry = history.iloc[0]
    assert entry["操作"] == "更正" and entry["编号"] == parent
    assert str(entry["原值"]) == str(published) and str(entry["新值"]) == str(fixed)
    assert entry["原因或备注"] == "按分项合计更正" and entry["操作人"] == session.user


def test_reason_and_finding_messages_have_their_own_columns(tmp_path: Path) -> None:
    import pandas as pd

    session, parent = _with_sum_error()
    involved = [f.message for f in session.findings if parent in f.ids]
    frame = pd.read_excel(export_workbook(session, tmp_path / "未更正.xlsx"), sheet_name="指标", keep_default_na=False)
    line = frame.loc[frame["指标编号"] == parent].iloc[0]
    assert line["更正原因"] == ""  # nothing corrected yet
    assert line["问题说明"].split("\n") == list(dict.fromkeys(involved))
    assert line["差额"] != 0  # the sum error shows as a number
    session.set_value(parent, session.value(parent) + 1, "与原件核对")
    frame = pd.read_excel(export_workbook(session, tmp_path / "更正.xlsx"), sheet_name="指标", keep_default_na=False)
    line = frame.loc[frame["指标编号"] == parent].iloc[0]
    assert line["更正原因"] == "与原件核对"
    assert line["问题说明"] and "与原件核对" not in line["问题说明"]


def test_dispositions_and_notes_reach_the_issue_sheet(tmp_path: Path) -> None:
    import pandas as pd

    session = next(s for s in _sessions() if len(s.findings) >= 2)
    first, second = session.findings[0], session.findings[1]
    session.set_disposition(first.key, CONFIRMED, "请报送单位更正")
    session.set_disposition(second.key, FALSE_ALARM, "口径不同")
    out = export_workbook(session, tmp_path / "处置.xlsx")
    issues = pd.read_excel(out, sheet_name="问题", dtype=str, keep_default_na=False)
    by_message = {row["问题说明"]: row for _, row in issues.iterrows()}
    assert by_message[first.message]["处置"] == "确认报告有误"
    assert by_message[first.message]["审核备注"] == "请报送单位更正"
    assert by_message[second.message]["处置"] == "误报"
    assert by_message[first.message]["严重程度"] == first.severity.label
    history = pd.read_excel(out, sheet_name="修改记录")
    assert list(history["新值"]) == ["确认报告有误", "误报"]
    assert list(history["操作"]) == ["处置", "处置"]


def test_about_sheet_layout_and_print_setup(tmp_path: Path) -> None:
    import openpyxl

    import core

    session = _sessions()[0]
    out = export_workbook(session, tmp_path / "说明.xlsx")
    wb = openpyxl.load_workbook(out)
    about = {wb["说明"].cell(row=r, column=1).value: wb["说明"].cell(row=r, column=2).value
             for r in range(2, wb["说明"].max_row + 1)}
    doc = session.result.document
    assert about["SHA-256"] == doc.sha256 and len(doc.sha256) == 64
    assert about["报告文件"] == Path(session.result.path).name
    assert about["报送单位"] == session.result.agency
    assert about["报告年度"] == str(session.result.year)
    assert about["审核工具"].endswith(core.__version__)
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", about["导出时间"])
    assert about["模板"].startswith(session.table.template.id)
    assert about["审核人"] == session.user and about["审核单位"] == "（未填写）"
    assert about["空白按0处理"].startswith("否")
    session.set_blank_as_zero(True)
    wb = openpyxl.load_workbook(export_workbook(session, tmp_path / "签名.xlsx", reviewer="李审核", unit="政务公开办"))
    about = {wb["说明"].cell(row=r, column=1).value: wb["说明"].cell(row=r, column=2).value
             for r in range(2, wb["说明"].max_row + 1)}
    assert about["审核人"] == "李审核" and about["审核单位"] == "政务公开办"
    assert about["空白按0处理"].startswith("是")
    for ws in wb:
        assert ws.page_setup.paperSize in (9, "9")
        assert ws.page_setup.fitToWidth in (1, "1") and ws.page_setup.fitToHeight in (0, "0")
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.freeze_panes is not None
    assert wb["指标"].freeze_panes == "C2"
    assert wb["指标"].page_setup.orientation == "landscape"
    assert wb["指标"].print_title_rows == "$1:$1"
    assert wb["指标"].column_dimensions["B"].width >= 40  # Chinese labels need room


def test_existing_file_is_not_overwritten_without_consent(tmp_path: Path) -> None:
    session = _sessions()[0]
    out = tmp_path / "已存在.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(ExportError, match="文件已存在"):
        export_workbook(session, out)
    assert out.read_bytes() == b"old"
    export_workbook(session, out, overwrite=True)
    assert out.read_bytes()[:2] == b"PK"


def test_history_names_a_problem_that_a_correction_resolved(tmp_path: Path) -> None:
    import pandas as pd

    from core.schema.labels import short_label

    session, parent = _with_sum_error()
    finding = next(f for f in session.findings if parent in f.ids and f.rule.startswith("sum."))
    session.set_disposition(finding.key, CONFIRMED, "请更正")
    session.set_value(parent, _sum_of_parts(session, parent), "按分项合计更正")
    assert all(f.key != finding.key for f in session.findings)  # the correction resolved it
    history = pd.read_excel(export_workbook(session, tmp_path / "h.xlsx"), sheet_name="修改记录")
    target = history.iloc[0]["对象"]
    assert finding.rule in target and short_label(session.table.label(parent)) in target
    assert history.iloc[0]["新值"] == "确认报告有误" and history.iloc[1]["操作"] == "更正"


def _evaluate(ws, formula: str):  # type: ignore[no-untyped-def]
    """What a spreadsheet computes for the check formulas the export writes (IF, ISBLANK,
    SUM over E-ranges, E refs, + - <>), from the plain cells of the sheet."""

    def cell(row: str) -> str:
        value = ws[f"E{row}"].value
        return "None" if value is None else repr(value)

    def total(match: re.Match) -> str:  # type: ignore[type-arg]
        return str(sum(ws.cell(row=r, column=5).value or 0 for r in _cells_in_range(ws, match.group(0))))

    expr = re.sub(r"SUM\([^)]*\)", total, formula.lstrip("="))
    expr = re.sub(r"\bE(\d+)\b", lambda m: cell(m.group(1)), expr)
    expr = expr.replace("<>", "!=").replace('""', "''")
    return eval(expr, {"IF": lambda c, a, b: a if c else b, "ISBLANK": lambda v: v is None})  # noqa: S307 (test-only, built above)


def test_a_total_of_two_groups_checks_both(tmp_path: Path) -> None:
    """The 2019/2021 request table's grand total is both its row across applicant types and its
    column down the results: the difference (value and live check) must catch a slip in either."""
    import openpyxl

    from core.forms import get_form

    session = AuditSession(audit_file(ROOT / "tests" / "fixtures" / "new_template" / "qingjiang_2021.txt"))
    grand = "t3.result.total@total"
    groups = [r.children for r in get_form(session.table.template.id).exact_rules if isinstance(r, SumRule) and r.parent == grand]
    assert len(groups) == 2
    out = export_workbook(session, tmp_path / "consistent.xlsx")
    ws = openpyxl.load_workbook(out)["指标"]
    rows = _rows(ws)
    row = rows[grand]
    check = ws.cell(row=row, column=CHECK_COL)
    sums = re.findall(r"SUM\([^)]*\)", check.value)
    assert sorted(_cells_in_range(ws, sums[0])) == sorted(rows[c] for c in groups[0])
    assert sorted(_cells_in_range(ws, sums[-1])) == sorted(rows[c] for c in groups[1])
    assert "第2组" in check.comment.text
    assert _evaluate(ws, check.value) == 0 == ws.cell(row=row, column=DIFF_COL).value

    # A slip in a result row moves the column sum only: the first group still adds up.
    slipped = groups[1][0]
    session.set_value(slipped, session.value(slipped) + 5, "核对")
    ws = openpyxl.load_workbook(export_workbook(session, tmp_path / "slipped.xlsx"))["指标"]
    assert ws.cell(row=row, column=SUM_COL).value == session.value(grand)  # first group: no difference
    assert _evaluate(ws, ws.cell(row=row, column=CHECK_COL).value) == -5 == ws.cell(row=row, column=DIFF_COL).value
    assert "“办理结果总计" in ws.cell(row=row, column=MESSAGE_COL).value or ws.cell(row=row, column=MESSAGE_COL).value
    # a one-group total keeps the plain difference
    single = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=CHECK_COL).value and r != row)
    formula = ws.cell(row=single, column=CHECK_COL).value
    assert formula.startswith(f'=IF(ISBLANK(E{single}),"",E{single}-SUM(') and "IF(E" not in formula
