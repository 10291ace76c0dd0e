"""The findings list (级别, 类别, 说明, 处置) and the proxy that filters it.

Rows are keyed by ``Finding.key``, which is stable across re-audits; after an edit the
model removes and inserts exactly the rows that came and went so the selection of the
other rows survives.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor, QFont

from core.rules.finding import Finding, Severity
from core.session import CONFIRMED, DISPOSITION_LABELS, FALSE_ALARM, OPEN, Change
from gui.highlight import COLORS, Mark
from gui.models.formatting import KIND_TEXT, severity_text
from gui.models.list_model import ReadOnlyTableModel
from gui.models.roles import BACKGROUND, DISPLAY, FONT, FOREGROUND, TOOLTIP, FindingRole, KeyRole, SeverityRole, SpanRole
from gui.session_controller import SessionController

Index = QModelIndex | QPersistentModelIndex
SEVERITY, KIND, MESSAGE, DISPOSITION = range(4)
HEADERS = ("级别", "类别", "说明", "处置")
_SEVERITY_BG = {
    Severity.ERROR: QColor(COLORS[Mark.ERROR]),
    Severity.WARNING: QColor(COLORS[Mark.WARNING]),
    Severity.INFO: QColor(COLORS[Mark.INFO]),
}
_DONE_FG = QColor("#7a7a7a")
# The roles data() answers; views ask for more on every paint (see indicator_model).
_ANSWERED = frozenset({DISPLAY, BACKGROUND, FOREGROUND, FONT, TOOLTIP, KeyRole, SeverityRole, FindingRole, SpanRole})


class FindingModel(ReadOnlyTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctl: SessionController | None = None
        self._rows: list[Finding] = []
        self._related: frozenset[str] = frozenset()

    def set_controller(self, controller: SessionController | None) -> None:
        self.beginResetModel()
        self._ctl = controller
        self._rows = list(controller.session.findings) if controller and controller.session else []
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._rows)

    def row_of(self, key: str) -> int:
        return next((i for i, f in enumerate(self._rows) if f.key == key), -1)

    def set_related(self, ids: frozenset[str]) -> None:
        """Mark the findings that involve the selected table row(s)."""
        if ids == self._related:
            return
        self._related = ids
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1))

    def is_related(self, finding: Finding) -> bool:
        return bool(self._related.intersection(finding.ids))

    def disposition_status(self, finding: Finding) -> str:
        session = self._ctl.session if self._ctl else None
        return session.disposition(finding.key).status if session is not None else OPEN

    def apply_change(self, change: Change) -> None:
        if self._ctl is None or self._ctl.session is None:
            return
        if change.findings_changed:
            self._sync(list(self._ctl.session.findings))
        for key in change.dispositions:
            row = self.row_of(key)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def _sync(self, new: list[Finding]) -> None:
        new_keys = [f.key for f in new]
        keep = set(new_keys)
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].key not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        old_keys = [f.key for f in self._rows]
        if old_keys != [k for k in new_keys if k in set(old_keys)]:
            # The engine reordered surviving findings: rare, so a reset is fine.
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        for row, finding in enumerate(new):
            if row < len(self._rows) and self._rows[row].key == finding.key:
                if self._rows[row] != finding:  # same finding, new numbers in its message
                    self._rows[row] = finding
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, finding)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid() or self._ctl is None or self._ctl.session is None:
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        finding, col = self._rows[index.row()], index.column()
        status = self._ctl.session.disposition(finding.key).status
        if role == DISPLAY:
            if col == SEVERITY:
                return severity_text(finding)
            if col == KIND:
                return KIND_TEXT[finding.kind]
            if col == MESSAGE:
                return ("▶ " if self.is_related(finding) else "") + finding.message
            if col == DISPOSITION:
                return "" if status == OPEN else DISPOSITION_LABELS[status]
            return None
        if role == BACKGROUND and col == SEVERITY and status != FALSE_ALARM:
            return _SEVERITY_BG[finding.severity]
        if role == FOREGROUND and status != OPEN:
            return _DONE_FG
        if role == FONT:
            font = QFont()
            font.setBold(self.is_related(finding) or (col == SEVERITY and finding.severity is Severity.ERROR))
            font.setStrikeOut(status == FALSE_ALARM and col == MESSAGE)
            return font
        if role == TOOLTIP:
            note = self._ctl.session.disposition(finding.key).note
            text = finding.message + (f"\n处置：{DISPOSITION_LABELS[status]}" if status != OPEN else "")
            return text + (f"\n备注：{note}" if note else "")
        if role == KeyRole:
            return finding.key
        if role == SeverityRole:
            return finding.severity.value
        if role == FindingRole:
            return finding
        if role == SpanRole:
            return finding.evidence[0].span if finding.evidence else None
        return None


SHOW_ALL, ERRORS_AND_WARNINGS, ERRORS_ONLY = range(3)
LEVEL_CHOICES = ("全部问题", "错误和警告", "只看错误")


class FindingFilterProxy(QSortFilterProxyModel):
    """"Only problem rows" is a filter, never a second list to keep in step."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._level = SHOW_ALL
        self._hide_done = False
        self._only_related = False

    def set_level(self, level: int) -> None:
        self._level = level
        self.refilter()

    def set_hide_done(self, hide: bool) -> None:
        self._hide_done = hide
        self.refilter()

    def set_only_related(self, only: bool) -> None:
        self._only_related = only
        self.refilter()

    def refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateFilter is deprecated there
            self.beginFilterChange()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        finding = model.index(source_row, 0, source_parent).data(FindingRole)
        if not isinstance(finding, Finding) or not isinstance(model, FindingModel):
            return True
        if self._level == ERRORS_ONLY and finding.severity is not Severity.ERROR:
            return False
        if self._level == ERRORS_AND_WARNINGS and finding.severity is Severity.INFO:
            return False
        if self._hide_done and model.disposition_status(finding) in (CONFIRMED, FALSE_ALARM):
            return False
        if self._only_related and not model.is_related(finding):
            return False
        return True
