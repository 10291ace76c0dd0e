"""Everything about the selected finding: rule, operands, expected vs found, the fix.

The buttons are the registry's own actions (accept, confirm, false alarm, reopen), so
they share shortcuts and enabled state with the menus.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from core.rules.base import fmt
from core.rules.finding import Finding, Kind, Severity
from core.schema.labels import short_label
from core.session import DISPOSITION_LABELS, OPEN
from gui.actions import ActionId, ActionRegistry
from gui.highlight import COLORS, Mark
from gui.models.formatting import KIND_TEXT, severity_text
from gui.session_controller import SessionController

_BG = {Severity.ERROR: COLORS[Mark.ERROR], Severity.WARNING: COLORS[Mark.WARNING], Severity.INFO: COLORS[Mark.INFO]}


class Inspector(QWidget):
    def __init__(self, actions: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setMinimumWidth(220)
        buttons = QGridLayout()  # two by two: the inspector stays narrow enough for the list beside it
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        self.buttons: dict[ActionId, QToolButton] = {}
        for n, ident in enumerate((ActionId.CONFIRM, ActionId.FALSE_ALARM, ActionId.ACCEPT_SUGGESTION, ActionId.REOPEN)):
            button = QToolButton(self)
            button.setDefaultAction(actions[ident])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, n // 2, n % 2)
            self.buttons[ident] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self._ctl: SessionController | None = None
        self._key: str | None = None
        self._group: tuple[str, list[str]] | None = None
        self.show_finding(None, None)

    @property
    def key(self) -> str | None:
        return self._key

    def refresh(self) -> None:
        if self._group is not None and self._ctl is not None:
            self.show_group(self._ctl, *self._group)
        else:
            self.show_finding(self._ctl, self._key)

    def show_group(self, controller: SessionController, label: str, keys: list[str]) -> None:
        """A whole group: what it is, how far along, and that one disposition covers it."""
        self._ctl, self._key, self._group = controller, None, (label, keys)
        session = controller.session
        findings = [f for k in keys if (f := controller.finding(k)) is not None]
        if session is None or not findings:
            self.show_finding(controller, None)
            return
        statuses = [session.disposition(f.key).status for f in findings]
        done = {s: statuses.count(s) for s in DISPOSITION_LABELS if s != OPEN and statuses.count(s)}
        worst = min(findings, key=lambda f: list(_BG).index(f.severity))
        parts = [
            f"<p><span style='background:{_BG[worst.severity]}; font-weight:bold'>&nbsp;{severity_text(worst)}&nbsp;</span>"
            f" &nbsp;一组 {len(findings)} 个问题</p>",
            f"<p style='font-size:11pt'><b>{escape(label)}</b></p>",
            f"<p>待处理 <b>{statuses.count(OPEN)}</b>"
            + "".join(f"，{DISPOSITION_LABELS[s]} {n}" for s, n in done.items()) + "</p>",
            "<p style='color:#555'>按 Ctrl+1 / Ctrl+2 可对整组（或所选的几个）一并处置：写一条备注，"
            "一次撤销（Ctrl+Z）即全部恢复。展开分组可逐个查看。</p><ul>",
        ]
        parts += [f"<li>{escape(f.message)}</li>" for f in findings[:12]]
        if len(findings) > 12:
            parts.append(f"<li>…… 另 {len(findings) - 12} 个</li>")
        parts.append("</ul>")
        self.browser.setHtml("".join(parts))
        rules = sorted({f.rule for f in findings})
        self.browser.setToolTip("规则：" + "、".join(rules[:8]) + ("等" if len(rules) > 8 else ""))

    def show_entry(self, controller: SessionController, when: str, user: str, text: str, target: str) -> None:
        """One line of the audit trail, in full (the trail itself shows it cut to fit)."""
        self._ctl, self._key, self._group = controller, None, None
        self.browser.setHtml(
            f"<p><b>审核记录</b>　{escape(when)}</p><p>审核人：{escape(user or '（未填写）')}</p>"
            f"<p style='font-size:11pt'>{escape(text)}</p>"
        )
        self.browser.setToolTip(f"对象：{target}")

    def show_finding(self, controller: SessionController | None, key: str | None) -> None:
        self._ctl, self._key, self._group = controller, key, None
        finding = controller.finding(key) if controller and key else None
        self.browser.setToolTip(f"规则：{finding.rule}\n指标：{'、'.join(finding.ids)}" if finding and finding.ids
                                else f"规则：{finding.rule}" if finding else "")
        if finding is None or controller is None or controller.session is None:
            self.browser.setHtml(
                "<p style='color:#666'>选择一个问题查看详情：规则、涉及的数值、应为与实为、建议的更正。</p>"
                "<p style='color:#666'>F8 / Shift+F8 逐个浏览问题；F2 更正所选数值；Ctrl+Z 撤销。</p>"
            )
            return
        self.browser.setHtml(self._html(controller, finding))

    def _html(self, controller: SessionController, f: Finding) -> str:
        session = controller.session
        assert session is not None
        parts = [
            f"<p><span style='background:{_BG[f.severity]}; font-weight:bold'>&nbsp;{severity_text(f)}&nbsp;</span>"
            f" &nbsp;{KIND_TEXT[f.kind]}</p>",
            f"<p style='font-size:11pt'>{escape(f.message)}</p>",
        ]
        if f.kind is Kind.NARRATIVE and f.claimed is not None:
            parts.append(f"<p>正文写作：<b>{escape(f.claimed)}</b>　统计表：<b>{fmt(f.table)}</b></p>")
        elif "expected" in f.details or "found" in f.details:
            parts.append(
                f"<p>应为：<b>{escape(f.details.get('expected', '—'))}</b>　"
                f"实为：<b style='color:#a00000'>{escape(f.details.get('found', '—'))}</b></p>"
            )
        table = session.table
        if f.ids and table is not None:
            rows = []
            for ident in f.ids:
                if ident not in table.template:
                    continue
                published = table.raw(ident)
                current = session.value(ident)
                mark = " ✎" if session.is_corrected(ident) else ""
                rows.append(
                    f"<tr><td>{escape(short_label(table.label(ident)))}</td>"
                    f"<td align='right'>{escape(published) if published not in (None, '') else '（缺）'}</td>"
                    f"<td align='right'>{fmt(current)}{mark}</td></tr>"
                )
            parts.append(
                "<table cellspacing='0' cellpadding='2' border='1' style='border-color:#ccc'>"
                "<tr><th align='left'>涉及的指标</th><th>公布值</th><th>当前值</th></tr>" + "".join(rows) + "</table>"
            )
        if f.suggestion is not None and table is not None:
            label = short_label(table.label(f.suggestion.id))
            parts.append(
                f"<p style='background:#e3f4e8'>&nbsp;建议：将“{escape(label)}”改为 <b>{fmt(f.suggestion.value)}</b>"
                "（唯一能让相关检查全部成立的单个数值）</p>"
            )
        disposition = session.disposition(f.key)
        if disposition.status != OPEN or disposition.note:
            parts.append(
                f"<p>处置：<b>{DISPOSITION_LABELS[disposition.status]}</b>"
                f"{'（' + escape(disposition.user) + '，' + escape(disposition.at[:16].replace('T', ' ')) + '）' if disposition.user else ''}"  # noqa: E501
                f"{'<br>备注：' + escape(disposition.note) if disposition.note else ''}</p>"
            )
        return "".join(parts)
