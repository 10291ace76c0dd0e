"""The audit trail table, newest entry kept in view; a selected entry is shown in full
by the inspector."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from gui.models.history_model import HistoryModel


class HistoryView(QTableView):
    entrySelected = Signal(int)  # row of the entry made current

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = HistoryModel(self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # 内容 is elided, shown in full beside
        self.model_.rowsInserted.connect(lambda *_: self.scrollToBottom())
        self.selectionModel().currentRowChanged.connect(self._current)

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.entrySelected.emit(current.row())
