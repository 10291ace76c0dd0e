"""AuditSession: the single source of truth for one report under review.

Every mutation (a corrected value, a finding's disposition) goes through a method here
that re-runs the rules and returns a ``Change`` saying exactly what moved; the GUI
redraws from it and never guesses. Every call also appends to the audit trail, undo and
redo included, so the exported history is honest.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from core.audit import AuditResult, current_findings, settle_pair
from core.rules.finding import Finding, Severity
from core.table.model import IndicatorTable

OPEN, CONFIRMED, FALSE_ALARM = "open", "confirmed", "false_alarm"
DISPOSITION_LABELS = {OPEN: "待处理", CONFIRMED: "确认报告有误", FALSE_ALARM: "误报"}
ACTION_LABELS = {
    "edit": "更正", "undo": "撤销", "redo": "重做", "dispose": "处置", "restore": "恢复", "option": "设置", "identity": "机关/年度",
}
BLANK_AS_ZERO = "blank_as_zero"  # the target of an "option" history entry


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still record something
        return "unknown"


def now() -> str:

    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the audit trail: who did what to which cell or finding, when, from what to what."""

    at: str
    user: str
    action: str  # edit / undo / redo / dispose
    target: str  # an indicator id, or a finding key for dispositions
    old: str | None
    new: str | None
    reason: str = ""

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)


@dataclass(frozen=True, slots=True)
class Disposition:
    """The auditor's verdict on one finding (open, confirmed, false alarm) and why."""

    status: str  # open / confirmed / false_alarm
    note: str = ""
    user: str = ""
    at: str = ""


@dataclass(frozen=True)
class Change:
    """What one mutation moved: ids whose value changed, findings that came and went."""

    ids: frozenset[str] = frozenset()
    added: tuple[Finding, ...] = ()
    removed: tuple[Finding, ...] = ()
    dispositions: frozenset[str] = frozenset()  # finding keys
    everything: bool = False  # a setting changed how every value reads: redraw all of it

    @property
    def findings_changed(self) -> bool:
        return bool(self.added or self.removed)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _flag(on: bool) -> str:
    return "是" if on else "否"


