"""Saving and exporting end in the normal message, whatever the disk does.

Long names, a full disk half-way through a workbook, a file too big for the disk, no
permission, a target open in Excel, a folder that vanished: each ends in a clear Chinese
message with the old file intact and no temporary file left. Leftovers of a crash are
removed at the next start; reviews are readable by colleagues; the folder is synced.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from disks import failing_writes, fill, tiny_tmpfs

from core.audit import audit_file
from core.batch import BatchRow, audit_folder
from core.export.excel import export_workbook
from core.export.memo import export_memo as _export_memo
from core.export.summary import export_summary
from core.export.target import ExportError, save_atomically
from core.file_names import MAX_NAME_BYTES, WINDOWS_MAX_PATH_CHARS
from core.review_lock import lock_path
from core.session import AuditSession
from core.session_store import SUFFIX, ReviewSaveError, candidate_paths, load_review, save_review

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
# A real kind of title, 78 CJK characters (234 bytes in UTF-8) before the extension.
LONG_TITLE = ("福建省平潭综合实验区管理委员会办公室关于印发二〇二〇年度政府信息公开工作年度报告的通知及其附件"
              "统计表和说明材料汇编定稿版本最终修订稿第三次审核后经领导批准发布")[:78]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _no_cjk_free_message(message: str) -> None:
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and "Traceback" not in message


@pytest.fixture(scope="module")
def session() -> AuditSession:
    return AuditSession(audit_file(SEEDS[0]))


@pytest.fixture(scope="module")
def rows() -> list[BatchRow]:
    found = list(audit_folder([FIXTURES], workers=1))
    return [replace(r, path=f"{r.path}#{k}", index=k * 100 + r.index) for k in range(12) for r in found]


# ---- long names ---------------------------------------------------------------------------


def test_a_78_character_report_name_is_saved_and_restored(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui.session_controller import SessionController

    assert len(LONG_TITLE) == 78
    report = tmp_path / f"{LONG_TITLE}.txt"
    shutil.copy(SEEDS[4], report)
    ctl = SessionController(str(report), tmp_path / "appdata")
    ctl.load_result(audit_file(report))
    ident = next(i for i, v in ctl.session.table.published.items() if v.value is not None and i in ctl.session.table.template)
    ctl.edit_value(ident, Decimal(4242), "长文件名")
    assert ctl.saved_to is not None and ctl.saved_to.parent == tmp_path
    assert len(ctl.saved_to.name.encode()) <= MAX_NAME_BYTES
    assert len(lock_path(ctl.saved_to).name.encode()) <= MAX_NAME_BYTES and lock_path(ctl.saved_to).exists()
    assert not [n for n in _files(tmp_path) if n.endswith(".tmp")]
    ctl.release()
    again = SessionController(str(report), tmp_path / "appdata")
    again.load_result(audit_file(report))
    assert again.session.value(ident) == Decimal(4242) and again.session.reasons[ident] == "长文件名"
    again.release()


@pytest.mark.parametrize("chars", [78, 83])
def test_long_names_fit_beside_the_report_and_in_the_fallback_folder(tmp_path: Path, chars: int) -> None:
    title = (LONG_TITLE * 2)[:chars]
    report = tmp_path / f"{title}.txt"
    report.write_text("报告", encoding="utf-8")
    deep = tmp_path / ("很深的用户数据目录" * 6) / "reviews"
    for path in candidate_paths(report, deep):
        assert len(path.name.encode()) <= MAX_NAME_BYTES, path.name
        assert path.name.endswith(SUFFIX) and path.name.startswith(title[:10])
    fallback = candidate_paths(report, deep)[1]
    assert len(str(fallback)) <= WINDOWS_MAX_PATH_CHARS
    assert save_review({"format": "nianbao-review", "corrections": {"x": "1"}}, report) == candidate_paths(report, None)[0]
    assert load_review(report, "", None) is not None  # found again under its shortened name


# ---- a full disk, a file too big, no permission, a locked target, a vanished folder ------


def _full_size(rows: list[BatchRow], tmp_path: Path) -> int:
    return export_summary(rows, tmp_path / "量尺寸.xlsx").stat().st_size


@pytest.mark.parametrize("disk", ["tmpfs", "failing-writes"])
def test_summary_that_fills_the_disk_half_way_ends_in_the_normal_message(rows, tmp_path: Path, disk: str) -> None:  # type: ignore[no-untyped-def]
    size = _full_size(rows, tmp_path)
    folder = tmp_path / "目标"
    with tiny_tmpfs(folder, "64k") as mounted:
        if disk == "tmpfs" and mounted is None:
            pytest.skip("cannot mount a tmpfs here (needs root on Linux); the failing-writes case covers it")
        old = folder / "汇总.xlsx"
        old.write_bytes(b"the previous summary")
        if disk == "tmpfs":
            assert size > 64 * 1024, "the workbook must not fit on the tiny disk"
            with pytest.raises(ExportError) as caught:
                export_summary(rows, old)
        else:
            with failing_writes(folder, size // 2, errno.ENOSPC), pytest.raises(ExportError) as caught:
                export_summary(rows, old)
        assert "磁盘已满" in str(caught.value) and "原文件未改动" in str(caught.value)
        assert old.read_bytes() == b"the previous summary"
        assert _files(folder) == ["汇总.xlsx"]


def export_memo(session, path, **options):  # type: ignore[no-untyped-def]
    return _export_memo(session, path, reviewer="审核人", **options)


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘已满"), (errno.EFBIG, "允许的大小")])
@pytest.mark.parametrize("exporter, suffix", [(export_workbook, ".xlsx"), (export_memo, ".docx")])
def test_single_report_exports_fail_cleanly(session, tmp_path: Path, exporter, suffix: str, code: int, words: str) -> None:  # type: ignore[no-untyped-def]
    size = exporter(session, tmp_path / f"量尺寸{suffix}").stat().st_size
    folder = tmp_path / "目标"
    folder.mkdir()
    old = folder / f"审核{suffix}"
    old.write_bytes(b"old")
    with failing_writes(folder, size // 2, code), pytest.raises(ExportError) as caught:
        exporter(session, old, overwrite=True)
    assert words in str(caught.value)
    _no_cjk_free_message(str(caught.value))
    assert old.read_bytes() == b"old" and _files(folder) == [old.name]


def test_no_permission_to_write_in_the_folder(session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    real_open = os.open

    def refuse(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if Path(path).parent == tmp_path and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ExportError) as caught:
        export_workbook(session, tmp_path / "新.xlsx")
    assert "没有写入权限" in str(caught.value) and _files(tmp_path) == []


def test_a_target_open_in_excel_keeps_the_old_file(session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "审核表.xlsx"
    old.write_bytes(b"open in Excel")

    def locked(src, dst):  # type: ignore[no-untyped-def]  # what Windows does while Excel holds it
        raise PermissionError(errno.EACCES, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        export_workbook(session, old, overwrite=True)
    assert "Excel" in str(caught.value) and "原文件未改动" in str(caught.value)
    assert old.read_bytes() == b"open in Excel" and _files(tmp_path) == ["审核表.xlsx"]


def test_a_folder_that_vanishes_while_writing(tmp_path: Path) -> None:
    folder = tmp_path / "网络盘"
    folder.mkdir()

    def write(tmp: str) -> None:
        shutil.rmtree(folder)  # the share disconnects half-way
        Path(tmp).write_bytes(b"PK")

    with pytest.raises(ExportError) as caught:
        save_atomically(write, folder / "汇总.xlsx", overwrite=True, suffix=".xlsx")
    assert "文件夹已不存在" in str(caught.value)
    assert not folder.exists()  # nothing re-created it


_CLI_LIMITED = """
import resource, signal, sys, runpy
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
sys.argv = ["main.py", *sys.argv[1:]]
runpy.run_path("main.py", run_name="__main__")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="file size limits are POSIX")
def test_cli_folder_export_on_a_full_disk_says_so_without_a_traceback(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    out = tmp_path / "汇总.xlsx"
    with tiny_tmpfs(tmp_path / "小盘", "16k") as mounted:
        if mounted is not None:
            cmd = [sys.executable, "main.py", "audit", str(FIXTURES), "--export", str(mounted / "汇总.xlsx")]
            words = "磁盘已满"
        else:  # no mount allowed: a per-process file size limit fails the same write (EFBIG)
            cmd = [sys.executable, "-c", _CLI_LIMITED, "audit", str(FIXTURES), "--export", str(out)]
            words = "允许的大小"
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
        assert done.returncode == 1, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr
        folder = mounted if mounted is not None else tmp_path
        assert not [n for n in _files(folder) if n.startswith(".~")]


# ---- reviews on a failing disk -------------------------------------------------------------


def _review(n: int) -> dict[str, object]:
    return {"format": "nianbao-review", "corrections": {"x": str(n)}, "history": []}


@pytest.mark.parametrize("disk", ["tmpfs", "failing-writes"])
def test_a_review_on_a_full_disk_goes_to_the_fallback_and_the_old_one_stays(tmp_path: Path, disk: str) -> None:
    folder = tmp_path / "报告盘"
    with tiny_tmpfs(folder, "64k") as mounted:
        if disk == "tmpfs" and mounted is None:
            pytest.skip("cannot mount a tmpfs here; the failing-writes case covers it")
        report = folder / "报告.txt"
        report.write_text("报告", encoding="utf-8")
        beside = save_review(_review(1), report)
        big = {**_review(2), "history": [{"reason": "很长的更正原因" * 50}] * 100}  # more than is left
        if disk == "tmpfs":
            fill(folder)
            saved = save_review(big, report, tmp_path / "appdata")
            with pytest.raises(ReviewSaveError) as caught:
                save_review(big, report, None)
        else:
            with failing_writes(folder, 100, errno.ENOSPC):
                saved = save_review(big, report, tmp_path / "appdata")
                with pytest.raises(ReviewSaveError) as caught:
                    save_review(big, report, None)
        assert saved.parent == tmp_path / "appdata"
        assert "磁盘已满" in str(caught.value)
        assert json.loads(beside.read_text(encoding="utf-8"))["corrections"] == {"x": "1"}
        assert not [n for n in _files(folder) if n.endswith(".tmp")]
        assert load_review(report, "", tmp_path / "appdata").data["corrections"] == {"x": "2"}  # type: ignore[union-attr]


def test_a_vanished_report_folder_is_not_recreated(tmp_path: Path) -> None:
    folder = tmp_path / "已移走"
    folder.mkdir()
    report = folder / "报告.txt"
    report.write_text("报告", encoding="utf-8")
    shutil.rmtree(folder)
    saved = save_review(_review(3), report, tmp_path / "appdata")
    assert saved.parent == tmp_path / "appdata" and not folder.exists()
    with pytest.raises(ReviewSaveError) as caught:
        save_review(_review(3), report, None)
    assert "文件夹已不存在" in str(caught.value)


def test_reviews_are_readable_by_colleagues_and_keep_their_mode(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text("报告", encoding="utf-8")
    old = os.umask(0o022)
    try:
        path = save_review(_review(1), report)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the folder's normal permissions, not 0600
        path.chmod(0o664)
        save_review(_review(2), report)
        assert stat.S_IMODE(path.stat().st_mode) == 0o664
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot fsync a folder")
def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "报告.txt"
    report.write_text("报告", encoding="utf-8")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src, dst):  # type: ignore[no-untyped-def]
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    save_review(_review(1), report)
    assert events == ["fsync-file", "rename", "fsync-folder"]


# ---- leftovers of a crash ----------------------------------------------------------------


def _old(path: Path, age: float = 3600) -> Path:
    path.write_bytes(b"half")
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_leftovers_are_removed_at_the_next_start(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from gui import app as gui_app
    from gui.paths import reviews_dir
    from gui.settings import Settings

    gui_app.make_app()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # make_window installs its own
    exports = tmp_path / "导出"
    exports.mkdir()
    Settings(gui_app.settings()).export_dir = str(exports)
    reviews = reviews_dir()
    stale = [
        _old(reviews / ".~rv1a2b3c4d5e6f7a.tmp"),
        _old(reviews / "报告.txt.0123456789abcdef.review.json.k3j2h1.tmp"),  # an earlier version's name
        _old(exports / ".~export.ab12cd34.xlsx"),
    ]
    fresh = reviews / ".~rv0000000000aaaa.tmp"  # another instance may be writing it right now
    fresh.write_bytes(b"being written")
    kept = _old(reviews / "报告.txt.0123456789abcdef.review.json")
    window = gui_app.make_window([str(SEEDS[0])], interactive=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not any(p.exists() for p in stale), timeout=10_000)
    assert fresh.exists() and kept.exists()
    window.close()


def test_leftovers_of_a_reports_own_review_are_removed_when_it_opens(make_window, report_copy) -> None:  # type: ignore[no-untyped-def]
    from core.session_store import beside_path, temp_prefix

    report = report_copy(4)
    other = report_copy(3)
    review = beside_path(report)
    mine = [report.parent / f"{temp_prefix(review)}12345678.tmp", report.parent / f"{review.name}.x1y2z3.tmp"]
    theirs = report.parent / f"{temp_prefix(beside_path(other))}12345678.tmp"
    for path in [*mine, theirs]:
        path.write_bytes(b"half")  # just now: a kill moments ago
    make_window(report)
    assert not any(p.exists() for p in mine) and theirs.exists()


def test_old_export_leftovers_go_when_that_folder_is_exported_to_again(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = _old(tmp_path / ".~export.0a1b2c3d.xlsx")
    fresh = tmp_path / ".~export.9f8e7d6c.xlsx"  # another export may be writing it now
    fresh.write_bytes(b"being written")
    export_workbook(session, tmp_path / "审核表.xlsx")
    assert not old.exists() and fresh.exists()


def test_the_window_says_the_disk_is_full_when_no_save_is_possible(make_window, report_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import core.session_store as store

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    report = report_copy(4)
    window, (ctl,) = make_window(report)
    review = store.beside_path(report)
    monkeypatch.setattr(store, "atomic_write_text", full)
    ident = next(i for i, v in ctl.session.table.published.items() if v.value is not None and i in ctl.session.table.template)
    ctl.edit_value(ident, Decimal(9), "满")
    message = window.statusBar().currentMessage()
    assert "自动保存失败" in message and "磁盘已满" in message and "Errno" not in message
    assert ctl.session.value(ident) == Decimal(9)  # the correction stays in the window, saved at the next chance
    assert not review.exists()
