"""The folder summary workbook, read back with pandas (as an analyst would) and openpyxl."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from core.batch import audit_folder
from core.export.summary import FINDING_HEADERS, INDICATOR_HEADERS, SUMMARY_HEADERS, export_summary

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("summary") / "报告"
    (root / "乙区").mkdir(parents=True)
    for n, seed in enumerate(SEEDS):
        shutil.copyfile(seed, (root / "乙区" if n % 2 else root) / seed.name)
    shutil.copyfile(SEEDS[0], root / "乙区" / SEEDS[0].name)  # same name, other folder
    (root / "损坏.pdf").write_bytes(b"%PDF-1.4 broken")
    rows = list(audit_folder([root], workers=1))
    out = export_summary(rows, root.parent / "汇总.xlsx")
    return rows, out


def test_summary_sheet_has_one_row_per_report(exported) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    rows, out = exported
    frame = pd.read_excel(out, sheet_name="汇总", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == SUMMARY_HEADERS
    assert len(frame) == len(rows)
    assert frame["报告"].is_unique  # same file name in two folders stays distinguishable
    ordered = sorted(rows, key=lambda r: r.index)
    for (_, line), row in zip(frame.iterrows(), ordered):
        assert Path(row.path).name == Path(line["报告"]).name
        if row.error:
            assert line["审核状态"] == "无法读取" and line["无法读取原因"] == row.error and line["错误"] == ""
        else:
            assert line["报送单位"] == row.agency and line["年度"] == str(row.year)
            assert line["错误"] == str(row.errors) and line["警告"] == str(row.warnings)
            assert line["审核状态"] == row.review and line["SHA-256"] == row.sha256


def test_indicators_sheet_is_long_form_for_pandas_and_pivots(exported) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    rows, out = exported
    frame = pd.read_excel(out, sheet_name="指标")
    assert tuple(frame.columns) == INDICATOR_HEADERS
    expected = [(r, i) for r in sorted(rows, key=lambda r: r.index) for i in r.indicators if i.unit is not None]
    assert len(frame) == len(expected)
    for (_, line), (_row, ind) in zip(frame.iterrows(), expected):
        assert line["指标编号"] == ind.id and line["指标"] == ind.label and line["状态"] == ind.status
        if ind.value is None:
            assert pd.isna(line["数值"])
        else:
            assert Decimal(str(line["数值"])) == ind.value
    # a pivot straight off the sheet: one column per report, one row per indicator
    pivot = frame.pivot_table(index="指标编号", columns="报告", values="数值", aggfunc="sum")
    assert pivot.shape[1] == sum(1 for r in rows if r.indicators)
    assert pd.api.types.is_numeric_dtype(frame["数值"])


def test_findings_sheet_lists_every_finding_and_every_unreadable_report(exported) -> None:  # type: ignore[no-untyped-def]
    import openpyxl
    import pandas as pd

    rows, out = exported
    frame = pd.read_excel(out, sheet_name="问题", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == FINDING_HEADERS
    messages = [f.message for r in sorted(rows, key=lambda r: r.index) for f in r.findings]
    unreadable = [r for r in rows if r.error]
    assert len(frame) == len(messages) + len(unreadable)
    assert [m for m in frame["问题说明"] if not m.startswith("无法读取")] == messages
    assert any(unreadable[0].error in m for m in frame["问题说明"])

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "指标", "问题"]
    for ws in wb:
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws["A1"].font.b
        assert ws.column_dimensions["A"].width >= 30
