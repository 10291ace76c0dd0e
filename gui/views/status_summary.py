"""The status bar's summary: agency, year, template, counts, and the busy indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from core.rules.finding import Severity
from core.session import FALSE_ALARM
from gui.session_controller import SessionController

TEMPLATE_NAMES = {"2008": "2008年版旧表", "2019": "2019年版新表", "2021": "2021年版新表"}


class StatusSummary:
    def __init__(self, bar: QStatusBar) -> None:
        self.label = QLabel(bar)
        self.counts = QLabel(bar)
        self.progress = QProgressBar(bar)
        self.progress.setRange(0, 0)  # reading has no progress points: a busy bar (OCR has pages)
        self.progress.setMaximumWidth(160)
        self.progress.setFormat("正在读取…")
        self.cancel = QToolButton(bar)
        self.cancel.setText("取消")
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        if not busy:  # the next report starts with the plain busy bar again
            self.progress.setRange(0, 0)
            self.progress.setFormat("正在读取…")

    def set_pages(self, done: int, total: int) -> None:
        """A scanned PDF's OCR: pages recognised so far (seconds each, so worth counting)."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"文字识别 {done}/{total} 页")
        self.progress.setTextVisible(True)

    def update(self, controller: SessionController | None) -> None:
        session = controller.session if controller else None
        if session is None:
            self.label.setText(controller.error or "正在读取…" if controller else "未打开报告")
            self.counts.setText("")
            return
        result = session.result
        template = TEMPLATE_NAMES.get(result.template_id or "", "未识别统计表")
        self.label.setText(
            f"机关：{result.agency or '未识别'}　年度：{result.year or '未识别'}　模板：{template}"
        )
        live = [f for f in session.findings if session.disposition(f.key).status != FALSE_ALARM]
        errors = sum(f.severity is Severity.ERROR for f in live)
        warnings = sum(f.severity is Severity.WARNING for f in live)
        corrected = len(session.table.corrections) if session.table is not None else 0
        self.counts.setText(f"✗ 错误 {errors}　! 警告 {warnings}　✎ 已更正 {corrected}　")

    def text(self) -> str:
        return f"{self.label.text()} {self.counts.text()}"
