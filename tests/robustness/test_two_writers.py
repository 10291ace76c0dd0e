"""Two windows on one report never lose finished work (issue: the last writer used to win).

A review has one writer: the second window (or process) shows it read-only, says who
writes it since when, follows the writer's saves and takes over when the writer is gone.
A save never drops a correction another window made: the two versions are merged by change.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from core.audit import audit_file
from core.review_lock import ReviewLock, lock_path
from core.review_merge import merge_reviews
from core.session import CONFIRMED, current_user
from core.session_store import SUFFIX, load_review

ROOT = Path(__file__).parents[2]


def _printed_ids(ctl, n: int = 2) -> list[str]:  # type: ignore[no-untyped-def]
    table = ctl.session.table
    return [i for i, v in table.published.items() if v.value is not None and i in table.template][:n]


_MADE: list = []  # controllers made without a window, released when their test ends


@pytest.fixture(autouse=True)
def _release_controllers():  # type: ignore[no-untyped-def]
    """A read-only controller polls its writer on a timer. Left running past its test, the
    timer could fire while Python collects the unreferenced controller, deleting the timer
    under its own signal: stop it here, as closing a window does."""
    yield
    while _MADE:
        _MADE.pop().release()


def _controller(report: Path, fallback: Path):  # type: ignore[no-untyped-def]
    from gui.session_controller import SessionController

    ctl = SessionController(str(report), fallback)
    ctl.load_result(audit_file(report))
    _MADE.append(ctl)
    return ctl


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


# ---- the lock itself (core, no Qt) -------------------------------------------------


def test_one_holder_at_a_time_and_the_second_sees_who(tmp_path: Path) -> None:
    review = tmp_path / ("报告.txt" + SUFFIX)
    first, second = ReviewLock(review), ReviewLock(review)
    assert first.acquire() is None and first.still_ours()
    holder = second.acquire()
    assert holder is not None and holder.user == current_user() and holder.pid == os.getpid()
    assert current_user() in holder.description and holder.since_text[:4].isdigit()
    first.release()
    assert not lock_path(review).exists()
    assert second.acquire() is None


def test_a_lock_left_by_a_dead_process_is_taken_at_once(tmp_path: Path) -> None:
    review = tmp_path / ("报告.txt" + SUFFIX)
    import socket

    lock_path(review).write_text(json.dumps({
        "user": "同事", "host": socket.gethostname(), "pid": _dead_pid(), "at": "2024-03-01T09:00:00+08:00", "token": "old",
    }), encoding="utf-8")
    assert ReviewLock(review).acquire() is None


def test_a_lock_held_on_another_computer_needs_an_explicit_take_over(tmp_path: Path) -> None:
    review = tmp_path / ("报告.txt" + SUFFIX)
    lock_path(review).write_text(json.dumps({
        "user": "张三", "host": "另一台电脑", "pid": 4242, "at": "2024-03-01T09:00:00+08:00", "token": "theirs",
    }), encoding="utf-8")
    lock = ReviewLock(review)
    holder = lock.acquire()
    assert holder is not None and "张三" in holder.description and "另一台电脑" in holder.description
    assert "2024-03-01 09:00" in holder.description
    lock.take_over()
    assert lock.still_ours()
    lock.release()
    assert not lock_path(review).exists()


# ---- merging two versions of one review ---------------------------------------------


def _entry(at: str, target: str, new: str, action: str = "edit") -> dict[str, object]:
    return {"at": at, "user": "u", "action": action, "target": target, "old": None, "new": new, "reason": ""}


def test_merge_keeps_both_sides_changes_and_the_newer_of_a_conflict() -> None:
    base = {"corrections": {"a": "1"}, "reasons": {}, "dispositions": {}, "history": [_entry("2024-01-01T10:00:00+08:00", "a", "1")]}
    ours = {
        "corrections": {"a": "1", "b": "2", "c": "30"}, "reasons": {"b": "我的理由"}, "dispositions": {},
        "history": base["history"] + [_entry("2024-01-01T10:05:00+08:00", "b", "2"), _entry("2024-01-01T10:06:00+08:00", "c", "30")],
    }
    theirs = {
        "corrections": {"c": "31"}, "reasons": {},  # they also reverted a
        "dispositions": {"k|x|": {"status": CONFIRMED, "note": "他们的备注", "user": "u", "at": "2024-01-01T10:02:00+08:00"}},
        "history": base["history"] + [
            _entry("2024-01-01T10:01:00+08:00", "a", "", "edit"), _entry("2024-01-01T10:02:00+08:00", "k|x|", CONFIRMED, "dispose"),
            _entry("2024-01-01T10:07:00+08:00", "c", "31"),
        ],
    }
    merged = merge_reviews(base, ours, theirs)
    assert merged["corrections"] == {"b": "2", "c": "31"}  # a: theirs removed it; c: theirs is newer
    assert merged["reasons"] == {"b": "我的理由"}
    assert merged["dispositions"]["k|x|"]["note"] == "他们的备注"
    times = [h["at"] for h in merged["history"]]
    assert times == sorted(times) and len(times) == 6  # the shared entry once, both sides' own entries
    assert {"30", "31"} <= {h["new"] for h in merged["history"]}  # the losing value stays on record


# ---- two controllers on one review (the case) --------------------------------


def test_second_controller_is_read_only_and_follows_the_writer(qapp, report_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = report_copy(4)
    first = _controller(report, tmp_path / "fallback")
    second = _controller(report, tmp_path / "fallback")
    assert not first.read_only and second.read_only
    assert second.holder is not None and second.holder.pid == os.getpid()

    a, b = _printed_ids(first)
    before = len(second.session.history)
    second.edit_value(a, Decimal(777), "不该写入")
    assert not second.session.is_corrected(a) and len(second.session.history) == before  # refused, said so

    first.edit_value(a, first.session.value(a) + 1, "第一个窗口")
    second.refresh()
    assert second.session.value(a) == first.session.value(a)  # shows the writer's saves

    first.release()
    second.refresh()  # the writer is gone: this one writes now
    assert not second.read_only
    second.edit_value(b, second.session.value(b) + 2, "第二个窗口")
    second.release()

    third = _controller(report, tmp_path / "fallback")
    assert third.session.reasons == {a: "第一个窗口", b: "第二个窗口"}
    assert {h.reason for h in third.session.history} >= {"第一个窗口", "第二个窗口"}


def test_two_writers_each_correcting_a_value_both_survive(qapp, report_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The issue's scenario: two windows both writing (a take-over while the first still works)."""
    report = report_copy(4)
    first = _controller(report, tmp_path / "fallback")
    second = _controller(report, tmp_path / "fallback")
    a, b = _printed_ids(first)
    assert second.take_over() and not second.read_only

    second.edit_value(b, second.session.value(b) + 2, "第二个窗口")
    first.edit_value(a, first.session.value(a) + 1, "第一个窗口")  # merged in, then read-only
    assert first.read_only and first.holder is not None
    key = second.session.findings[0].key
    second.dispose(key, CONFIRMED, "确认")  # merges what the first one saved last

    saved = load_review(report, second.session.result.document.sha256, tmp_path / "fallback")
    assert saved is not None
    assert set(saved.data["corrections"]) == {a, b}
    assert saved.data["reasons"] == {a: "第一个窗口", b: "第二个窗口"}
    assert saved.data["dispositions"][key]["note"] == "确认"
    reasons = [h["reason"] for h in saved.data["history"]]
    assert "第一个窗口" in reasons and "第二个窗口" in reasons


