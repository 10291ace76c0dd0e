"""The read-only banner: another window writes this report's review.

It says who holds the review and since when, and offers to take over. Taking over from
a holder that may still be working asks first (their window would turn read-only);
a holder whose process has ended is taken over at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from gui.session_controller import SessionController


class LockBanner(QFrame):
    def __init__(self, confirm: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._confirm = confirm  # asks the auditor (a message box; patched in tests)
        self._ctl: SessionController | None = None
        self.setObjectName("lockBanner")
        self.setStyleSheet("#lockBanner { background: #fff4ce; border: 1px solid #e0c060; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.take = QPushButton("接管编辑")
        self.take.setToolTip("由本窗口保存此报告的审核记录；原窗口转为只读")
        self.take.clicked.connect(self._take_over)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.take)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # a strip, never a pane
        self.setVisible(False)

    def set_controller(self, ctl: SessionController | None) -> None:
        self._ctl = ctl
        self.refresh()

    def refresh(self) -> None:
        ctl = self._ctl
        holder = ctl.holder if ctl is not None else None
        self.setVisible(holder is not None)
        if holder is not None:
            self.label.setText(
                f"只读：此报告的审核记录正由 {holder.description}编辑。"
                "本窗口显示其保存的内容，不能更正或处置；对方关闭后本窗口自动转为可编辑。"
            )

    def _take_over(self) -> None:
        ctl = self._ctl
        if ctl is None or ctl.holder is None or ctl.lock is None:
            return
        if not ctl.lock.is_stale(ctl.holder) and not self._confirm(ctl.holder.description):
            return
        ctl.take_over()
        self.refresh()
