"""The findings, grouped by cause (说明, 级别, 类别, 处置), and the proxy that filters and sorts them.

A group (``finding_groups``) with more than one finding is a row of its own holding its
findings; a group of one is just the finding. Rows are keyed by ``Finding.key`` (stable
across re-audits) and groups by their cause; when the findings change the model is
rebuilt and the panel puts back the selection and the open groups by those keys.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from core.rules.finding import Finding, Kind, Severity
from core.session import CONFIRMED, DISPOSITION_LABELS, FALSE_ALARM, OPEN, Change
from gui.highlight import COLORS, Mark
from gui.models.finding_groups import Cause, Group, family_of, group_findings
from gui.models.formatting import KIND_TEXT, SEVERITY_TEXT
from gui.models.node_tree import Index, Node, NodeTreeModel
from gui.models.roles import (
    BACKGROUND,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    FindingRole,
    KeyRole,
    SeverityRole,
    SpanRole,
)
from gui.session_controller import SessionController

MESSAGE, SEVERITY, KIND, DISPOSITION = range(4)
HEADERS = ("说明", "级别", "类别", "处置")
GroupRole = int(Qt.ItemDataRole.UserRole) + 20  # the cause key of a group row (None on findings)
SortRole = int(Qt.ItemDataRole.UserRole) + 21
_SEVERITY_BG = {
    Severity.ERROR: QColor(COLORS[Mark.ERROR]),
    Severity.WARNING: QColor(COLORS[Mark.WARNING]),
    Severity.INFO: QColor(COLORS[Mark.INFO]),
}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_DONE_FG = QColor("#7a7a7a")
_GROUP_BG = QColor("#eef1f5")
_ANSWERED = frozenset(
    {DISPLAY, BACKGROUND, FOREGROUND, FONT, TOOLTIP, KeyRole, SeverityRole, FindingRole, SpanRole, GroupRole, SortRole}
)


class _Node(Node):
    """A finding's row, or a group's (``finding`` None) holding its findings' rows."""

    __slots__ = ("finding", "group", "order")
    parent: _Node | None
    children: list[_Node]

    def __init__(self, finding: Finding | None = None, group: Group | None = None, parent: _Node | None = None,
                 order: int = 0) -> None:
        super().__init__(parent)
        self.finding, self.group, self.order = finding, group, order


