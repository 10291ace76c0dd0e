"""The audit trail: who changed what, when, from what to what, and why.

Three columns (when, who, what) so the trail reads at 1366x768 without scrolling
sideways: "what" is one sentence (更正“申请办结数”：0 → 2（按分项合计更正））; the
inspector shows an entry in full when it is selected.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from core.schema.labels import short_label
from core.session import DISPOSITION_LABELS, HistoryEntry
from gui.models.list_model import ReadOnlyTableModel
from gui.session_controller import SessionController

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("时间", "审核人", "内容")
EntryRole = int(Qt.ItemDataRole.UserRole) + 30  # the HistoryEntry itself


class HistoryModel(ReadOnlyTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctl: SessionController | None = None
        self._count = 0

    def set_controller(self, controller: SessionController | None) -> None:
        self.beginResetModel()
        self._ctl = controller
        self._count = len(self._entries())
        self.endResetModel()

    def _entries(self) -> list[HistoryEntry]:
        return self._ctl.session.history if self._ctl and self._ctl.session else []

    def sync(self) -> None:
        """The session appends to its history; show the new entries."""
        entries = self._entries()
        if len(entries) < self._count:
            self.set_controller(self._ctl)
        elif len(entries) > self._count:
            self.beginInsertRows(QModelIndex(), self._count, len(entries) - 1)
            self._count = len(entries)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def entry(self, row: int) -> HistoryEntry | None:
        entries = self._entries()
        return entries[row] if 0 <= row < min(self._count, len(entries)) else None

    def describe(self, entry: HistoryEntry) -> str:
        """The entry as one sentence: what was done to what, from what to what, and why."""
        old, new = self._value(entry, entry.old), self._value(entry, entry.new)
        text = f"{entry.action_label}{'：' if entry.action in ('undo', 'redo') else ''}{self._target(entry)}：{old} → {new}"
        return text + (f"（{entry.reason}）" if entry.reason else "")

    def _target(self, entry: HistoryEntry) -> str:
        session = self._ctl.session if self._ctl else None
        table = session.table if session else None
        if table is not None and entry.target in table.template:
            return short_label(table.label(entry.target))
        if entry.target == "blank_as_zero":
            return "空白按0处理"
        if entry.target == "identity":
            return "机关/年度"
        found = self._ctl.finding(entry.target) if self._ctl else None
        return f"问题“{found.message}”" if found else "一个已不再出现的问题"

    @staticmethod
    def _value(entry: HistoryEntry, text: str | None) -> str:
        if entry.target.count("|") >= 2:  # a disposition: show its Chinese name
            return DISPOSITION_LABELS.get(text or "", text or "")
        if entry.target == "identity":
            return (text or "").replace("|", " ").strip() or "（未定）"
        return "（空）" if text is None else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entries = self._entries()
        if not index.isValid() or not 0 <= index.row() < min(self._count, len(entries)):
            return None
        entry = entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            at = entry.at.replace("T", " ")
            cells = (at[5:16], entry.user, self.describe(entry))  # "12-02 18:41": the year is in the tooltip
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.at.replace('T', ' ')[:19]}　{entry.user}\n{self.describe(entry)}\n对象：{entry.target}"
        if role == EntryRole:
            return entry
        return None
