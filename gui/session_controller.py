"""One open report: its AuditSession, its undo stack, and its review file on disk.

The controller is the only GUI object that mutates a session, and only through undo
commands. After every change it saves the review at once (atomically, see
``core.session_store``) so a crash or a killed process loses nothing. On opening it
restores a saved review, unless the report changed since: then it says so and lets the
auditor decide instead of silently re-applying corrections to a different text.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.audit import AuditResult, current_findings
from core.rules.finding import Finding
from core.session import AuditSession, Change
from core.session_store import SavedReview, atomic_write_text, candidate_paths, load_review, save_review
from gui.commands import (
    AcceptSuggestionCommand,
    BlankAsZeroCommand,
    DisposeFindingCommand,
    DisposeFindingsCommand,
    EditValueCommand,
)
from gui.paths import is_bundled_resource
from gui.workers import AuditRunner

log = logging.getLogger(__name__)

LOADING, READY, FAILED = "loading", "ready", "failed"
CANCELLED = "已取消打开"


@dataclass
class ReviewOptions:
    """What the auditor's settings say about every review (gui.settings)."""

    user: str = ""  # 审核人: the trail and the exports name them; "" = the login name
    blank_as_zero: bool = False  # a report opened without a review starts so
    in_app_data: bool = False  # keep the review in the user data folder, not beside the report


class SessionController(QObject):
    loaded = Signal()  # the session is ready to show
    failed = Signal(str)  # the report could not be read (Chinese message)
    changed = Signal(object)  # a core Change after an edit, undo or redo
    reset = Signal()  # the whole session state was replaced (a review re-applied)
    staleReview = Signal(object)  # a SavedReview for an earlier version of the report
    restored = Signal(str)  # a one-line Chinese note: what was restored
    saveFailed = Signal(str)  # neither beside the report nor under app data: tell the auditor

    def __init__(
        self, path: str, fallback_dir: str | Path | None, parent: QObject | None = None,
        options: ReviewOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self.options = options or ReviewOptions()
        self.path = str(path)
        self.fallback_dir = Path(fallback_dir) if fallback_dir is not None else None
        self.state = LOADING
        self.error: str | None = None
        self.session: AuditSession | None = None
        self.saved_to: Path | None = None
        self.undo_stack = QUndoStack(self)
        self._runner: AuditRunner | None = None
        self._job: int | None = None

    # ---- opening -------------------------------------------------------------
    def start(self, runner: AuditRunner) -> None:
        """Audit in the background; ``loaded`` or ``failed`` follows on the GUI thread."""
        self._runner = runner
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        self._job = runner.submit(self.path)

    def cancel(self) -> None:
        if self._runner is not None and self._job is not None and self.state == LOADING:
            self._runner.cancel(self._job)
            self._fail(CANCELLED)

    def _on_finished(self, job: int, result: object) -> None:
        if job == self._job:
            assert isinstance(result, AuditResult)
            self.load_result(result)

    def _on_failed(self, job: int, message: str) -> None:
        if job == self._job:
            self._fail(message)

    def _fail(self, message: str) -> None:
        self.state, self.error = FAILED, message
        self.failed.emit(message)

    def load_result(self, result: AuditResult) -> None:
        """Take an audit (from the worker, or directly in tests and benches)."""
        if result.error is not None:
            self._fail(result.error)
            return
        if self.options.blank_as_zero and result.table is not None:
            # The auditor's default; a saved review says otherwise when it holds the option.
            result.table.blank_as_zero = True
            result.findings = current_findings(result)
        self.session = AuditSession(result)
        if self.options.user:
            self.session.user = self.options.user
        saved = self._find_saved()
        note = ""
        if saved is not None and saved.has_work and not saved.stale:
            self.session.restore(saved.data)
            note = self._restored_note(saved)
        self.state = READY
        self.loaded.emit()
        if note:
            self.restored.emit(note)
        if saved is not None and saved.has_work and saved.stale:
            self.staleReview.emit(saved)

    def _find_saved(self) -> SavedReview | None:
        assert self.session is not None
        doc = self.session.result.document
        return load_review(self.path, doc.sha256 if doc else "", self.fallback_dir)

    @staticmethod
    def _restored_note(saved: SavedReview) -> str:
        data = saved.data
        return (
            f"已恢复上次的审核记录：更正 {len(data.get('corrections', {}))} 处，"
            f"处置 {len(data.get('dispositions', {}))} 条（{saved.path.name}）"
        )

    def apply_saved(self, saved: SavedReview) -> None:
        """The auditor chose to re-apply a review saved for an earlier version of the report."""
        assert self.session is not None
        self.session.restore(saved.data)
        self.undo_stack.clear()
        self.reset.emit()
        self.restored.emit(self._restored_note(saved))
        self.autosave()

    def set_aside_saved(self, saved: SavedReview) -> Path:
        """Keep a stale review under another name so the next autosave cannot overwrite it."""

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = saved.path.with_name(f"{saved.path.name}.{stamp}.bak")
        shutil.copy2(saved.path, target)
        saved.path.unlink(missing_ok=True)
        return target

    # ---- changing (always through the undo stack) --------------------------
    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def edit_value(self, ident: str, new: Decimal | None, reason: str = "") -> None:
        self.push(EditValueCommand(self, ident, new, reason))

    def revert_value(self, ident: str, reason: str = "") -> None:
        assert self.session is not None
        if self.session.is_corrected(ident):
            self.edit_value(ident, self.session.published(ident), reason or "恢复公布值")

    def dispose(self, key: str, status: str, note: str = "") -> None:
        self.push(DisposeFindingCommand(self, key, status, note))

    def dispose_many(self, keys: list[str], status: str, note: str = "") -> None:
        """One disposition and one note for all of ``keys``: one undo step."""
        if len(keys) == 1:
            self.dispose(keys[0], status, note)
        elif keys:
            self.push(DisposeFindingsCommand(self, keys, status, note))

    def set_blank_as_zero(self, on: bool) -> None:
        if self.session is not None and self.session.table is not None and self.session.blank_as_zero != on:
            self.push(BlankAsZeroCommand(self, on))

    def accept_suggestion(self, finding: Finding) -> None:
        if finding.suggestion is not None:
            self.push(AcceptSuggestionCommand(self, finding))

    def publish(self, change: Change) -> None:
        """Called by undo commands after they changed the session: save first, then redraw."""
        self.autosave()
        self.changed.emit(change)

    # ---- persistence ---------------------------------------------------------
    def autosave(self) -> Path | None:
        if self.session is None:
            return None
        data = self.session.to_dict()
        try:
            if (is_bundled_resource(self.path) or self.options.in_app_data) and self.fallback_dir is not None:
                # The shipped sample sits in the program folder: never write there; and the
                # auditor may want reviews kept off shared folders.
                target = candidate_paths(self.path, self.fallback_dir)[-1]

                atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=1))
                self.saved_to = target
            else:
                self.saved_to = save_review(data, self.path, self.fallback_dir)
        except OSError as err:
            log.error("autosave of %s failed: %s", self.path, err)
            self.saveFailed.emit(str(err))
            return None
        return self.saved_to

    def finding(self, key: str) -> Finding | None:
        if self.session is None:
            return None
        return next((f for f in self.session.findings if f.key == key), None)

    @property
    def title(self) -> str:
        return Path(self.path).name
