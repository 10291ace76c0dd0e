"""The analysis tables of a folder run (core.analysis.folder.Table) as one Qt table model.

Display text and sort keys come ready from the core (numbers sort as numbers, ratios show
as percentages); the view sorts and filters through a QSortFilterProxyModel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:  # the tables come from a worker thread: pandas need not load with the window
    from core.analysis.folder import Table

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2


class AnalysisModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    @property
    def table(self) -> Table | None:
        return self._table

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() or self._table is None else len(self._table.display)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._table is None or orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._table.columns[section] if 0 <= section < len(self._table.columns) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self._table
        if table is None or not index.isValid() or not (0 <= index.row() < len(table.display)):
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return table.display[row][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = table.display[row][col]
            if len(text) > 20:
                return text
            ident = table.columns.index("指标编号") if "指标编号" in table.columns else None
            return "\n".join(x for x in (table.display[row][ident] if ident is not None else "", table.paths[row] or "") if x) or None
        if role == SORT_ROLE:
            return table.sort_keys[row][col]
        if role == PATH_ROLE:
            return table.paths[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(table.sort_keys[row][col], float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
