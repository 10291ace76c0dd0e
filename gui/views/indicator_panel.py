"""The indicator table for the detected template: the tree, plus one tab per matrix table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.session import Change
from gui.models.finding_groups import table_name
from gui.models.indicator_model import CORRECTED, LABEL, STATUS, IndicatorModel
from gui.models.matrix_model import MatrixModel
from gui.models.roles import IdRole
from gui.session_controller import SessionController


class IndicatorPanel(QWidget):
    idSelected = Signal(str)  # the auditor selected a row or a cell
    rejected = Signal(str)  # an edit that was not a number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = IndicatorModel(self)
        self.model.rejected.connect(self.rejected)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 44), (2, 64), (CORRECTED, 64), (STATUS, 76)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选指标…")
        self.filter.setToolTip("只显示标签中含有这些文字的行")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.filter.setMaximumWidth(200)
        self.tabs.setCornerWidget(self.filter, Qt.Corner.TopRightCorner)
        self.tabs.addTab(self.tree, "统计表")
        self.matrix_models: list[MatrixModel] = []
        self.matrix_views: list[QTableView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_controller(self, controller: SessionController | None) -> None:
        self.model.set_controller(controller)
        self.tree.expandAll()
        while self.tabs.count() > 1:
            widget = self.tabs.widget(1)
            self.tabs.removeTab(1)
            if widget is not None:
                widget.deleteLater()
        self.matrix_models, self.matrix_views = [], []
        table = controller.session.table if controller and controller.session else None
        matrices = table.template.matrices if controller is not None and table is not None else ()
        for matrix in matrices:
            assert controller is not None
            model = MatrixModel(controller, matrix, self)
            model.rejected.connect(self.rejected)
            view = QTableView(self)
            view.setModel(model)
            view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setMinimumSectionSize(56)
            view.verticalHeader().setMaximumWidth(260)
            view.selectionModel().currentChanged.connect(self._on_current)
            self.matrix_models.append(model)
            self.matrix_views.append(view)
            self.tabs.addTab(view, table_name(matrix))
            self.tabs.setTabToolTip(self.tabs.count() - 1, matrix.title)
        # A template made only of matrices has nothing in the tree: start on the first matrix.
        tree = self.model.has_values() or not self.matrix_models
        self.tabs.setTabVisible(0, tree)
        if not tree:
            self.tabs.setCurrentIndex(1)
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        """Hide the rows whose label does not hold ``text`` (a section stays while any of its
        rows does); in a matrix, a row stays when its label or any column's label matches."""
        needle = text.strip()

        def walk(parent: QModelIndex) -> bool:
            any_shown = False
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, LABEL, parent)
                child_shown = walk(index)
                shown = not needle or needle in str(index.data()) or child_shown
                self.tree.setRowHidden(row, parent, not shown)
                any_shown = any_shown or shown
            return any_shown

        walk(QModelIndex())
        for view, model in zip(self.matrix_views, self.matrix_models):
            columns = any(needle in label for _, label in model.matrix.columns)
            for row, (_, label) in enumerate(model.matrix.rows):
                view.setRowHidden(row, bool(needle) and needle not in label and not columns)

    def apply_change(self, change: Change) -> None:
        self.model.apply_change(change)
        for model in self.matrix_models:
            model.apply_change(change)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ident = current.data(IdRole)
        if isinstance(ident, str):
            self.idSelected.emit(ident)

    def current_id(self) -> str | None:
        view = self.tabs.currentWidget()
        if isinstance(view, (QTreeView, QTableView)):
            ident = view.currentIndex().data(IdRole)
            return ident if isinstance(ident, str) else None
        return None

    def current_view_index(self) -> tuple[QAbstractItemView | None, QModelIndex]:
        view = self.tabs.currentWidget()
        if not isinstance(view, QAbstractItemView):
            return None, QModelIndex()
        index = view.currentIndex()
        if view is self.tree:
            index = index.siblingAtColumn(CORRECTED)
        return view, index

    def select_ids(self, ids: tuple[str, ...] | list[str]) -> bool:
        """Select every row (or cell) of ``ids``; the first becomes current and is scrolled to."""
        pairs: list[tuple[QAbstractItemView, IndicatorModel | MatrixModel]] = [(self.tree, self.model)]
        pairs += zip(self.matrix_views, self.matrix_models)
        for view, model in pairs:
            present = [i for i in ids if model.has_id(i)]
            if not present:
                continue
            self.tabs.setCurrentWidget(view)
            selection = QItemSelection()
            for ident in present:
                index = model.index_for_id(ident)
                last = index.siblingAtColumn(model.columnCount(index.parent()) - 1) if view is self.tree else index
                selection.select(index, last)
            first = model.index_for_id(present[0])
            sm = view.selectionModel()
            sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)
            return True
        return False

    def selected_ids(self) -> list[str]:
        view = self.tabs.currentWidget()
        if not isinstance(view, QAbstractItemView):
            return []
        ids = [i.data(IdRole) for i in view.selectionModel().selectedIndexes()]
        return list(dict.fromkeys(i for i in ids if isinstance(i, str)))