def test_a_review_written_behind_our_back_is_merged_not_overwritten(qapp, report_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An older version of the program (no lock) saved the same review: nothing of it is dropped."""
    report = report_copy(4)
    ctl = _controller(report, tmp_path / "fallback")
    a, b = _printed_ids(ctl)
    ctl.edit_value(a, ctl.session.value(a) + 1, "本窗口")
    review = report.with_name(report.name + SUFFIX)
    data = json.loads(review.read_text(encoding="utf-8"))
    data["corrections"][b] = "12345"
    data["reasons"][b] = "另一程序"
    data["history"].append({"at": "2099-01-01T00:00:00+08:00", "user": "别人", "action": "edit", "target": b,
                            "old": None, "new": "12345", "reason": "另一程序"})
    review.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    ctl.edit_value(a, ctl.session.value(a) + 1, "本窗口再改")
    assert ctl.session.value(b) == Decimal(12345)
    saved = json.loads(review.read_text(encoding="utf-8"))
    assert saved["corrections"][b] == "12345" and saved["reasons"][a] == "本窗口再改"


# ---- the window ------------------------------------------------------------------------


def test_second_window_shows_who_holds_the_review_and_can_take_over(make_window, report_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.actions import ActionId
    from gui.dialogs import messages
    from gui.models.indicator_model import CORRECTED

    report = report_copy(4)
    w1, (c1,) = make_window(report)
    w2, (c2,) = make_window(report)
    assert not w1.lock_banner.isVisible()
    assert w2.lock_banner.isVisible() and current_user() in w2.lock_banner.label.text()
    assert "只读" in w2.file_tabs.tabText(0)
    ident = _printed_ids(c2, 1)[0]
    index = w2.indicators.model.index_for_id(ident, CORRECTED)
    assert not w2.indicators.model.flags(index) & w2.indicators.model.flags(index).ItemIsEditable
    assert not w2.registry[ActionId.CONFIRM].isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_take_over", lambda parent, who: asked.append(who) or True)
    w2.lock_banner.take.click()
    assert asked and not c2.read_only and not w2.lock_banner.isVisible()
    assert "只读" not in w2.file_tabs.tabText(0)


def test_the_same_file_by_another_spelling_is_the_same_tab(make_window, report_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = report_copy(4)
    link = tmp_path / "快捷方式"
    link.symlink_to(report.parent, target_is_directory=True)
    window, controllers = make_window(report, link / report.name, report.parent / ".." / "reports" / report.name)
    assert len(controllers) == 1 and window.file_tabs.count() == 1


_HOLDER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from core.audit import audit_file
    from gui.session_controller import SessionController
    ctl = SessionController(sys.argv[1], sys.argv[2])
    ctl.load_result(audit_file(sys.argv[1]))
    print("read_only" if ctl.read_only else "holding", flush=True)
    sys.stdin.read()  # hold the review until killed
    """
)


