"""The folder summary workbook, read back with pandas (as an analyst would), openpyxl (also in
read-only mode, which needs every sheet's declared dimension) and LibreOffice when present."""

from __future__ import annotations

import csv
import errno
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from analysis_folders import comparison_folder, rollup_folder, years_folder

from core.batch import audit_folder
from core.export.summary import FINDING_HEADERS, INDICATOR_HEADERS, SUMMARY_HEADERS, export_summary
from core.export.target import ExportError

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
NEW = ROOT / "tests" / "fixtures" / "new_template"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("summary") / "报告"
    (root / "乙区").mkdir(parents=True)
    for n, seed in enumerate(SEEDS):
        shutil.copyfile(seed, (root / "乙区" if n % 2 else root) / seed.name)
    shutil.copyfile(SEEDS[0], root / "乙区" / SEEDS[0].name)  # same name, other folder
    for name in ("qingjiang_2021.txt", "qingjiang_2022.txt", "transport_2019.txt", "baisha_2021.txt"):
        shutil.copyfile(NEW / name, root / name)
    (root / "损坏.pdf").write_bytes(b"%PDF-1.4 broken")
    rows = list(audit_folder([root], workers=1))
    out = export_summary(rows, root.parent / "汇总.xlsx")
    return rows, out


def _worst_first(rows):  # type: ignore[no-untyped-def]
    return sorted(rows, key=lambda r: r.worst_first_key)