@dataclass
class AuditSession:
    """One report under review: the audit result with the auditor's corrections, dispositions and trail."""

    result: AuditResult
    user: str = field(default_factory=current_user)
    history: list[HistoryEntry] = field(default_factory=list)
    dispositions: dict[str, Disposition] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # id -> reason of its current correction
    identity_set: bool = False  # agency/year were set by the auditor (kept in the review)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings

    @property
    def table(self) -> IndicatorTable | None:
        return self.result.table

    # ---- reading ---------------------------------------------------------
    def value(self, ident: str) -> Decimal | None:
        return self.table.value(ident) if self.table is not None else None

    def published(self, ident: str) -> Decimal | None:
        found = self.table.published.get(ident) if self.table is not None else None
        return found.value if found else None

    def is_corrected(self, ident: str) -> bool:
        return self.table is not None and self.table.is_corrected(ident)

    def findings_for(self, ident: str) -> list[Finding]:
        return [f for f in self.findings if ident in f.ids]

    def status(self, ident: str) -> str:
        """一致 / 已更正 / 有误 / 待核实 / 缺失 / 无法核对, as the table and Excel show it."""
        if self.table is None:
            return "缺失"
        d = self.table.template.get(ident)
        involved = [f for f in self.findings_for(ident) if self.disposition(f.key).status != FALSE_ALARM]
        if d.header:
            return "有误" if any(f.rule == "header.value" for f in involved) else ""
        if self.is_corrected(ident):
            return "已更正"
        if not self.table.present(ident):
            return "缺失"
        if any(f.severity is Severity.ERROR for f in involved):
            return "有误"
        if any(f.severity is Severity.WARNING for f in involved):
            return "待核实"
        if any(not f.assessable for f in involved) or self.value(ident) is None:
            return "无法核对"
        return "一致"

    def disposition(self, key: str) -> Disposition:
        return self.dispositions.get(key, Disposition(OPEN))

    # ---- mutating ----------------------------------------------------------
    def set_value(
        self, ident: str, new: Decimal | None, reason: str = "", *, action: str = "edit", user: str | None = None
    ) -> Change:
        """Correct one value (``new`` equal to the published value removes the correction).

        For ``action="undo"``, ``reason`` is the reason of the value being restored: it
        becomes that value's reason again and the trail's undo line carries none of its own.
        """
        table = self.table
        if table is None:
            raise ValueError("no table to correct")
        table.template.get(ident)  # KeyError for an unknown id: a programming error
        old = table.value(ident)
        # Back to what was printed -- or, for a row the report lacks, back to nothing --
        # removes the correction, so undoing an edit restores the row's status exactly.
        printed = ident in table.published
        if (printed and new == self.published(ident)) or (not printed and new is None):
            table.corrections.pop(ident, None)
            self.reasons.pop(ident, None)
        else:
            table.corrections[ident] = new
            if reason:
                self.reasons[ident] = reason
            elif action == "undo":
                self.reasons.pop(ident, None)
        trail_reason = "" if action == "undo" else reason
        self.history.append(HistoryEntry(now(), user or self.user, action, ident, _text(old), _text(new), trail_reason))
        return self._recheck(frozenset({ident}))

    def set_disposition(
        self, key: str, status: str, note: str = "", *, action: str = "dispose", user: str | None = None
    ) -> Change:
        if status not in DISPOSITION_LABELS:
            raise ValueError(status)
        old = self.disposition(key)
        who = user or self.user
        if status == OPEN and not note:
            self.dispositions.pop(key, None)
        else:
            self.dispositions[key] = Disposition(status, note, who, now())
        self.history.append(
            HistoryEntry(now(), who, action, key, old.status, status, note)
        )
        return Change(dispositions=frozenset({key}))

    @property
    def blank_as_zero(self) -> bool:
        return self.table is not None and self.table.blank_as_zero

    def set_blank_as_zero(self, on: bool, *, action: str = "option", user: str | None = None) -> Change:
        """The auditor's "空白按0处理" for this report: the rules re-run with blanks read as 0."""
        if self.table is None:
            raise ValueError("no table")
        old = self.table.blank_as_zero
        self.table.blank_as_zero = on
        self.history.append(HistoryEntry(now(), user or self.user, action, BLANK_AS_ZERO, _flag(old), _flag(on)))
        change = self._recheck(frozenset())
        return Change(ids=change.ids, added=change.added, removed=change.removed, everything=True)

    def set_identity(
        self, agency: str | None, year: int | None, *, action: str = "identity", user: str | None = None
    ) -> Change:
        """The auditor names the agency and report year when the report's own are wrong or missing."""
        old = f"{self.result.agency or ''}|{self.result.year or ''}"
        self.result.agency, self.result.year = agency or None, year
        self.identity_set = True
        new = f"{agency or ''}|{year or ''}"
        self.history.append(HistoryEntry(now(), user or self.user, action, "identity", old, new))
        return self._recheck(frozenset())

    def set_previous(self, previous: AuditResult | None) -> Change:
        """Pair with the same agency's report of the year before (or unpair): the
        cross-year checks join or leave the findings, and glued digits that only one reading
        of both reports reconciles are settled (in the previous report too: ``refresh`` it)."""
        if previous is not None:
            settle_pair(previous, self.result)
        self.result.previous = previous
        return self._recheck(frozenset())

    def refresh(self) -> Change:
        """Re-run the rules after something outside this session changed its reading."""
        change = self._recheck(frozenset())
        return Change(ids=change.ids, added=change.added, removed=change.removed, everything=True)

    def _recheck(self, ids: frozenset[str]) -> Change:
        before = {f.key: f for f in self.result.findings}
        self.result.findings = current_findings(self.result)
        after = {f.key: f for f in self.result.findings}
        added = tuple(f for k, f in after.items() if k not in before or before[k] != f)
        removed = tuple(f for k, f in before.items() if k not in after or after[k] != f)
        return Change(ids=ids, added=added, removed=removed)

    # ---- persistence (see core.session_store for files) --------------------
    def to_dict(self) -> dict[str, Any]:
        doc = self.result.document
        table = self.table
        return {
            "format": "nianbao-review",
            "version": 1,
            "report": {"file": self.result.path, "sha256": doc.sha256 if doc else ""},
            "corrections": {k: _text(v) for k, v in (table.corrections.items() if table else ())},
            "reasons": dict(self.reasons),
            "options": {BLANK_AS_ZERO: self.blank_as_zero},
            "identity": {"agency": self.result.agency, "year": self.result.year} if self.identity_set else None,
            "dispositions": {
                k: {"status": d.status, "note": d.note, "user": d.user, "at": d.at} for k, d in self.dispositions.items()
            },
            "history": [
                {"at": h.at, "user": h.user, "action": h.action, "target": h.target, "old": h.old, "new": h.new,
                 "reason": h.reason}
                for h in self.history
            ],
        }

    def reload(self, data: dict[str, Any]) -> Change:
        """Replace the whole review with ``data`` (a merged or newer version of it)."""
        if self.table is not None:
            self.table.corrections.clear()
        self.reasons.clear()
        self.dispositions.clear()
        change = self.restore(data)
        return Change(ids=change.ids, added=change.added, removed=change.removed, everything=True)

    def restore(self, data: dict[str, Any]) -> Change:
        """Re-apply a saved review (corrections, dispositions, notes, history)."""
        table = self.table
        known = set(table.template.ids) if table else set()
        if table is not None:
            for ident, text in data.get("corrections", {}).items():
                if ident in known:
                    table.corrections[ident] = _number(text)
        self.reasons.update({k: v for k, v in data.get("reasons", {}).items() if k in known})
        if table is not None:
            table.blank_as_zero = bool((data.get("options") or {}).get(BLANK_AS_ZERO, table.blank_as_zero))
        identity = data.get("identity")
        if isinstance(identity, dict):
            self.result.agency, self.result.year = identity.get("agency"), identity.get("year")
            self.identity_set = True
        for key, d in data.get("dispositions", {}).items():
            self.dispositions[key] = Disposition(d["status"], d.get("note", ""), d.get("user", ""), d.get("at", ""))
        self.history = [HistoryEntry(**h) for h in data.get("history", [])]
        return self._recheck(frozenset(table.corrections) if table else frozenset())
