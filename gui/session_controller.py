"""One open report: its AuditSession, its undo stack, and its review file on disk.

The controller is the only GUI object that mutates a session, and only through undo
commands. After every change it saves the review at once (atomically, see
``core.session_store``) so a crash or a killed process loses nothing. On opening it
restores a saved review, unless the report changed since: then it says so and lets the
auditor decide instead of silently re-applying corrections to a different text.

A review has one writer (``core.review_lock``): the first window to open the report
takes the lock; another window shows the review read-only, follows the writer's saves,
and becomes the writer when the holder is gone or the auditor takes over. Before each
save the file on disk is compared with what this window last read or wrote; if someone
else wrote it meanwhile, both versions are merged by change (``core.review_merge``), so
no finished correction is ever overwritten silently.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.atomic_file import describe
from core.audit import AuditResult, current_findings
from core.file_names import fitted_name
from core.review_lock import LockHolder, ReviewLock
from core.review_merge import merge_reviews
from core.rules.finding import Finding
from core.session import AuditSession, Change
from core.session_store import (
    ReviewSaveError,
    SavedReview,
    atomic_write_text,
    candidate_paths,
    load_review,
    quick_state,
    read_review_file,
    remove_own_leftovers,
    review_text,
    save_review,
)
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
    lockChanged = Signal()  # became read-only (another window writes) or writable again
    notice = Signal(str)  # a one-line Chinese note for the status bar (merged, refused, taken over)
    pages = Signal(int, int)  # a scanned PDF's OCR while loading: pages done, pages in all

    # How often a read-only window looks at the writer's review and lock.
    FOLLOW_INTERVAL_MS = 3000

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
        self.lock: ReviewLock | None = None
        self.holder: LockHolder | None = None  # another writer, while this window is read-only
        self._base: dict[str, Any] | None = None  # the review as last read or written here
        self._known: dict[Path, tuple[int, int] | None] = {}  # each review file's state then
        self._reloaded = False
        self._follow = QTimer(self)
        self._follow.setInterval(self.FOLLOW_INTERVAL_MS)
        self._follow.timeout.connect(self.refresh)

    # ---- opening -------------------------------------------------------------
    def start(self, runner: AuditRunner) -> None:
        """Audit in the background; ``loaded`` or ``failed`` follows on the GUI thread."""
        self._runner = runner
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.pages.connect(lambda job, done, total: self.pages.emit(done, total) if job == self._job else None)
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
        self._take_lock()
        if self.options.user:
            self.session.user = self.options.user
        saved = self._find_saved()
        note = ""
        if saved is not None and saved.has_work and not saved.stale:
            self.session.restore(saved.data)
            note = self._restored_note(saved)
        self._remember(saved.data if saved is not None else None)
        self.state = READY
        self.loaded.emit()
        if note:
            self.restored.emit(note)
        if self.read_only:
            self.lockChanged.emit()
        if saved is not None and saved.has_work and saved.stale and not self.read_only:
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
        target = self._keep_aside(saved.path)
        saved.path.unlink(missing_ok=True)
        self._remember(None)
        return target

    @staticmethod
    def _keep_aside(review: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = review.with_name(fitted_name(review.name, f".{stamp}.bak"))
        shutil.copy2(review, target)
        return target

    # ---- one writer per review -------------------------------------------------
    def _review_paths(self) -> list[Path]:
        paths = candidate_paths(self.path, self.fallback_dir)
        # The shipped sample sits in the program folder: never write (or lock) there; and the
        # auditor may want reviews kept off shared folders (设置: 审核记录保存位置).
        in_app_data = is_bundled_resource(self.path) or self.options.in_app_data
        return paths[-1:] if in_app_data and self.fallback_dir is not None else paths

    def _take_lock(self) -> None:
        """Lock the review where it will be written: beside the report, else under app data."""
        for review in self._review_paths():
            lock = ReviewLock(review)
            try:
                if self.fallback_dir is not None and review.parent == self.fallback_dir:
                    review.parent.mkdir(parents=True, exist_ok=True)
                holder = lock.acquire()
            except OSError:
                continue  # no lock can be made here (read-only folder ...): try the next place
            self.lock, self.holder = lock, holder
            if holder is None:
                remove_own_leftovers(review)  # only the writer may: nobody else writes them
            self._set_following()
            return
        self.lock, self.holder = None, None  # nowhere to lock: nothing can be saved either, and saving says so

    def _set_following(self) -> None:
        if self.holder is not None:
            self._follow.start()
        else:
            self._follow.stop()

    @property
    def read_only(self) -> bool:
        return self.holder is not None

    def take_over(self) -> bool:
        """Become the writer (the holder is gone, or the auditor confirmed); True on success."""
        if self.lock is None or self.session is None:
            return False
        try:
            self.lock.take_over()
        except OSError as err:
            self.notice.emit(f"无法接管编辑：{describe(err)}")
            return False
        if not self.lock.held:  # another window took it at the same moment
            self.holder = self.lock.holder()
            self.lockChanged.emit()
            return False
        self.holder = None
        self._set_following()
        self._reload_from_disk()
        for review in self._review_paths():
            remove_own_leftovers(review)
        self.lockChanged.emit()
        return True

    def refresh(self) -> None:
        """Read-only: show the writer's latest review; become the writer once it is gone."""
        if not self.read_only or self.lock is None or self.session is None:
            return
        if any(quick_state(p) != self._known.get(p) for p in self._review_paths()):
            self._reload_from_disk()
        holder = self.lock.holder()
        if holder is None or self.lock.is_stale(holder):
            if self.lock.acquire() is None:
                self.take_over()  # re-reads what the writer saved last
                self.notice.emit("原编辑窗口已关闭，此窗口现在可以编辑")
                return
            holder = self.lock.holder()
        if holder != self.holder and holder is not None:
            self.holder = holder
            self.lockChanged.emit()

    def release(self) -> None:
        """Give up the lock (tab or window closed): another window may write now."""
        self._follow.stop()
        if self.lock is not None:
            self.lock.release()

    def _reload_from_disk(self) -> None:
        assert self.session is not None
        saved = self._find_saved()
        if saved is not None and saved.stale:
            return  # written for another version of the report: never applied silently
        self.session.reload(saved.data if saved is not None else {})
        self._remember(saved.data if saved is not None else None)
        self.reset.emit()

    def _remember(self, data: dict[str, Any] | None) -> None:
        """What the review files are now: a later difference means another writer."""
        self._base = data
        self._known = {p: quick_state(p) for p in self._review_paths()}

    def _merge_with_disk(self, data: dict[str, Any]) -> dict[str, Any]:
        """Ours, plus whatever another writer saved since we last read or wrote."""
        assert self.session is not None
        for path in self._review_paths():
            if quick_state(path) == self._known.get(path):
                continue
            read = read_review_file(path)
            if read is None:
                continue
            theirs, _ = read
            ours_sha = data.get("report", {}).get("sha256", "")
            if theirs.get("report", {}).get("sha256", ours_sha) != ours_sha:
                # Written for another version of the report: not merged into this one, kept aside.
                kept = self._keep_aside(path)
                self.notice.emit(f"另一处保存了此报告另一版本的审核记录，已另存为 {kept.name}，未合并")
                continue
            if review_text(theirs) == review_text(data):
                continue
            merged = merge_reviews(self._base, data, theirs)
            if merged != data:
                self.session.reload(merged)
                data = self.session.to_dict()
                self._reloaded = True
                self.notice.emit(f"“{path.name}”已被另一处保存过，已把双方的更正和处置合并保存")
        return data

    # ---- changing (always through the undo stack) --------------------------
    def push(self, command: QUndoCommand) -> None:
        if self.read_only:
            assert self.holder is not None
            self.notice.emit(f"此报告的审核记录正由 {self.holder.description}编辑，本窗口只读，未作更改")
            return
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
        if self._reloaded:  # merged with another writer's save: more than this change moved
            self._reloaded = False
            self.reset.emit()
        else:
            self.changed.emit(change)

    # ---- persistence ---------------------------------------------------------
    def autosave(self) -> Path | None:
        """Save the review now; never from a read-only window (its writer saves)."""
        if self.session is None or self.read_only:
            return None
        lost = self.lock is not None and self.lock.held and not self.lock.still_ours()
        data = self._merge_with_disk(self.session.to_dict())
        try:
            if (is_bundled_resource(self.path) or self.options.in_app_data) and self.fallback_dir is not None:
                target = self._review_paths()[0]
                target.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(target, review_text(data))
                self.saved_to = target
            else:
                self.saved_to = save_review(data, self.path, self.fallback_dir)
        except OSError as err:
            reason = err.reason if isinstance(err, ReviewSaveError) else describe(err)
            log.error("autosave of %s failed: %s (%s)", self.path, reason, err)
            self.saveFailed.emit(reason)
            return None
        self._remember(data)
        if lost and self.lock is not None:
            # Another window took over (its auditor confirmed): our last change is merged
            # into the file above, and from now on that window is the writer.
            self.lock.held = False
            self.holder = self.lock.holder()
            if self.holder is not None:
                self._set_following()
                self.lockChanged.emit()
                self.notice.emit(f"审核记录已由 {self.holder.description}接管：刚才的更改已合并保存，本窗口转为只读")
        return self.saved_to

    def finding(self, key: str) -> Finding | None:
        if self.session is None:
            return None
        return next((f for f in self.session.findings if f.key == key), None)

    @property
    def title(self) -> str:
        return Path(self.path).name
