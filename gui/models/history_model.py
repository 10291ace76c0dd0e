"""The audit trail: who changed what, when, from what to what, and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from core.schema.labels import short_label
from core.session import DISPOSITION_LABELS, HistoryEntry
from gui.models.list_model import ReadOnlyTableModel
from gui.session_controller import SessionController

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("时间", "用户", "操作", "对象", "原值", "新值", "原因/备注")


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

    def _target(self, entry: HistoryEntry) -> str:
        session = self._ctl.session if self._ctl else None
        table = session.table if session else None
        if table is not None and entry.target in table.template:
            return short_label(table.label(entry.target))
        found = self._ctl.finding(entry.target) if self._ctl else None
        return f"问题：{found.message}" if found else f"问题：{entry.target.split('|')[0]}"

    @staticmethod
    def _value(entry: HistoryEntry, text: str | None) -> str:
        if entry.target.count("|") >= 2:  # a disposition: show its Chinese name
            return DISPOSITION_LABELS.get(text or "", text or "")
        return "（空）" if text is None else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entries = self._entries()
        if not index.isValid() or not 0 <= index.row() < min(self._count, len(entries)):
            return None
        entry = entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            at = entry.at.replace("T", " ")[:19]
            cells = (at, entry.user, entry.action_label, self._target(entry), self._value(entry, entry.old),
                     self._value(entry, entry.new), entry.reason)
            return cells[index.column()]
        return None