class FindingModel(NodeTreeModel[_Node]):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_Node(), parent)
        self._ctl: SessionController | None = None
        self._flat: list[Finding] = []
        self._by_key: dict[str, _Node] = {}
        self._groups: dict[str, _Node] = {}
        self._related: frozenset[str] = frozenset()
        self._grouped = True
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- binding ------------------------------------------------------------------
    def set_controller(self, controller: SessionController | None) -> None:
        self._ctl = controller
        self._rebuild()

    def set_grouped(self, grouped: bool) -> None:
        if grouped != self._grouped:
            self._grouped = grouped
            self._rebuild()

    @property
    def grouped(self) -> bool:
        return self._grouped

    def _rebuild(self) -> None:
        self.beginResetModel()
        session = self._ctl.session if self._ctl else None
        self._flat = list(session.findings) if session is not None else []
        self._root = _Node()
        self._by_key, self._groups = {}, {}
        template = session.table.template if session is not None and session.table is not None else None
        order = {f.key: n for n, f in enumerate(self._flat)}
        groups = group_findings(self._flat, template) if self._grouped else [
            Group(Cause(f.key, family_of(f.rule), f.message, ""), (f,)) for f in self._flat
        ]
        for group in groups:
            if len(group.findings) == 1:
                finding = group.findings[0]
                self._by_key[finding.key] = _Node(finding, None, self._root, order[finding.key])
                continue
            head = _Node(None, group, self._root, order[group.findings[0].key])
            self._groups[group.cause.key] = head
            for finding in group.findings:
                self._by_key[finding.key] = _Node(finding, None, head, order[finding.key])
        self.endResetModel()

    def apply_change(self, change: Change) -> bool:
        """True when the model was rebuilt (the panel then restores its state)."""
        if self._ctl is None or self._ctl.session is None:
            return False
        if change.findings_changed or change.everything:
            self._rebuild()
            return True
        for key in change.dispositions:
            node = self._by_key.get(key)
            if node is None:
                continue
            self._changed(node)
            if node.parent is not None and node.parent is not self._root:
                self._changed(node.parent)
        return False

    def _changed(self, node: _Node) -> None:
        self.dataChanged.emit(self.createIndex(node.row, 0, node), self.createIndex(node.row, len(HEADERS) - 1, node))

    # ---- reading --------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        return list(self._flat)

    def finding_count(self) -> int:
        return len(self._flat)

    def has_session(self) -> bool:
        return self._ctl is not None and self._ctl.session is not None

    def open_count(self) -> int:
        return sum(1 for f in self._flat if self.disposition_status(f) == OPEN)

    def row_of(self, key: str) -> int:
        """The finding's place in the engine's order, -1 when absent."""
        return next((i for i, f in enumerate(self._flat) if f.key == key), -1)

    def index_of(self, key: str, column: int = 0) -> QModelIndex:
        node = self._by_key.get(key)
        return self.createIndex(node.row, column, node) if node is not None else QModelIndex()

    def group_index(self, cause: str) -> QModelIndex:
        node = self._groups.get(cause)
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    def keys_at(self, index: Index) -> list[str]:
        """The finding keys a row stands for: its own, or a group's findings."""
        if not index.isValid():
            return []
        node = self._node(index)
        if node.finding is not None:
            return [node.finding.key]
        return [child.finding.key for child in node.children if child.finding is not None]

    def group_of(self, index: Index) -> Group | None:
        return self._node(index).group if index.isValid() else None

    def set_related(self, ids: frozenset[str]) -> None:
        """Mark the findings that involve the selected table row(s)."""
        if ids == self._related:
            return
        self._related = ids
        for node in self._root.children:
            self._changed(node)
            for child in node.children:
                self._changed(child)

    def is_related(self, finding: Finding) -> bool:
        return bool(self._related.intersection(finding.ids))

    def disposition_status(self, finding: Finding) -> str:
        session = self._ctl.session if self._ctl else None
        return session.disposition(finding.key).status if session is not None else OPEN

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ---- data ---------------------------------------------------------------------------
    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid() or self._ctl is None or self._ctl.session is None:
            return None
        node = self._node(index)
        if node.group is not None:
            return self._group_data(node, index.column(), role)
        finding = node.finding
        assert finding is not None
        col = index.column()
        status = self._ctl.session.disposition(finding.key).status
        if role == DISPLAY:
            if col == SEVERITY:
                return SEVERITY_TEXT[finding.severity]
            if col == KIND:
                return KIND_TEXT[finding.kind]
            if col == MESSAGE:
                return ("▶ " if self.is_related(finding) else "") + finding.message
            if col == DISPOSITION:
                return "" if status == OPEN else DISPOSITION_LABELS[status]
            return None
        if role == SortRole:
            return _sort_key(col, node.order, finding.message, _RANK[finding.severity], finding.kind, status != OPEN)
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
            return text + (f"\n备注：{note}" if note else "") + f"\n规则：{finding.rule}"
        if role == KeyRole:
            return finding.key
        if role == SeverityRole:
            return finding.severity.value
        if role == FindingRole:
            return finding
        if role == SpanRole:
            return finding.evidence[0].span if finding.evidence else None
        return None

    def _group_data(self, node: _Node, col: int, role: int) -> Any:
        group = node.group
        assert group is not None and self._ctl is not None and self._ctl.session is not None
        session = self._ctl.session
        statuses = [session.disposition(f.key).status for f in group.findings]
        waiting = statuses.count(OPEN)
        if role == DISPLAY:
            if col == MESSAGE:
                related = any(self.is_related(f) for f in group.findings)
                return f"{'▶ ' if related else ''}{group.cause.label}（{len(group.findings)} 个）"
            if col == SEVERITY:
                return SEVERITY_TEXT[group.severity]
            if col == KIND:
                kinds = {f.kind for f in group.findings}
                return KIND_TEXT[kinds.pop()] if len(kinds) == 1 else "多类"
            if col == DISPOSITION:
                if waiting == len(statuses):
                    return f"待处理 {waiting}"
                if waiting == 0:
                    done = set(statuses)
                    return DISPOSITION_LABELS[done.pop()] if len(done) == 1 else "已全部处置"
                return f"待处理 {waiting}/{len(statuses)}"
            return None
        if role == SortRole:
            return _sort_key(col, node.order, group.cause.label, _RANK[group.severity], group.findings[0].kind, waiting == 0)
        if role == BACKGROUND:
            return _SEVERITY_BG[group.severity] if col == SEVERITY and waiting else _GROUP_BG
        if role == FOREGROUND and waiting == 0:
            return _DONE_FG
        if role == FONT:
            return self._bold
        if role == TOOLTIP:
            lines = [f"{group.cause.label}：{len(group.findings)} 个问题，待处理 {waiting} 个", group.cause.tip]
            lines += [f"· {f.message}" for f in group.findings[:8]]
            if len(group.findings) > 8:
                lines.append(f"…… 另 {len(group.findings) - 8} 个")
            return "\n".join(lines)
        if role == GroupRole:
            return group.cause.key
        if role == SeverityRole:
            return group.severity.value
        if role == SpanRole:
            first = group.findings[0]
            return first.evidence[0].span if first.evidence else None
        return None


