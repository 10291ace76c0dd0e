"""``main.py audit ... --export`` as a user runs it (subprocess, real files)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "audit", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
        timeout=180,
    )


def test_one_report_exports_its_workbook(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "更正表.xlsx"
    out.write_bytes(b"old")  # the CLI overwrites: the user named the file on purpose
    proc = run(str(SEEDS[0]), "--export", str(out))
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["指标", "问题", "修改记录", "说明"]
    assert "更正表.xlsx" in proc.stderr
    assert SEEDS[0].name in proc.stdout  # the readable summary is still printed


def test_json_and_export_together(tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "a.xlsx"
    proc = run(str(SEEDS[1]), "--json", "--export", str(out))
    assert proc.returncode == 0, proc.stderr
    (report,) = json.loads(proc.stdout)
    frame = pd.read_excel(out, sheet_name="指标")
    by_id = dict(zip(frame["指标编号"], frame["更正值"]))
    for ind in report["indicators"]:
        if ind["value"] is not None:
            assert by_id[ind["id"]] == ind["value"]  # no corrections: as published
    issues = pd.read_excel(out, sheet_name="问题")
    assert list(issues["问题说明"]) == [f["message"] for f in report["findings"]]


def test_folder_exports_the_summary_and_exit_2_for_a_broken_file(tmp_path: Path) -> None:
    import pandas as pd

    folder = tmp_path / "文件夹"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, folder / seed.name)
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 truncated")
    out = tmp_path / "汇总.xlsx"
    proc = run(str(folder), "--export", str(out))
    assert proc.returncode == 2
    summary = pd.read_excel(out, sheet_name="汇总", dtype=str, keep_default_na=False)
    assert len(summary) == len(SEEDS) + 1
    broken = summary[summary["报告"] == "损坏.docx"]
    assert broken["审核状态"].item() == "无法读取" and broken["无法读取原因"].item()
    assert "损坏.docx" in proc.stderr and "Traceback" not in proc.stderr
    # same readable per-report output as without --export, worst (the unreadable one) first
    names = [Path(line).name for line in proc.stdout.splitlines() if line and not line.startswith(" ")]
    assert sorted(names) == sorted(p.name for p in folder.iterdir()) and names[0] == "损坏.docx"


def test_several_reports_with_json_write_the_summary_too(tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "汇总.xlsx"
    proc = run(str(SEEDS[0]), str(SEEDS[2]), "--json", "--export", str(out))
    assert proc.returncode == 0, proc.stderr
    reports = json.loads(proc.stdout)
    indicators = pd.read_excel(out, sheet_name="指标")
    assert set(indicators["报告"]) == {SEEDS[0].name, SEEDS[2].name}
    assert len(reports) == 2


def test_unwritable_target_exits_1_with_a_chinese_message(tmp_path: Path) -> None:
    blocker = tmp_path / "文件"
    blocker.write_text("x")
    proc = run(str(SEEDS[0]), "--export", str(blocker / "out.xlsx"))
    assert proc.returncode == 1
    assert "导出失败" in proc.stderr and "Traceback" not in proc.stderr


def test_export_needs_an_xlsx_name(tmp_path: Path) -> None:
    proc = run(str(SEEDS[0]), "--export", str(tmp_path / "out.csv"))
    assert proc.returncode == 2 and ".xlsx" in proc.stderr
    assert not (tmp_path / "out.csv").exists()


def test_help_mentions_export() -> None:
    proc = run("--help")
    assert proc.returncode == 0 and "--export" in proc.stdout and "汇总" in proc.stdout


def test_a_saved_review_is_applied_to_the_exported_workbook(tmp_path: Path) -> None:
    from decimal import Decimal

    import pandas as pd

    from core.audit import audit_file
    from core.session import AuditSession
    from core.session_store import save_review

    report = tmp_path / SEEDS[0].name
    shutil.copyfile(SEEDS[0], report)
    session = AuditSession(audit_file(report))
    target = next(d.id for d in session.table.template.indicators if not d.header and session.value(d.id) is not None)
    new = session.value(target) + Decimal(3)
    session.set_value(target, new, "与原始台账核对")
    save_review(session.to_dict(), report)

    out = tmp_path / "更正表.xlsx"
    proc = run(str(report), "--export", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "已套用审核记录" in proc.stderr
    frame = pd.read_excel(out, sheet_name="指标")
    line = frame[frame["指标编号"] == target].iloc[0]
    assert line["更正值"] == int(new) and line["状态"] == "已更正" and line["更正原因"] == "与原始台账核对"
    history = pd.read_excel(out, sheet_name="修改记录")
    assert list(history["编号"]) == [target]