def test_another_process_holds_the_review_until_it_is_killed(make_window, report_copy, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = report_copy(4)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(report), str(tmp_path / "fallback")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        window, (ctl,) = make_window(report)
        assert ctl.read_only and ctl.holder is not None and ctl.holder.pid == proc.pid
        assert window.lock_banner.isVisible()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    ctl.refresh()  # the holder's process is gone: its lock is stale
    assert not ctl.read_only and not window.lock_banner.isVisible()
    ident = _printed_ids(ctl, 1)[0]
    ctl.edit_value(ident, Decimal(4321), "接管后")
    assert load_review(report, "", tmp_path / "fallback").data["corrections"][ident] == "4321"  # type: ignore[union-attr]


@pytest.mark.skipif(sys.platform != "win32", reason="case-insensitive paths are a Windows matter")
def test_the_same_file_in_other_case_is_the_same_tab_on_windows(make_window, report_copy) -> None:  # type: ignore[no-untyped-def]
    report = report_copy(4)
    window, controllers = make_window(report, Path(str(report).upper()))
    assert len(controllers) == 1


def test_a_review_of_another_version_of_the_report_is_kept_aside_not_merged(qapp, report_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = report_copy(4)
    ctl = _controller(report, tmp_path / "fallback")
    a, b = _printed_ids(ctl)
    ctl.edit_value(a, ctl.session.value(a) + 1, "本窗口")
    review = report.with_name(report.name + SUFFIX)
    data = json.loads(review.read_text(encoding="utf-8"))
    data["report"]["sha256"] = "0" * 64  # saved by a window showing an edited copy of the report
    data["corrections"] = {b: "99"}
    review.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    ctl.edit_value(a, ctl.session.value(a) + 1, "本窗口再改")
    assert not ctl.session.is_corrected(b)  # not merged into this version
    kept = list(report.parent.glob(f"{report.name}{SUFFIX}.*.bak"))
    assert len(kept) == 1 and json.loads(kept[0].read_text(encoding="utf-8"))["corrections"] == {b: "99"}