_KIND_ORDER = {Kind.TABLE: 0, Kind.NARRATIVE: 1, Kind.DOCUMENT: 2}


def _sort_key(col: int, order: int, text: str, rank: int, kind: Kind, done: bool) -> int | str:
    """What a column sorts by; ties keep the engine's order (worst first, reading order)."""
    if col == MESSAGE:
        return text
    if col == SEVERITY:
        return rank * 100_000 + order
    if col == KIND:
        return _KIND_ORDER[kind] * 100_000 + order
    return int(done) * 100_000 + order


# ---- filtering and sorting -------------------------------------------------------------
LEVELS = (("全部级别", None), ("错误和警告", {Severity.ERROR, Severity.WARNING}), ("只看错误", {Severity.ERROR}),
          ("只看警告", {Severity.WARNING}), ("只看无法核对", {Severity.INFO}))
KINDS = (("全部类别", None), ("统计表", Kind.TABLE), ("正文", Kind.NARRATIVE), ("文档", Kind.DOCUMENT))
LEVEL_CHOICES = tuple(name for name, _ in LEVELS)


class FindingFilterProxy(QSortFilterProxyModel):
    """"Only these findings" is a filter, never a second list to keep in step. A group
    row shows when any of its findings passes; sorting keeps groups together."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._levels: set[Severity] | None = None
        self._kind: Kind | None = None
        self._family: str | None = None
        self._text = ""
        self._hide_done = False
        self._only_related = False
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)

    def set_level(self, level: int) -> None:
        self._levels = LEVELS[level][1] if 0 <= level < len(LEVELS) else None
        self.refilter()

    def set_kind(self, kind: int) -> None:
        self._kind = KINDS[kind][1] if 0 <= kind < len(KINDS) else None
        self.refilter()

    def set_family(self, family: str | None) -> None:
        self._family = family or None
        self.refilter()

    def set_text(self, text: str) -> None:
        self._text = text.strip().lower()
        self.refilter()

    def set_hide_done(self, hide: bool) -> None:
        self._hide_done = hide
        self.refilter()

    def set_only_related(self, only: bool) -> None:
        self._only_related = only
        self.refilter()

    @property
    def filtering(self) -> bool:
        return bool(self._levels or self._kind or self._family or self._text or self._hide_done or self._only_related)

    def refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateFilter is deprecated there
            self.beginFilterChange()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        finding = index.data(FindingRole)
        if not isinstance(finding, Finding) or not isinstance(model, FindingModel):
            # A group: shown when one of its findings is (recursive filtering), or when
            # nothing filters at all (an empty group cannot happen).
            return not self.filtering
        if self._levels is not None and finding.severity not in self._levels:
            return False
        if self._kind is not None and finding.kind is not self._kind:
            return False
        if self._family is not None and family_of(finding.rule) != self._family:
            return False
        if self._hide_done and model.disposition_status(finding) in (CONFIRMED, FALSE_ALARM):
            return False
        if self._only_related and not model.is_related(finding):
            return False
        if self._text and self._text not in finding.message.lower():
            group = model.group_of(index.parent())
            if group is None or self._text not in group.cause.label.lower():
                return False
        return True
