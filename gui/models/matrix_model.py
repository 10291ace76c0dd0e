"""One matrix table of the 2019/2021 forms (tables 二/三/四) as rows x columns.

Laid out generically from ``core.schema.Matrix``: each cell is an indicator id, so
editing, status colours and navigation work exactly as in the tree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from core.schema.model import Matrix
from core.session import Change
from gui.highlight import ALIGN_NUMBER, STATUS_STYLE, status_brush
from gui.models.formatting import BadValue, value_text
from gui.models.indicator_model import commit_edit, ids_touched
from gui.models.roles import IdRole, SpanRole
from gui.session_controller import SessionController

Index = QModelIndex | QPersistentModelIndex
_MISSING_FG = QColor("#8a8a8a")


class MatrixModel(QAbstractTableModel):
    rejected = Signal(str)  # typed text that is not a number (Chinese message)

    def __init__(self, controller: SessionController, matrix: Matrix, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctl = controller
        self.matrix = matrix
        template = controller.session.table.template if controller.session and controller.session.table else None
        self._cells: dict[str, tuple[int, int]] = {}
        for r, (row, _) in enumerate(matrix.rows):
            for c, (column, _) in enumerate(matrix.columns):
                ident = matrix.cell_id(row, column)
                if template is not None and ident in template:
                    self._cells[ident] = (r, c)

    def _ident(self, index: Index) -> str | None:
        row, _ = self.matrix.rows[index.row()]
        column, _ = self.matrix.columns[index.column()]
        ident = self.matrix.cell_id(row, column)
        return ident if ident in self._cells else None

    def index_for_id(self, ident: str) -> QModelIndex:
        where = self._cells.get(ident)
        return self.index(*where) if where else QModelIndex()

    def has_id(self, ident: str) -> bool:
        return ident in self._cells

    def apply_change(self, change: Change) -> None:
        for ident in ids_touched(self._ctl, change):
            where = self._cells.get(ident)
            if where is not None:
                index = self.index(*where)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matrix.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        labels = self.matrix.columns if orientation == Qt.Orientation.Horizontal else self.matrix.rows
        if 0 <= section < len(labels):
            return labels[section][1]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self._ident(index) else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ident = self._ident(index)
        session = self._ctl.session
        if ident is None or session is None or session.table is None:
            return None
        table = session.table
        found = table.published.get(ident)
        status = session.status(ident)
        if role == Qt.ItemDataRole.DisplayRole:
            if session.is_corrected(ident):
                return f"{value_text(table.corrections[ident]) or '（空）'} ✎"
            if found is None:
                return "（缺）"
            text = found.raw if found.raw not in (None, "") else "（空）"
            symbol = STATUS_STYLE.get(status, ("", ""))[0] if status in ("有误", "待核实") else ""
            return f"{symbol} {text}".strip()
        if role == Qt.ItemDataRole.EditRole:
            return value_text(session.value(ident))
        if role == Qt.ItemDataRole.BackgroundRole:
            return status_brush(status)
        if role == Qt.ItemDataRole.ForegroundRole and found is None and not session.is_corrected(ident):
            return _MISSING_FG
        if role == Qt.ItemDataRole.FontRole and status == "有误":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ALIGN_NUMBER)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [table.label(ident), f"指标编号：{ident}", f"状态：{status}"]
            if found is not None and found.problem:
                lines.append(f"公布值“{found.raw}”：{found.problem}")
            if session.is_corrected(ident):
                lines.append(f"公布值：{found.raw if found else '（缺）'}")
            return "\n".join(lines)
        if role == IdRole:
            return ident
        if role == SpanRole:
            return found.span if found is not None else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ident = self._ident(index)
        if ident is None or self._ctl.session is None:
            return False
        try:
            return commit_edit(self._ctl, ident, str(value if value is not None else ""))
        except BadValue as err:
            self.rejected.emit(str(err))
            return False
