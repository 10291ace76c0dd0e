"""``main.py audit ... --memo / --memo-dir`` as a user runs it (subprocess, real files)."""

from __future__ import annotations

import getpass
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
NEW = ROOT / "tests" / "fixtures" / "new_template"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "audit", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
        timeout=180,
    )


def _paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_memo_of_one_report_carries_its_saved_review_and_the_signer(tmp_path: Path) -> None:
    from core.audit import audit_file
    from core.session import AuditSession
    from core.session_store import save_review

    report = tmp_path / "qingjiang_2022.txt"
    shutil.copyfile(NEW / "qingjiang_2022.txt", report)
    session = AuditSession(audit_file(report))
    session.set_value("t3.result.granted@total", Decimal(34), "与纸质原件核对")
    save_review(session.to_dict(), report)

    out = tmp_path / "审核意见.docx"
    proc = run(str(report), "--memo", str(out), "--reviewer", "李审核", "--unit", "云岭市政务公开办")
    assert proc.returncode == 0, proc.stderr
    assert "已导出审核意见" in proc.stderr
    paragraphs = _paragraphs(out)
    assert paragraphs[0] == "关于《云岭市清江区人民政府办公室2022年政府信息公开工作年度报告》的审核意见"
    assert "云岭市清江区人民政府办公室：" in paragraphs
    assert any("公布为35，应为34（原因：与纸质原件核对）" in p for p in paragraphs)
    assert paragraphs[-3:-1] == ["审核单位：云岭市政务公开办", "审核人：李审核"]


def test_memo_is_signed_with_the_login_name_by_default(tmp_path: Path) -> None:
    out = tmp_path / "意见.docx"
    proc = run(str(NEW / "qingjiang_2021.txt"), "--memo", str(out))
    assert proc.returncode == 0, proc.stderr
    paragraphs = [p for p in _paragraphs(out) if p]
    assert f"审核人：{getpass.getuser()}" in paragraphs
    assert any(p.endswith("未发现需要更正的问题。") for p in paragraphs)
    assert not any(p.startswith("审核单位") for p in paragraphs)


def test_memo_dir_writes_one_memo_per_readable_report(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    (folder / "乙区").mkdir(parents=True)
    shutil.copyfile(SEEDS[0], folder / "a.txt")
    shutil.copyfile(SEEDS[1], folder / "乙区" / "a.txt")  # the same name in a sub-folder
    shutil.copyfile(NEW / "qingjiang_2022.txt", folder / "b.txt")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 truncated")
    memos, summary = tmp_path / "意见", tmp_path / "汇总.xlsx"
    proc = run(str(folder), "--memo-dir", str(memos), "--export", str(summary), "--reviewer", "王五")
    assert proc.returncode == 2, proc.stderr  # the broken report: still exit 2, the rest written
    assert sorted(p.name for p in memos.iterdir()) == ["a_审核意见.docx", "b_审核意见.docx", "乙区_a_审核意见.docx"]
    assert "已导出 3 份审核意见" in proc.stderr and "损坏.docx" in proc.stderr and "Traceback" not in proc.stderr
    b = _paragraphs(memos / "b_审核意见.docx")
    assert b[0] == "关于《云岭市清江区人民政府办公室2022年政府信息公开工作年度报告》的审核意见"
    assert "审核人：王五" in b and "一、待核实的事项" in b
    assert summary.exists()


def test_memo_dir_with_json_keeps_the_json_and_the_cross_year_checks(tmp_path: Path) -> None:
    memos = tmp_path / "意见"
    proc = run(str(NEW / "qingjiang_2021.txt"), str(NEW / "qingjiang_2022.txt"), "--json", "--memo-dir", str(memos))
    assert proc.returncode == 0, proc.stderr
    assert [Path(r["file"]).name for r in json.loads(proc.stdout)] == ["qingjiang_2021.txt", "qingjiang_2022.txt"]
    later = "\n".join(_paragraphs(memos / "qingjiang_2022_审核意见.docx"))
    assert "结转" in later  # the carry-over check against the 2021 report given alongside


def test_memo_for_a_folder_is_refused_with_a_pointer_to_memo_dir(tmp_path: Path) -> None:
    proc = run(str(NEW), "--memo", str(tmp_path / "x.docx"))
    assert proc.returncode == 2 and "--memo-dir" in proc.stderr
    assert not (tmp_path / "x.docx").exists()
    proc = run(str(SEEDS[0]), "--memo", str(tmp_path / "x.pdf"))
    assert proc.returncode == 2 and ".docx" in proc.stderr


def test_unwritable_memo_exits_1_with_a_chinese_message(tmp_path: Path) -> None:
    blocker = tmp_path / "文件"
    blocker.write_text("x")
    proc = run(str(SEEDS[0]), "--memo", str(blocker / "意见.docx"))
    assert proc.returncode == 1
    assert "导出失败" in proc.stderr and "Traceback" not in proc.stderr


def test_folder_output_is_worst_first_like_the_window(tmp_path: Path) -> None:
    from core.batch import audit_folder

    folder = tmp_path / "报告"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copyfile(seed, folder / seed.name)
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 truncated")
    expected = [Path(r.path).name for r in sorted(audit_folder([folder], workers=1), key=lambda r: r.worst_first_key)]
    for extra in ([], ["--export", str(tmp_path / "汇总.xlsx")]):
        proc = run(str(folder), *extra)
        heads = [Path(line).name for line in proc.stdout.splitlines() if line and not line.startswith(" ")]
        assert heads == expected and heads[0] == "损坏.docx"
