"""Figures in the narrative that no check covered: a list to click through and judge by eye."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from gui.models.claim_model import UncoveredClaimModel
from gui.models.roles import SpanRole
from gui.session_controller import SessionController


class UncoveredView(QWidget):
    spanRequested = Signal(object)  # (start, end) of the figure in the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UncoveredClaimModel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        header = self.view.horizontalHeader()
        header.resizeSection(0, 64)
        header.resizeSection(1, 44)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view)

    def set_controller(self, controller: SessionController | None) -> None:
        self.model.set_controller(controller)
        count = self.model.rowCount()
        self.note.setText(
            f"正文中有 {count} 个数字没有对应的统计表行，检查无法覆盖，请对照原文判断。" if count else "正文中的数字都已与统计表核对。"
        )

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        span = current.data(SpanRole)
        if span is not None:
            self.spanRequested.emit(tuple(span))

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))