def test_summary_sheet_has_one_row_per_report_worst_first(exported) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    rows, out = exported
    frame = pd.read_excel(out, sheet_name="汇总", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == SUMMARY_HEADERS
    assert len(frame) == len(rows)
    assert frame["报告"].is_unique  # same file name in two folders stays distinguishable
    ordered = _worst_first(rows)
    assert frame["报告"].iloc[0] == "损坏.pdf"  # as the window lists them
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
    expected = [(r, i) for r in _worst_first(rows) for i in r.indicators if i.unit is not None]
    assert len(frame) == len(expected)
    for (_, line), (_row, ind) in zip(frame.iterrows(), expected):
        assert line["指标编号"] == ind.id and line["指标"] == ind.label and line["状态"] == ind.status
        if ind.value is None:
            assert pd.isna(line["数值"])
        else:
            assert Decimal(str(line["数值"])) == ind.value
    pivot = frame.pivot_table(index="指标编号", columns="报告", values="数值", aggfunc="sum")
    assert pivot.shape[1] == sum(1 for r in rows if r.indicators)
    assert pd.api.types.is_numeric_dtype(frame["数值"])


def test_findings_sheet_lists_every_finding_and_every_unreadable_report(exported) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    rows, out = exported
    frame = pd.read_excel(out, sheet_name="问题", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == FINDING_HEADERS
    messages = [f.message for r in _worst_first(rows) for f in r.findings]
    unreadable = [r for r in rows if r.error]
    assert len(frame) == len(messages) + len(unreadable)
    assert [m for m in frame["问题说明"] if not m.startswith("无法读取")] == messages
    assert any(unreadable[0].error in m for m in frame["问题说明"])


def test_every_sheet_declares_its_dimension_and_keeps_the_layout(exported) -> None:  # type: ignore[no-untyped-def]
    import openpyxl
    import pandas as pd

    _rows, out = exported
    frames = pd.read_excel(out, sheet_name=None)
    assert list(frames)[:5] == ["汇总", "指标", "问题", "机关对比", "偏离明细"] and list(frames)[-1] == "问题统计"
    assert "逐年变化" in frames  # 清江区政府办公室 2021 and 2022 are both in the folder
    streamed = openpyxl.load_workbook(out, read_only=True)
    for ws in streamed:
        assert ws.max_row is not None and ws.max_column is not None, ws.title
        assert ws.calculate_dimension() == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        assert (ws.max_row - 1, ws.max_column) == frames[ws.title].shape, ws.title
    streamed.close()
    wb = openpyxl.load_workbook(out)
    for ws in wb:
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws["A1"].font.b
    assert wb["汇总"].column_dimensions["A"].width >= 30


def test_charts_are_native_excel_charts_over_the_sheets(exported) -> None:  # type: ignore[no-untyped-def]
    _rows, out = exported
    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        bodies = [z.read(n).decode("utf-8") for n in charts]
    assert len(charts) == 2
    assert any("机关对比" in b and "偏离机关数" in b for b in bodies)
    assert any("问题统计" in b and "<c:barChart>" in b for b in bodies)


def test_analysis_sheets_follow_the_folder(tmp_path: Path) -> None:
    import pandas as pd

    for folder, expected in (
        (comparison_folder(tmp_path), {"机关对比", "偏离明细", "问题统计"}),
        (years_folder(tmp_path), {"机关对比", "偏离明细", "逐年变化", "问题统计"}),
        (rollup_folder(tmp_path), {"机关对比", "偏离明细", "汇总核对", "汇总构成", "问题统计"}),
    ):
        out = export_summary(audit_folder([folder], workers=1), tmp_path / f"{folder.name}.xlsx")
        sheets = pd.read_excel(out, sheet_name=None)
        assert set(sheets) - {"汇总", "指标", "问题"} == expected, folder.name
    rollup = pd.read_excel(tmp_path / "汇总核对.xlsx", sheet_name="汇总核对")
    assert set(rollup["结果"]) == {"一致"} and pd.api.types.is_numeric_dtype(rollup["全域数值"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_reads_every_sheet_whole(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    _rows, out = exported
    filters = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"  # -1: every sheet
    home = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{home}", "--headless", "--convert-to", filters,
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    wb = openpyxl.load_workbook(out, read_only=True)
    for ws in wb:
        sheet_csv = tmp_path / f"{out.stem}-{ws.title}.csv"
        with sheet_csv.open(encoding="utf-8", newline="") as fh:
            records = list(csv.reader(fh))
        assert len(records) == ws.max_row, ws.title
        assert records[0][0] == ws["A1"].value
    wb.close()


def _rows_for_failure_tests():  # type: ignore[no-untyped-def]
    return list(audit_folder(SEEDS, workers=1))


def test_a_write_failing_half_way_leaves_no_file_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills while the zip is being written: the normal Chinese message, the old
    file intact, and neither the half-written export nor XlsxWriter's temporary files left."""
    import zipfile as zipmodule

    rows = _rows_for_failure_tests()
    target = tmp_path / "out" / "汇总.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"previous summary")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    real_write = zipmodule.ZipFile.write
    calls = {"n": 0}

    def full_disk(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:  # a few parts in: the zip is half written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(zipmodule.ZipFile, "write", full_disk)
    with pytest.raises(ExportError) as err:
        export_summary(rows, target)
    assert calls["n"] == 3
    assert "汇总.xlsx" in str(err.value) and any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))
    assert target.read_bytes() == b"previous summary"
    assert sorted(p.name for p in target.parent.iterdir()) == ["汇总.xlsx"]
    assert list(scratch.iterdir()) == []


def test_a_locked_target_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows_for_failure_tests()
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"previous summary")

    def locked(src: str, dst: str) -> None:  # what Windows does while Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied", dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as err:
        export_summary(rows, target)
    assert "打开" in str(err.value)
    assert target.read_bytes() == b"previous summary"
    assert [p.name for p in tmp_path.iterdir()] == ["汇总.xlsx"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None,
                    reason="mounting a small disk needs root")
def test_a_really_full_small_disk(tmp_path: Path) -> None:
    """A 12 KiB tmpfs: the summary cannot fit; the message is the normal one and the disk is left empty."""
    disk = tmp_path / "小磁盘"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        with pytest.raises(ExportError) as err:
            export_summary(_rows_for_failure_tests(), disk / "汇总.xlsx")
        assert "汇总.xlsx" in str(err.value)
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)
