"""Milestones of start-up, written only when bench/bench_frozen.py asks for them.

``NIANBAO_STARTUP_TRACE=FILE`` with ``NIANBAO_LAUNCH_TIME=<time.time() at launch>`` makes
``mark(label)`` append ``label<TAB>seconds since launch<TAB>CPU seconds of the process so far``
to FILE, so the bench can say
where a frozen start-up goes (bootloader, imports, window, audit, paint) instead of
guessing from a source run. Unset, ``mark`` is one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

_FILE = os.environ.get("NIANBAO_STARTUP_TRACE")
_LAUNCH: float | None
try:
    _LAUNCH = float(os.environ.get("NIANBAO_LAUNCH_TIME", ""))
except ValueError:
    _LAUNCH = None


def mark(label: str) -> None:
    if not _FILE or _LAUNCH is None:
        return
    try:
        with open(_FILE, "a", encoding="utf-8") as out:
            out.write(f"{label}\t{time.time() - _LAUNCH:.4f}\t{time.process_time():.4f}\n")
    except OSError:
        pass  # a trace must never cost the auditor a start-up


def trace_first_paint(widget: QWidget) -> None:
    """Mark "window first painted" when ``widget`` first paints (only while tracing)."""
    if not _FILE or _LAUNCH is None:
        return
    from PySide6.QtCore import QEvent, QObject  # tracing only: the entry script marks before Qt loads

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                mark("window first painted")
                widget.removeEventFilter(self)
            return False

    widget.installEventFilter(FirstPaint(widget))
