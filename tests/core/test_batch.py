"""Folder review: every report becomes a row, broken ones included; saved reviews count."""

from __future__ import annotations

import json
import os
import shutil
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from core.audit import audit_file
from core.batch import REVIEW_DONE, REVIEW_NONE, REVIEW_STALE, REVIEW_STARTED, BatchRow, audit_folder
from core.session import CONFIRMED, FALSE_ALARM, AuditSession
from core.session_store import save_review

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "区县报告"
    (root / "子目录").mkdir(parents=True)
    for n, seed in enumerate(SEEDS):
        shutil.copyfile(seed, (root / "子目录" if n % 2 else root) / seed.name)
    (root / "损坏.docx").write_bytes(b"PK\x03\x04 truncated")
    (root / "说明.jpg").write_bytes(b"\xff\xd8 not a report")  # not a report type: not listed
    return root


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("workers", [1, 2])
def test_every_report_is_a_row_and_a_broken_file_says_why(folder: Path, workers: int) -> None:
    calls: list[tuple[int, int]] = []
    rows = list(audit_folder([folder], workers=workers, progress=lambda d, t: calls.append((d, t))))
    assert len(rows) == len(SEEDS) + 1
    assert sorted(r.index for r in rows) == list(range(len(rows)))
    broken = [r for r in rows if r.error]
    assert [Path(r.path).name for r in broken] == ["损坏.docx"]
    assert _has_cjk(broken[0].error) and broken[0].indicators == () and broken[0].template is None
    assert calls[0] == (0, len(rows)) and calls[-1] == (len(rows), len(rows))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    for row in rows:
        if row.error:
            continue
        result = audit_file(row.path)  # the row holds what a single audit says
        assert (row.agency, row.year, row.template) == (result.agency, result.year, result.template_id)
        assert row.errors == sum(1 for f in result.findings if f.severity.value == "error")
        assert row.warnings == sum(1 for f in result.findings if f.severity.value == "warning")
        assert [f.message for f in row.findings] == [f.message for f in result.findings]
        assert [i.id for i in row.indicators] == result.table.template.ids
        for i in row.indicators:
            assert i.value == result.table.value(i.id)
        assert row.review == REVIEW_NONE and row.sha256 == result.document.sha256


def test_worst_first_puts_unreadable_then_most_errors(folder: Path) -> None:
    rows = sorted(audit_folder([folder], workers=1), key=lambda r: r.worst_first_key)
    assert rows[0].error is not None
    readable = rows[1:]
    assert [(r.errors, r.warnings) for r in readable] == sorted(
        ((r.errors, r.warnings) for r in readable), reverse=True
    )


def test_cancel_stops_before_the_end(folder: Path) -> None:
    for n in range(30):  # a folder large enough that cancelling after the first row matters
        shutil.copyfile(SEEDS[n % len(SEEDS)], folder / f"副本{n:02d}.txt")
    stop = threading.Event()
    rows = []
    for row in audit_folder([folder], workers=2, cancel=stop):
        rows.append(row)
        stop.set()
    assert 1 <= len(rows) < 36


def test_saved_review_is_applied_and_reported(folder: Path) -> None:
    report = folder / SEEDS[0].name
    session = AuditSession(audit_file(report))
    target = next(d.id for d in session.table.template.indicators if not d.header and session.value(d.id) is not None)
    new = session.value(target) + Decimal(5)
    session.set_value(target, new, "核实")
    assert session.findings, "the seed needs a finding to dispose"
    session.set_disposition(session.findings[0].key, CONFIRMED, "已确认")
    save_review(session.to_dict(), report)

    rows = {Path(r.path).name: r for r in audit_folder([report], workers=1)}
    row = rows[report.name]
    assert row.corrections == 1 and row.confirmed == 1
    assert next(i for i in row.indicators if i.id == target).value == new
    assert next(i for i in row.indicators if i.id == target).status == "已更正"
    assert row.review == (REVIEW_DONE if len(session.findings) == 1 else REVIEW_STARTED)

    for f in session.findings:  # dispose of everything: the review is complete
        if session.disposition(f.key).status == "open":
            session.set_disposition(f.key, FALSE_ALARM)
    save_review(session.to_dict(), report)
    (row,) = list(audit_folder([report], workers=1))
    live = [f for f in session.findings if session.disposition(f.key).status != FALSE_ALARM]
    assert row.review == REVIEW_DONE
    assert row.errors == sum(1 for f in live if f.severity.value == "error")  # false alarms don't count
    assert row.warnings == sum(1 for f in live if f.severity.value == "warning")

    report.write_text(report.read_text(encoding="utf-8") + "\n附：", encoding="utf-8")  # the file changed
    (row,) = list(audit_folder([report], workers=1))
    assert row.review == REVIEW_STALE and row.corrections == 0


def test_an_engine_crash_becomes_a_row(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import core.batch

    def boom(path, progress=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("解析器内部错误")

    monkeypatch.setattr(core.batch, "audit_file", boom)
    rows = list(audit_folder([folder / SEEDS[0].name, folder / "不存在.txt"], workers=1))
    assert all(isinstance(r, BatchRow) and r.error for r in rows)
    assert "RuntimeError" in rows[0].error and rows[1].error == "文件不存在"


def test_rows_are_compact(folder: Path) -> None:
    import pickle

    rows = list(audit_folder([folder], workers=1))
    for row in rows:
        size = len(pickle.dumps(row))
        assert size < 40_000, (row.path, size)  # no document text travels back from workers
        assert not any(isinstance(v, str) and len(v) > 2000 for v in row.__dict__.values())
    json.dumps([r.review for r in rows], ensure_ascii=False)


# Spawned workers run this at start-up (PYTHONPATH): auditing the named report kills the
# process outright, as a reader crashing in native code would.
_CRASHING_WORKER = '''
import os, sys
if os.environ.get("NIANBAO_TEST_DIE_ON"):
    sys.path.insert(0, os.environ["NIANBAO_TEST_ROOT"])
    import core.batch

    _audit_one = core.batch.audit_one

    def audit_one(path, *args, **kwargs):
        if os.path.basename(path) == os.environ["NIANBAO_TEST_DIE_ON"]:
            os._exit(70)
        return _audit_one(path, *args, **kwargs)

    core.batch.audit_one = audit_one
'''


def test_a_worker_dying_costs_only_its_own_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "报告"
    reports.mkdir()
    for n in range(12):  # several chunks in flight when the worker dies
        shutil.copyfile(SEEDS[n % len(SEEDS)], reports / f"{n:02d}_{SEEDS[n % len(SEEDS)].name}")
    culprit = sorted(p.name for p in reports.iterdir())[5]
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_CRASHING_WORKER, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", f"{hooks}{os.pathsep}{ROOT}")
    monkeypatch.setenv("NIANBAO_TEST_ROOT", str(ROOT))
    monkeypatch.setenv("NIANBAO_TEST_DIE_ON", culprit)
    seen: list[tuple[int, int]] = []
    rows = list(audit_folder([reports], workers=2, progress=lambda done, total: seen.append((done, total))))
    assert len(rows) == 12 and sorted(r.index for r in rows) == list(range(12))
    failed = [Path(r.path).name for r in rows if r.error]
    assert failed == [culprit]
    assert "处理进程异常退出" in next(r.error for r in rows if r.error)
    assert all(r.template == "2008" for r in rows if not r.error)
    assert seen[-1] == (12, 12) and [d for d, _ in seen] == sorted(d for d, _ in seen)
