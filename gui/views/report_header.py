"""The report's header: the verdict in one line, and what was checked to reach it.

"未发现问题" is said only when it is true: no finding is open (every one was judged a
false alarm, or there were none), and the table was found and read. While anything is
open, the header says how many remain.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from core.forms import get_form
from core.rules.finding import Severity
from core.session import CONFIRMED, FALSE_ALARM, OPEN, AuditSession
from gui.session_controller import SessionController

TEMPLATE_NAMES = {"2008": "2008年版旧表", "2019": "2019年版新表", "2021": "2021年版新表"}
_OK, _OPEN, _BAD = "#1a7a3c", "#8a5a00", "#b02020"


@dataclass(frozen=True)
class Summary:
    """The verdict line above the report: what the audit concluded and how much is left to do."""

    verdict: str
    color: str
    checked: str
    open: int  # findings still waiting for the auditor


def summarize(session: AuditSession) -> Summary:
    result, table = session.result, session.table
    findings = session.findings
    status = [session.disposition(f.key).status for f in findings]
    open_ = [f for f, s in zip(findings, status) if s == OPEN]
    confirmed = status.count(CONFIRMED)
    false_alarms = status.count(FALSE_ALARM)
    if table is None:
        checked = "未找到统计表：只列出了正文中的数字，统计数据无法核对"
    else:
        cells = sum(1 for v in table.published.values() if v.id in table.template)
        relations = len(get_form(table.template.id).exact_rules)
        matched = sum(1 for c in result.claims if c.matched)
        template = TEMPLATE_NAMES.get(table.template.id, table.template.title)
        checked = (
            f"已核对：{template}，读取 {cells} 个单元格，表内勾稽关系 {relations} 条，"
            f"正文数字 {matched} 个与统计表对照（另 {len(result.claims) - matched} 个无对应的表内指标）"
        )
        if session.blank_as_zero:
            checked += "；空白按 0 处理"
    if open_:
        errors = sum(f.severity is Severity.ERROR for f in open_)
        warnings = sum(f.severity is Severity.WARNING for f in open_)
        infos = len(open_) - errors - warnings
        parts = [f"错误 {errors}" if errors else "", f"警告 {warnings}" if warnings else "", f"无法核对 {infos}" if infos else ""]
        verdict = f"待处理 {len(open_)} 个问题（{'，'.join(p for p in parts if p)}）"
        if confirmed or false_alarms:
            verdict += f"；已处置 {confirmed + false_alarms} 个"
        return Summary(verdict, _BAD if errors else _OPEN, checked, len(open_))
    if table is None:
        return Summary("无法核对：未找到统计表", _BAD, checked, 0)
    if confirmed:
        return Summary(f"已处置全部问题：确认报告有误 {confirmed} 个，误报 {false_alarms} 个", _BAD, checked, 0)
    if false_alarms:
        return Summary(f"✓ 未发现问题（{false_alarms} 个疑点已判为误报）", _OK, checked, 0)
    return Summary("✓ 未发现问题", _OK, checked, 0)


class ReportHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = QLabel(self)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        font = self.verdict.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.verdict.setFont(font)
        self.checked = QLabel(self)
        self.checked.setTextFormat(Qt.TextFormat.PlainText)
        self.checked.setWordWrap(True)
        self.checked.setStyleSheet("color:#444")
        self.blank_as_zero = QToolButton(self)  # the registry's action is put on it
        self.blank_as_zero.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.verdict, 1)
        top.addWidget(self.blank_as_zero)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.checked)
        self.summary: Summary | None = None
        self.update_from(None)

    def update_from(self, controller: SessionController | None) -> None:
        session = controller.session if controller is not None else None
        if session is None:
            self.summary = None
            self.verdict.setText(controller.error or "正在读取…" if controller is not None else "未打开报告")
            self.verdict.setStyleSheet("color:#666")
            self.checked.setText("")
            self.blank_as_zero.setVisible(False)
            return
        self.summary = summarize(session)
        self.verdict.setText(self.summary.verdict)
        self.verdict.setStyleSheet(f"color:{self.summary.color}")
        self.checked.setText(self.summary.checked)
        self.blank_as_zero.setVisible(session.table is not None)
