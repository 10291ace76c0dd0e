"""The findings list with its filters (level, hide disposed, only the selected row's)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.session import Change
from gui.models.finding_model import (
    DISPOSITION,
    KIND,
    LEVEL_CHOICES,
    MESSAGE,
    SEVERITY,
    FindingFilterProxy,
    FindingModel,
)
from gui.models.roles import KeyRole
from gui.session_controller import SessionController
from gui.views.viewport import viewport_of


class FindingsPanel(QWidget):
    findingSelected = Signal(str)  # finding key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingModel(self)
        self.proxy = FindingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.level = QComboBox(self)
        self.level.addItems(LEVEL_CHOICES)
        self.level.currentIndexChanged.connect(self.proxy.set_level)
        self.hide_done = QCheckBox("隐藏已处置", self)
        self.hide_done.toggled.connect(self.proxy.set_hide_done)
        self.only_related = QCheckBox("只看所选行的", self)
        self.only_related.setToolTip("只显示与统计表中所选行有关的问题")
        self.only_related.toggled.connect(self.proxy.set_only_related)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.level)
        bar.addWidget(self.hide_done)
        bar.addWidget(self.only_related)
        bar.addStretch(1)

        self.view = QTableView(self)
        self._viewport = viewport_of(self.view)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((SEVERITY, 58), (KIND, 52), (DISPOSITION, 84)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def set_controller(self, controller: SessionController | None) -> None:
        self.model.set_controller(controller)

    def apply_change(self, change: Change) -> None:
        key = self.current_key()
        self.model.apply_change(change)
        if change.findings_changed or change.dispositions:  # otherwise no row's filter result moved
            self.proxy.refilter()
        if key is not None and self.current_key() != key and self.model.row_of(key) >= 0:
            self.select_key(key, emit=False)

    def set_related(self, ids: frozenset[str]) -> None:
        self.model.set_related(ids)
        self.proxy.refilter()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KeyRole)
        if isinstance(key, str):
            self.findingSelected.emit(key)

    def current_key(self) -> str | None:
        key = self.view.currentIndex().data(KeyRole)
        return key if isinstance(key, str) else None

    def select_key(self, key: str, emit: bool = True) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: show everything again rather than hide it
            self.level.setCurrentIndex(0)
            self.hide_done.setChecked(False)
            self.only_related.setChecked(False)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        sm = self.view.selectionModel()
        if not emit:
            sm.blockSignals(True)
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            sm.setCurrentIndex(index, flags)
        finally:
            if not emit:
                sm.blockSignals(False)
                self._viewport.update()
        self.view.scrollTo(index)
        return True

    def step(self, delta: int) -> str | None:
        """Select the next (+1) or previous (-1) finding in the shown order, wrapping around."""
        count = self.proxy.rowCount()
        if count == 0:
            return None
        row = self.view.currentIndex().row()
        row = (0 if delta > 0 else count - 1) if row < 0 else (row + delta) % count
        key = self.proxy.index(row, 0).data(KeyRole)
        if isinstance(key, str):
            self.select_key(key)
        return key if isinstance(key, str) else None
