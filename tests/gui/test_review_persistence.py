"""The review is never lost: autosave, reopen, a killed process, a changed report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core.session import CONFIRMED
from core.session_store import SUFFIX
from gui.dialogs import messages

pytestmark = pytest.mark.gui
ROOT = Path(__file__).parents[2]


def _edit_and_dispose(window, ctl):  # type: ignore[no-untyped-def]
    session = ctl.session
    ident = next(i for i, v in session.table.published.items() if v.value is not None and i in session.table.template)
    new = session.value(ident) + 5
    ctl.edit_value(ident, new, "与原件核对")
    key = session.findings[0].key
    ctl.dispose(key, CONFIRMED, "确认：表内不平衡")
    return ident, new, key


def test_close_and_reopen_restores_the_review(open_window, seed_copy, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = seed_copy(4)
    window, (ctl,) = open_window(report)
    ident, new, key = _edit_and_dispose(window, ctl)
    saved = report.with_name(report.name + SUFFIX)
    assert saved.is_file(), "autosaved beside the report after each change"
    history = len(ctl.session.history)
    window.close()

    again, (ctl2,) = open_window(report)
    assert ctl2.session.value(ident) == new
    assert ctl2.session.reasons[ident] == "与原件核对"
    assert ctl2.session.disposition(key).status == CONFIRMED
    assert ctl2.session.disposition(key).note == "确认：表内不平衡"
    assert len(ctl2.session.history) == history
    assert again.history.model_.rowCount() == history
    assert "已恢复" in again.statusBar().currentMessage()
    assert "已更正" in again.indicators.model.index_for_id(ident, 4).data()


def test_read_only_folder_falls_back_to_app_data(open_window, seed_copy, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import core.session_store as store

    report = seed_copy(4)
    real_write = store.atomic_write_text

    def read_only_beside_report(path: Path, text: str) -> None:
        # Root ignores chmod, so the read-only folder is simulated at the write itself.
        if path.parent == report.parent:
            raise PermissionError(13, "只读", str(path))
        real_write(path, text)

    monkeypatch.setattr(store, "atomic_write_text", read_only_beside_report)
    window, (ctl,) = open_window(report)
    ident, new, _ = _edit_and_dispose(window, ctl)
    assert ctl.saved_to is not None and ctl.saved_to.parent == tmp_path / "fallback"
    assert not report.with_name(report.name + SUFFIX).exists()
    window.close()
    again, (ctl2,) = open_window(report)
    assert ctl2.session.value(ident) == new


_WORKER = textwrap.dedent(
    """
    import sys, os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from decimal import Decimal
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from core.audit import audit_file
    from gui.session_controller import SessionController
    report, fallback = sys.argv[1], sys.argv[2]
    ctl = SessionController(report, fallback)
    ctl.load_result(audit_file(report))
    session = ctl.session
    ids = [i for i, v in session.table.published.items() if v.value is not None and i in session.table.template]
    ctl.dispose(session.findings[0].key, "confirmed", "子进程的备注")
    n = 0
    while True:  # keep correcting until killed: the file must never be half-written
        ident = ids[n % len(ids)]
        ctl.edit_value(ident, Decimal(1000 + n), f"第{n}次")
        print(ident, 1000 + n, flush=True)
        n += 1
    """
)


def test_killed_process_loses_no_saved_work(open_window, seed_copy, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = seed_copy(4)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(report), str(tmp_path / "fallback")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
    )
    done = []
    try:
        assert proc.stdout is not None
        for _ in range(25):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "worker died"
            done.append(line.split())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    saved = report.with_name(report.name + SUFFIX)
    json.loads(saved.read_text(encoding="utf-8"))  # whole, never half a file

    window, (ctl,) = open_window(report)
    session = ctl.session
    # every correction reported before the kill is there (later ones may be too)
    for ident, _value in done[-5:]:
        latest = max(int(v) for i, v in done if i == ident)
        assert session.value(ident) is not None and int(session.value(ident)) >= latest
    assert [d.note for d in session.dispositions.values()] == ["子进程的备注"]
    assert len(session.history) >= len(done) + 1


def test_changed_report_is_not_silently_reapplied(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    report = seed_copy(4)
    window, (ctl,) = open_window(report)
    ident, new, _ = _edit_and_dispose(window, ctl)
    window.close()
    with report.open("a", encoding="utf-8") as fh:
        fh.write("\n（本报告已于次日修订）\n")

    asked: list[str] = []

    def decline(parent, name, saved):  # type: ignore[no-untyped-def]
        asked.append(name)
        return False

    monkeypatch.setattr(messages, "ask_apply_stale", decline)
    again, (ctl2,) = open_window(report)
    assert asked == [report.name]
    assert not ctl2.session.is_corrected(ident) and not ctl2.session.dispositions
    backups = list(report.parent.glob(f"{report.name}{SUFFIX}.*.bak"))
    assert len(backups) == 1 and json.loads(backups[0].read_text(encoding="utf-8"))["corrections"]
    again.close()


def test_changed_report_can_be_reapplied_on_request(open_window, seed_copy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    report = seed_copy(4)
    window, (ctl,) = open_window(report)
    ident, new, _ = _edit_and_dispose(window, ctl)
    window.close()
    report.write_text(report.read_text(encoding="utf-8") + "\n附记。\n", encoding="utf-8")
    monkeypatch.setattr(messages, "ask_apply_stale", lambda *a: True)
    again, (ctl2,) = open_window(report)
    assert ctl2.session.value(ident) == new
    assert "已更正" in again.indicators.model.index_for_id(ident, 4).data()


def test_the_bundled_sample_is_never_written_to(open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gui.paths import resource_path, sample_report

    before = sorted(p.name for p in resource_path().iterdir())
    window, (ctl,) = open_window(sample_report())
    ident, new, key = _edit_and_dispose(window, ctl)
    assert ctl.saved_to is not None and ctl.saved_to.parent == tmp_path / "fallback"
    assert sorted(p.name for p in resource_path().iterdir()) == before
    window.close()
    again, (ctl2,) = open_window(sample_report())
    assert ctl2.session.value(ident) == new


def test_window_layout_is_remembered(open_window, seed_copy) -> None:  # type: ignore[no-untyped-def]
    window, _ = open_window(seed_copy(4))
    window.splitters[0].setSizes([400, 966])
    window.close()
    saved = window.settings.value("splitters")
    assert isinstance(saved, list) and len(saved) == 3
    again, _ = open_window(seed_copy(4))
    again.splitters[0].setSizes([700, 666])
    again.restore_splitters()  # what the app does with a new window (gui/app.py)
    assert again.splitters[0].saveState() == saved[0]
