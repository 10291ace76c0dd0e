"""One QUndoCommand per user intent (Orange's canvas pattern).

Old and new values are captured in ``__init__``; ``redo``/``undo`` call the
AuditSession's own methods (so the audit trail records edit, undo and redo honestly)
and hand the returned Change to the controller, which saves and tells the views.
Commands never touch a view.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from core.rules.base import fmt
from core.rules.finding import Finding
from core.schema.labels import short_label
from core.session import DISPOSITION_LABELS, AuditSession, Change


class SessionHost(Protocol):
    """What a command changes and tells: the session, and who saves and redraws after."""

    @property
    def session(self) -> AuditSession | None: ...

    def publish(self, change: Change) -> None: ...


def _session(controller: SessionHost) -> AuditSession:
    if controller.session is None:
        raise RuntimeError("no session to change")
    return controller.session


class _SessionCommand(QUndoCommand):
    """The first redo() is the user's action itself; later ones are real redos."""

    first_action = "edit"

    def __init__(self, controller: SessionHost, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self._done_once = False

    def _redo_action(self) -> str:
        action = "redo" if self._done_once else self.first_action
        self._done_once = True
        return action


class EditValueCommand(_SessionCommand):
    def __init__(self, controller: SessionHost, ident: str, new: Decimal | None, reason: str = "") -> None:
        session = _session(controller)
        self.ident, self.new, self.reason = ident, new, reason
        self.old = session.value(ident)
        self.old_reason = session.reasons.get(ident, "")
        label = short_label(session.table.label(ident)) if session.table is not None else ident
        super().__init__(controller, f"更正“{label}”为{fmt(new)}")

    def redo(self) -> None:
        change = _session(self.controller).set_value(self.ident, self.new, self.reason, action=self._redo_action())
        self.controller.publish(change)

    def undo(self) -> None:
        change = _session(self.controller).set_value(self.ident, self.old, self.old_reason, action="undo")
        self.controller.publish(change)


class AcceptSuggestionCommand(EditValueCommand):
    def __init__(self, controller: SessionHost, finding: Finding) -> None:
        if finding.suggestion is None:
            raise ValueError("finding has no suggestion")
        fix = finding.suggestion
        super().__init__(controller, fix.id, fix.value, f"采纳建议：{finding.message}")
        self.setText(f"采纳建议（{self.text()}）")


class DisposeFindingCommand(_SessionCommand):
    first_action = "dispose"

    def __init__(self, controller: SessionHost, key: str, status: str, note: str = "") -> None:
        session = _session(controller)
        self.key, self.status, self.note = key, status, note
        previous = session.disposition(key)
        self.old_status, self.old_note = previous.status, previous.note
        super().__init__(controller, f"标记为“{DISPOSITION_LABELS[status]}”")

    def redo(self) -> None:
        change = _session(self.controller).set_disposition(self.key, self.status, self.note, action=self._redo_action())
        self.controller.publish(change)

    def undo(self) -> None:
        change = _session(self.controller).set_disposition(self.key, self.old_status, self.old_note, action="undo")
        self.controller.publish(change)


class SetIdentityCommand(_SessionCommand):
    """The auditor names the reporting agency and year (the memo's addressee and title)."""

    first_action = "identity"

    def __init__(self, controller: SessionHost, agency: str | None, year: int | None) -> None:
        session = _session(controller)
        self.agency, self.year = agency, year
        self.old_agency, self.old_year = session.result.agency, session.result.year
        super().__init__(controller, f"报送单位与年度改为“{agency or '未识别'}”、{f'{year}年度' if year else '年度未识别'}")

    def redo(self) -> None:
        change = _session(self.controller).set_identity(self.agency, self.year, action=self._redo_action())
        self.controller.publish(change)

    def undo(self) -> None:
        change = _session(self.controller).set_identity(self.old_agency, self.old_year, action="undo")
        self.controller.publish(change)


class DisposeFindingsCommand(_SessionCommand):
    """One disposition with one note for several findings (a selection, a whole group):
    one step to undo, one save, every finding still its own line in the audit trail."""

    first_action = "dispose"

    def __init__(self, controller: SessionHost, keys: list[str], status: str, note: str = "") -> None:
        session = _session(controller)
        self.keys, self.status, self.note = list(dict.fromkeys(keys)), status, note
        self.old = {key: session.disposition(key) for key in self.keys}
        super().__init__(controller, f"将 {len(self.keys)} 个问题标记为“{DISPOSITION_LABELS[status]}”")

    def redo(self) -> None:
        session, action = _session(self.controller), self._redo_action()
        for key in self.keys:
            session.set_disposition(key, self.status, self.note, action=action)
        self.controller.publish(Change(dispositions=frozenset(self.keys)))

    def undo(self) -> None:
        session = _session(self.controller)
        for key in self.keys:
            old = self.old[key]
            session.set_disposition(key, old.status, old.note, action="undo")
        self.controller.publish(Change(dispositions=frozenset(self.keys)))


class BlankAsZeroCommand(_SessionCommand):
    """空白按0处理 for this report, on or off: the rules re-run, the trail records it."""

    first_action = "option"

    def __init__(self, controller: SessionHost, on: bool) -> None:
        self.on = on
        super().__init__(controller, "空白按0处理" if on else "取消空白按0处理")

    def redo(self) -> None:
        self.controller.publish(_session(self.controller).set_blank_as_zero(self.on, action=self._redo_action()))

    def undo(self) -> None:
        self.controller.publish(_session(self.controller).set_blank_as_zero(not self.on, action="undo"))
