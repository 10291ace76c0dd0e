"""The window stays responsive whatever file arrives.

A 10 MB text file (4 million characters) used to freeze the window for 10 s. The event
loop is watched by a timer ticking every 10 ms while the file opens: no gap between two
ticks may exceed 200 ms, from the moment the file is opened until its tab is gone.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from big_files import big_text

pytestmark = pytest.mark.gui


def test_a_10_mb_text_file_never_stalls_the_window(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    from gui.session_controller import FAILED, LOADING

    path = big_text(tmp_path / "十兆的文本.txt", 10)
    window, _ = make_window()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the loop is running
    (ctl,) = window.open_files([str(path)])
    qtbot.waitUntil(lambda: ctl.state != LOADING, timeout=60_000)
    settled = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= settled + 20, timeout=5000)  # and it keeps running after
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert ctl.state == FAILED and "过大" in (ctl.error or "")
    assert window.file_tabs.count() == 0 and window.feedback.failures
    assert max(gaps) < 0.2, f"the event loop stalled for {max(gaps) * 1000:.0f} ms"
