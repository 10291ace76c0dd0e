"""What the triage actions do: accept a fix, dispose a finding, correct a value.

Each handler turns one user intent into one controller call (one undo command). It sees
the window only through ``TriageHost``: which report is current and what is selected.
Dialogs are called through their modules so tests can replace them.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from core.schema.labels import short_label
from core.session import CONFIRMED, FALSE_ALARM, OPEN
from gui.actions import ActionId, ActionRegistry
from gui.models.formatting import BadValue, parse_user_value, value_feedback, value_text
from gui.models.indicator_model import commit_edit
from gui.session_controller import SessionController

_DISPOSE_TEXT = {
    CONFIRMED: ("确认报告有误", "写下确认的依据（例如：与原件核对，分项之和应为 2）："),
    FALSE_ALARM: ("标为误报", "写下判断为误报的理由（例如：含上年结转的申请）："),
}


class TriageHost(Protocol):
    """What triage needs to know of the window."""

    def current(self) -> SessionController | None: ...
    def selected_finding_key(self) -> str | None: ...
    def selected_finding_keys(self) -> list[str]: ...
    def selected_indicator_id(self) -> str | None: ...
    def step_finding(self, step: int) -> None: ...


class Triage(QObject):
    def __init__(self, registry: ActionRegistry, host: TriageHost, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.host, self.registry, self.parent_widget = host, registry, dialog_parent
        a = registry
        a[ActionId.ACCEPT_SUGGESTION].triggered.connect(self.accept_suggestion)
        a[ActionId.CONFIRM].triggered.connect(lambda: self.dispose(CONFIRMED))
        a[ActionId.FALSE_ALARM].triggered.connect(lambda: self.dispose(FALSE_ALARM))
        a[ActionId.REOPEN].triggered.connect(lambda: self.dispose(OPEN))
        a[ActionId.EDIT_VALUE].triggered.connect(self.edit_value)
        a[ActionId.REVERT_VALUE].triggered.connect(self.revert_value)
        a[ActionId.NEXT_FINDING].triggered.connect(lambda: host.step_finding(+1))
        a[ActionId.PREV_FINDING].triggered.connect(lambda: host.step_finding(-1))

    def _ctl(self) -> SessionController | None:
        ctl = self.host.current()
        return ctl if ctl is not None and ctl.session is not None else None

    def _key(self) -> str | None:
        return self.host.selected_finding_key()

    def accept_suggestion(self) -> None:
        ctl, key = self._ctl(), self._key()
        finding = ctl.finding(key) if ctl and key else None
        if ctl is not None and finding is not None and finding.suggestion is not None:
            ctl.accept_suggestion(finding)

    def _keys(self) -> list[str]:
        """The findings an action applies to: every one selected (a group counts as all of
        its findings), else the one shown in the inspector."""
        ctl = self._ctl()
        if ctl is None:
            return []
        keys = [k for k in self.host.selected_finding_keys() if ctl.finding(k) is not None]
        key = self._key()
        if not keys and key is not None and ctl.finding(key) is not None:
            keys = [key]
        return keys

    def dispose(self, status: str) -> None:
        ctl, keys = self._ctl(), self._keys()
        if ctl is None or not keys:
            return
        assert ctl.session is not None
        session = ctl.session
        if status == OPEN:
            keys = [k for k in keys if session.disposition(k).status != OPEN]
            if keys:
                ctl.dispose_many(keys, OPEN)
            return
        title, prompt = _DISPOSE_TEXT[status]
        if len(keys) > 1:
            title += f"（{len(keys)} 个问题）"
            prompt = f"这条备注将记在所选的 {len(keys)} 个问题上，撤销时一并撤销。\n" + prompt
        notes = {session.disposition(k).note for k in keys}
        from gui.dialogs import note_dialog  # dialogs load when first needed, not at start-up

        answer = note_dialog.ask_note(self.parent_widget, title, prompt, notes.pop() if len(notes) == 1 else "")
        if answer is None:
            return
        ctl.dispose_many(keys, status, answer)

    def _target_id(self) -> str | None:
        ctl = self._ctl()
        if ctl is None or ctl.session is None or ctl.session.table is None:
            return None
        ident = self.host.selected_indicator_id()
        if ident is None and (key := self._key()) is not None:
            finding = ctl.finding(key)
            ident = finding.ids[0] if finding and finding.ids else None
        if ident is None or ident not in ctl.session.table.template or ctl.session.table.template.get(ident).header:
            return None
        return ident

    def edit_value(self) -> None:
        ctl, ident = self._ctl(), self._target_id()
        if ctl is None or ident is None or ctl.session is None:
            return
        table = ctl.session.table
        assert table is not None  # _target_id() found the row in it
        from gui.dialogs import messages, note_dialog

        signed = table.template.get(ident).signed
        label = short_label(table.label(ident))
        answer = note_dialog.ask_value(
            self.parent_widget,
            label,
            table.raw(ident) or "",
            value_text(ctl.session.value(ident)),
            lambda typed: value_feedback(typed, signed),
        )
        if answer is None:
            return
        text, reason = answer
        try:
            _revert, value = parse_user_value(text)
        except BadValue as err:
            messages.show_error(self.parent_widget, "无法更正", str(err))
            return
        if value is not None and value < 0 and not signed and not messages.confirm_negative(
            self.parent_widget, label, value_text(value)
        ):
            return
        commit_edit(ctl, ident, text, reason)

    def revert_value(self) -> None:
        ctl, ident = self._ctl(), self._target_id()
        if ctl is not None and ident is not None:
            ctl.revert_value(ident)

    def update_enabled(self) -> None:
        ctl, key = self._ctl(), self._key()
        keys = self._keys()
        finding = ctl.finding(key) if ctl and key else None
        writable = ctl is not None and not ctl.read_only  # another window writes this review
        a = self.registry
        single = len(keys) <= 1
        a[ActionId.ACCEPT_SUGGESTION].setEnabled(writable and single and finding is not None and finding.suggestion is not None)
        a.set_enabled(writable and bool(keys), ActionId.CONFIRM, ActionId.FALSE_ALARM)
        session = ctl.session if ctl else None
        a[ActionId.REOPEN].setEnabled(
            writable and session is not None and any(session.disposition(k).status != OPEN for k in keys)
        )
        has_findings = bool(ctl and ctl.session and ctl.session.findings)
        a.set_enabled(has_findings, ActionId.NEXT_FINDING, ActionId.PREV_FINDING)
        ident = self._target_id()
        a[ActionId.EDIT_VALUE].setEnabled(writable and ident is not None)
        a[ActionId.REVERT_VALUE].setEnabled(bool(writable and ident and ctl and ctl.session and ctl.session.is_corrected(ident)))
