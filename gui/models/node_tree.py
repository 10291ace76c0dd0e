"""The shared part of our tree models: rows are plain ``Node`` objects that know their parent
and their place, and ``NodeTreeModel`` answers where a row is (index, parent, row count) from
them, so a model only says what its rows hold (data, flags) and how the tree is built."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class Node:
    """A row: made under its parent, it takes the next place there."""

    __slots__ = ("parent", "row", "children")

    def __init__(self, parent: Node | None = None) -> None:
        self.parent = parent
        self.children: list[Any] = []
        self.row = 0
        if parent is not None:
            self.row = len(parent.children)
            parent.children.append(self)


N = TypeVar("N", bound=Node)


class NodeTreeModel(QAbstractItemModel, Generic[N]):
    """Subclasses set ``headers``, keep their tree under ``self._root`` and implement ``data``.

    Children hang from a row's first column only, as Qt's views expect.
    """

    headers: tuple[str, ...] = ()

    def __init__(self, root: N, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root

    def _node(self, index: Index) -> N:
        node: N = index.internalPointer() if index.isValid() else self._root
        return node

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < len(self.headers):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None
