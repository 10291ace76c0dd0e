"""``main.py audit`` as a user runs it: a subprocess, real files, the cli.md contract."""

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
        timeout=120,
    )


def test_json_contract_shape_for_every_seed() -> None:
    proc = run(*map(str, SEEDS), "--json")
    assert proc.returncode == 0, proc.stderr
    reports = json.loads(proc.stdout)
    assert [r["file"] for r in reports] == [str(s) for s in SEEDS]
    for r in reports:
        # the contract's keys, plus the documented extensions (docs/json.md)
        assert {"file", "template", "agency", "year", "indicators", "findings", "error"} <= set(r)
        assert set(r) - {"file", "template", "agency", "year", "indicators", "findings", "error"} <= {"blank_as_zero", "body"}
        assert r["template"] == "2008" and r["error"] is None
        assert isinstance(r["year"], int) and r["agency"]
        ids = [i["id"] for i in r["indicators"]]
        assert ids[0] == "active" and ids[-1] == "meetings.trainees" and len(ids) == len(set(ids))
        text = None
        for ind in r["indicators"]:
            assert {"id", "label", "unit", "value", "raw", "span"} <= set(ind)
            assert set(ind) - {"id", "label", "unit", "value", "raw", "span"} <= {"blank", "recovered", "uncertain", "readings"}
            if ind["span"] is not None:
                text = text or Path(r["file"]).read_text(encoding="utf-8")
        for f in r["findings"]:
            assert {"rule", "kind", "severity", "ids", "message", "evidence"} <= set(f)
            assert f["kind"] in {"table", "narrative", "document"}
            assert f["severity"] in {"error", "warning", "info"}
            if f["kind"] == "narrative" and "claimed" in f:
                assert "table" in f


def test_unreadable_report_exits_2_and_others_are_still_audited(tmp_path: Path) -> None:
    bad = tmp_path / "损坏.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    proc = run(str(SEEDS[0]), str(bad), "--json")
    assert proc.returncode == 2
    reports = json.loads(proc.stdout)
    assert reports[0]["error"] is None and reports[0]["indicators"]
    assert reports[1]["error"] and reports[1]["template"] is None
    assert "损坏.docx" in proc.stderr and "Traceback" not in proc.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in reports[1]["error"])


def test_folder_argument_is_searched_for_reports(tmp_path: Path) -> None:
    folder = tmp_path / "区县报告"
    (folder / "子目录").mkdir(parents=True)
    shutil.copy(SEEDS[1], folder / "a.txt")
    shutil.copy(SEEDS[2], folder / "子目录" / "b.txt")
    (folder / "readme.png").write_bytes(b"\x89PNG")
    proc = run(str(folder), "--json")
    assert proc.returncode == 0, proc.stderr
    files = [Path(r["file"]).name for r in json.loads(proc.stdout)]
    assert files == ["a.txt", "b.txt"]


def test_readable_summary_names_findings_in_chinese() -> None:
    proc = run(*map(str, SEEDS))
    assert proc.returncode == 0
    assert "错误" in proc.stdout and "警告" in proc.stdout
    assert proc.stdout.count("模板 2008") == len(SEEDS)


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert "文件不存在" in proc.stderr and "Traceback" not in proc.stderr


def test_report_without_a_table_is_named_on_stderr_and_exits_2(tmp_path: Path) -> None:
    narrative_only = SEEDS[2].read_text(encoding="utf-8").split("附件：")[0]
    path = tmp_path / "只有正文.txt"
    path.write_text(narrative_only, encoding="utf-8")
    proc = run(str(path), str(SEEDS[0]), "--json")
    assert proc.returncode == 2
    first, second = json.loads(proc.stdout)
    assert first["template"] is None and first["error"] is None and first["indicators"] == []
    assert [f["rule"] for f in first["findings"]] == ["document.no_table"]
    assert second["template"] == "2008"
    assert "只有正文.txt：未找到政府信息公开情况统计表" in proc.stderr


def test_word97_and_wps_files_in_a_folder_are_audited_and_broken_ones_listed(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    docs = ROOT / "tests" / "fixtures" / "doc"
    shutil.copy(SEEDS[0], folder / "a.txt")
    shutil.copy(docs / f"{SEEDS[0].stem}.doc", folder / "b.doc")  # the same report as a.txt
    shutil.copy(docs / f"{SEEDS[2].stem}.wps", folder / "c.wps")
    (folder / "d.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "e.rtf").write_bytes(b"{\\rtf1\\ansi report}")
    (folder / "~$a.docx").write_bytes(b"lock")
    proc = run(str(folder), "--json")
    assert proc.returncode == 2
    reports = {Path(r["file"]).name: r for r in json.loads(proc.stdout)}
    assert sorted(reports) == ["a.txt", "b.doc", "c.wps", "d.doc", "e.rtf"]
    assert reports["b.doc"]["error"] is None and reports["c.wps"]["error"] is None
    for key in ("template", "agency", "year"):
        assert reports["b.doc"][key] == reports["a.txt"][key], key

    def findings(r: dict) -> list[tuple]:  # evidence spans differ: the texts are laid out differently
        return [(f["rule"], f["severity"], f["ids"], f["message"]) for f in r["findings"]]

    assert findings(reports["b.doc"]) == findings(reports["a.txt"])
    assert [(i["id"], i["raw"], i["value"]) for i in reports["b.doc"]["indicators"]] == [
        (i["id"], i["raw"], i["value"]) for i in reports["a.txt"]["indicators"]
    ]
    assert "损坏" in reports["d.doc"]["error"] and "另存为" in reports["e.rtf"]["error"]
