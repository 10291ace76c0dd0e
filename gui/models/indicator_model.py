"""The indicator table as a tree: 标签, 单位, 公布值, 更正值, 状态.

Rows follow the template's hierarchy (``IndicatorDef.parent``); cells of matrix tables
(2019/2021 tables 二/三/四) are shown by ``MatrixModel`` instead. ``setData`` never writes:
it asks the controller, which pushes an undo command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from core.session import Change
from gui.highlight import ALIGN_NUMBER, status_brush, status_text
from gui.models.formatting import BadValue, parse_user_value, value_text
from gui.models.node_tree import Index, Node, NodeTreeModel
from gui.models.roles import (
    ALIGNMENT,
    BACKGROUND,
    DISPLAY,
    EDIT,
    FONT,
    FOREGROUND,
    TOOLTIP,
    HeaderRole,
    IdRole,
    SpanRole,
)
from gui.session_controller import SessionController

LABEL, UNIT, PUBLISHED, CORRECTED, STATUS = range(5)
HEADERS = ("标签", "单位", "公布值", "更正值", "状态")
# Colours, not brushes, for the views' colour roles: Qt turns them into brushes itself, and
# the first QBrush made from Python would also build QGradient's enum classes.
_SECTION_BG = QColor("#e9edf2")
_MISSING_FG = QColor("#8a8a8a")
_PROBLEM_FG = QColor("#b00000")
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
# The roles data() answers: a view also asks for others (decoration, check state, size
# hint...) for every cell it paints, and those should cost nothing.
_ANSWERED = frozenset({DISPLAY, EDIT, FONT, ALIGNMENT, BACKGROUND, FOREGROUND, TOOLTIP, IdRole, HeaderRole, SpanRole})


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class _Node(Node):
    __slots__ = ("ident",)
    parent: _Node | None
    children: list[_Node]

    def __init__(self, ident: str, parent: _Node | None = None) -> None:
        super().__init__(parent)
        self.ident = ident


def matrix_cell_ids(template: Any) -> set[str]:
    return {m.cell_id(r, c) for m in template.matrices for r, _ in m.rows for c, _ in m.columns}


def ids_touched(controller: SessionController, change: Change) -> set[str]:
    """Ids whose value or status may differ after ``change``."""
    ids = set(change.ids)
    for finding in (*change.added, *change.removed):
        ids.update(finding.ids)
    for key in change.dispositions:
        found = controller.finding(key)
        if found is not None:
            ids.update(found.ids)
        elif key.count("|") >= 2:  # the finding is gone; its key still names its ids
            ids.update(i for i in key.split("|")[1].split(",") if i)
    return ids


class IndicatorModel(NodeTreeModel[_Node]):
    rejected = Signal(str)  # typed text that is not a number (Chinese message)

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_Node(""), parent)
        self._ctl: SessionController | None = None
        self._nodes: dict[str, _Node] = {}
        self._bold = _bold()

    # ---- binding -------------------------------------------------------------
    def set_controller(self, controller: SessionController | None) -> None:
        self.beginResetModel()
        self._ctl = controller
        self._root = _Node("")
        self._nodes = {}
        table = controller.session.table if controller and controller.session else None
        if table is not None:
            skip = matrix_cell_ids(table.template)
            for d in table.template.indicators:
                if d.id in skip:
                    continue
                parent = self._nodes.get(d.parent or "", self._root)
                self._nodes[d.id] = _Node(d.id, parent)
        self.endResetModel()

    def apply_change(self, change: Change) -> None:
        if self._ctl is None:
            return
        for ident in ids_touched(self._ctl, change):
            node = self._nodes.get(ident)
            if node is not None:
                self.dataChanged.emit(self.createIndex(node.row, PUBLISHED, node), self.createIndex(node.row, STATUS, node))

    def index_for_id(self, ident: str, column: int = LABEL) -> QModelIndex:
        node = self._nodes.get(ident)
        return self.createIndex(node.row, column, node) if node is not None else QModelIndex()

    def has_id(self, ident: str) -> bool:
        return ident in self._nodes

    def has_values(self) -> bool:
        """Some row of the tree takes a value (a 2019/2021 form keeps only section titles
        here, its cells being in the table tabs)."""
        table = self._ctl.session.table if self._ctl and self._ctl.session else None
        return table is not None and any(not table.template.get(i).header for i in self._nodes)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == CORRECTED and self._ctl and self._ctl.session and not self._ctl.read_only and not self._def(index).header:
            return _EDITABLE
        return _READ_ONLY

    # ---- data ----------------------------------------------------------------
    def _def(self, index: Index) -> Any:
        assert self._ctl is not None and self._ctl.session is not None and self._ctl.session.table is not None
        return self._ctl.session.table.template.get(self._node(index).ident)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid() or self._ctl is None or self._ctl.session is None:
            return None
        session, ident, col = self._ctl.session, self._node(index).ident, index.column()
        table = session.table
        if table is None:
            return None
        d = table.template.get(ident)
        found = table.published.get(ident)
        if role == DISPLAY:
            if col == LABEL:
                return d.label
            if col == UNIT:
                return d.unit or ""
            if d.header and found is None:
                return ""
            if col == PUBLISHED:
                if found is None or (d.header and found.raw in (None, "")):
                    return "" if d.header else "（缺）"
                return found.raw if found.raw not in (None, "") else "（空）"
            if col == CORRECTED:
                return value_text(table.corrections[ident]) or "（空）" if session.is_corrected(ident) else ""
            if col == STATUS:
                return status_text(session.status(ident))
            return None
        if role == EDIT:
            if col == CORRECTED:
                return value_text(session.value(ident))
            return self.data(index, DISPLAY)
        if role == FONT and (d.header or d.parent is None):
            return self._bold
        if role == BACKGROUND:
            if col == STATUS:
                return status_brush(session.status(ident)) or (_SECTION_BG if d.header else None)
            return _SECTION_BG if d.header else None
        if role == FOREGROUND:
            if col == PUBLISHED and found is not None and found.problem:
                return _PROBLEM_FG
            if col == PUBLISHED and found is None and not d.header:
                return _MISSING_FG
            return None
        if role == ALIGNMENT and col in (PUBLISHED, CORRECTED):
            return int(ALIGN_NUMBER)
        if role == TOOLTIP:
            return self._tooltip(ident)
        if role == IdRole:
            return ident
        if role == HeaderRole:
            return d.header
        if role == SpanRole:
            return found.span if found is not None else None
        return None

    def _tooltip(self, ident: str) -> str:
        assert self._ctl is not None and self._ctl.session is not None
        table = self._ctl.session.table
        assert table is not None
        found = table.published.get(ident)
        lines = [table.label(ident), f"指标编号：{ident}"]
        if found is not None and found.problem:
            lines.append(f"公布值“{found.raw}”：{found.problem}")
        if found is not None and found.uncertain:
            lines.append("公布值的拆分不确定，请对照原文")
        reasons = self._ctl.session.reasons
        if ident in reasons:
            lines.append(f"更正原因：{reasons[ident]}")
        return "\n".join(lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != CORRECTED:
            return False
        if self._ctl is None or self._ctl.session is None or self._def(index).header:
            return False
        try:
            return commit_edit(self._ctl, self._node(index).ident, str(value if value is not None else ""))
        except BadValue as err:
            self.rejected.emit(str(err))
            return False


def commit_edit(controller: SessionController, ident: str, text: str, reason: str = "") -> bool:
    """Turn typed text into an undoable edit; False when nothing changed. Raises BadValue."""
    session = controller.session
    assert session is not None
    revert, value = parse_user_value(text)  # BadValue: the caller tells the auditor
    if revert:
        if not session.is_corrected(ident):
            return False
        controller.revert_value(ident, reason)
        return True
    if session.is_corrected(ident) and session.value(ident) == value:
        return False
    if not session.is_corrected(ident) and session.value(ident) == value and session.table is not None and session.table.present(ident):
        return False
    controller.edit_value(ident, value, reason)
    return True
