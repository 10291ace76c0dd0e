"""The one background helper: run ``audit_file`` off the GUI thread.

A large PDF takes seconds to read; the window must stay responsive meanwhile. Jobs run
on a private QThreadPool so closing the window can wait for exactly our threads, and a
cancelled job has its result dropped; a scanned PDF's OCR also stops between two pages
(the engine asks ``progress`` after each page whether to go on).
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.audit import audit_file
from gui.startup_trace import mark

log = logging.getLogger(__name__)


class _Signals(QObject):
    # Emitted from the pool thread; Qt queues them to the receiver's (GUI) thread.
    done = Signal(int, object)  # job id, AuditResult
    crashed = Signal(int, str)  # job id, Chinese message
    pages = Signal(int, int, int)  # job id, pages recognised, pages to recognise


class _AuditJob(QRunnable):
    def __init__(self, job: int, path: str, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.job, self.path, self.signals, self.stop = job, path, signals, stop

    def progress(self, done: int, total: int) -> bool:
        """Called by the OCR between pages: report, and say whether to go on."""
        self.signals.pages.emit(self.job, done, total)
        return not self.stop.is_set()

    def run(self) -> None:
        try:
            result: Any = audit_file(self.path, self.progress)
            mark("audit done (audit thread)")
        except Exception:  # a bug in the engine: log it, tell the auditor, keep the window
            log.error("audit_file(%r) failed\n%s", self.path, traceback.format_exc())
            self.signals.crashed.emit(self.job, "读取报告时出现意外错误，详情已写入日志")
            return
        self.signals.done.emit(self.job, result)


class AuditRunner(QObject):
    """Runs audits in the background; ``finished``/``failed`` arrive on the GUI thread."""

    finished = Signal(int, object)  # job id, AuditResult (its ``error`` may be set)
    failed = Signal(int, str)
    busyChanged = Signal(bool)
    pages = Signal(int, int, int)  # job id, pages recognised, pages to recognise (scanned PDFs)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._ids = itertools.count(1)
        self._pending: dict[int, threading.Event] = {}  # job id -> set to stop its OCR
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.crashed.connect(self._on_crashed)
        self._signals.pages.connect(lambda job, done, total: self.pages.emit(job, done, total) if job in self._pending else None)

    def submit(self, path: str) -> int:
        job = next(self._ids)
        self._pending[job] = threading.Event()
        self._pool.start(_AuditJob(job, path, self._signals, self._pending[job]))
        if len(self._pending) == 1:
            self.busyChanged.emit(True)
        return job

    def cancel(self, job: int | None = None) -> None:
        """Forget one job (or all): its result will be dropped when it arrives, and a scan's
        OCR stops after the page it is on."""
        dropped = list(self._pending) if job is None else [job] if job in self._pending else []
        for gone in dropped:
            self._pending.pop(gone).set()
        if dropped and not self._pending:
            self.busyChanged.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until no job thread is running (closing must not leave threads behind)."""
        return self._pool.waitForDone(msecs)

    def _take(self, job: int) -> bool:
        if job not in self._pending:
            return False
        del self._pending[job]
        if not self._pending:
            self.busyChanged.emit(False)
        return True

    def _on_done(self, job: int, result: object) -> None:
        if self._take(job):
            self.finished.emit(job, result)

    def _on_crashed(self, job: int, message: str) -> None:
        if self._take(job):
            self.failed.emit(job, message)
