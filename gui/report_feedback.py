"""What the window tells the auditor about one report's life: could not open, restored,
changed since the last review, could not save.

Expected problems get a warning box with a Chinese message (or just the status bar
when the auditor caused them); nothing here raises.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from core.session_store import SavedReview
from gui.session_controller import CANCELLED, SessionController

log = logging.getLogger(__name__)


class ReportFeedback:
    def __init__(
        self,
        parent: QWidget,
        interactive: bool,
        show_status: Callable[[str, int], None],
        on_failed: Callable[[SessionController], None],
    ) -> None:
        self.parent, self.interactive, self.status = parent, interactive, show_status
        self._on_failed = on_failed  # the window drops the report's tab
        self.failures: list[str] = []  # reports that could not be opened (messages)

    def watch(self, ctl: SessionController) -> None:
        ctl.failed.connect(lambda message: self.failed(ctl, message))
        ctl.staleReview.connect(lambda saved: self.stale(ctl, saved))
        ctl.restored.connect(lambda note: self.status(note, 15000))
        ctl.saveFailed.connect(lambda message: self.save_failed(ctl, message))

    def failed(self, ctl: SessionController, message: str) -> None:
        self._on_failed(ctl)
        text = f"无法打开“{ctl.title}”：{message}"
        log.warning("%s (%s)", text, ctl.path)
        self.failures.append(text)
        if message == CANCELLED:  # the auditor's own choice: no error box
            self.status(text, 10000)
        elif self.interactive:
            # From the event loop: at start-up the window shows itself on this same signal,
            # and the box belongs in front of it, not in front of an empty frame.
            QTimer.singleShot(0, self.parent, lambda: self._show_error(text))
        elif sys.stderr is not None:
            print(text, file=sys.stderr)

    def _show_error(self, text: str) -> None:
        from gui.dialogs import messages  # dialogs load when first needed, not at start-up

        messages.show_error(self.parent, "无法打开报告", text)

    def save_failed(self, ctl: SessionController, message: str) -> None:
        self.status(f"自动保存失败：{message}", 0)
        if self.interactive and not ctl.property("save_warned"):  # one box per report, not per edit
            ctl.setProperty("save_warned", True)
            from gui.dialogs import messages

            messages.show_error(
                self.parent, "无法保存审核记录", f"“{ctl.title}”的审核记录无法保存：{message}\n请检查磁盘空间或文件夹权限。"
            )

    def stale(self, ctl: SessionController, saved: SavedReview) -> None:
        if not self.interactive:
            self.status("报告在上次审核后已改动，未套用保存的审核记录", 0)
            return
        from gui.dialogs import messages

        if messages.ask_apply_stale(self.parent, ctl.title, saved.path.name):
            ctl.apply_saved(saved)
        else:
            kept = ctl.set_aside_saved(saved)
            self.status(f"旧的审核记录已另存为 {kept.name}", 15000)
