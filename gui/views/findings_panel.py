"""The findings, grouped by cause, with filters (text, level, category, cause, disposed,
the selected row's) and the count still to do; several rows or a whole group can be
selected and disposed of at once (``Triage``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.rules.finding import Kind
from core.session import Change
from gui.models.finding_groups import family_name, family_of
from gui.models.finding_model import (
    DISPOSITION,
    KIND,
    KINDS,
    LEVEL_CHOICES,
    MESSAGE,
    SEVERITY,
    FindingFilterProxy,
    FindingModel,
    GroupRole,
)
from gui.models.roles import KeyRole
from gui.session_controller import SessionController
from gui.views.viewport import viewport_of

ALL_CAUSES = "全部原因"


class FindingsPanel(QWidget):
    findingSelected = Signal(str)  # finding key
    groupSelected = Signal(str, object)  # cause label, list[str]: the group made current
    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingModel(self)
        self.proxy = FindingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选问题…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda text: self._quietly(self.proxy.set_text, text))
        self.level = QComboBox(self)
        self.level.addItems(LEVEL_CHOICES)
        self.level.currentIndexChanged.connect(lambda i: self._quietly(self.proxy.set_level, i))
        self.kind = QComboBox(self)
        self.kind.addItems([name for name, _ in KINDS])
        self.kind.currentIndexChanged.connect(lambda i: self._quietly(self.proxy.set_kind, i))
        self.cause = QComboBox(self)
        self.cause.setToolTip("只看某一种原因（规则）的问题")
        self.cause.currentIndexChanged.connect(lambda _i: self._quietly(self.proxy.set_family, self.cause.currentData()))
        self.grouped = QCheckBox("按原因分组", self)
        self.grouped.setChecked(True)
        self.grouped.setToolTip("同一原因（同一规则、同一行或列）的问题合为一组，可整组处置")
        self.grouped.toggled.connect(self._set_grouped)
        self.hide_done = QCheckBox("隐藏已处置", self)
        self.hide_done.toggled.connect(lambda on: self._quietly(self.proxy.set_hide_done, on))
        self.only_related = QCheckBox("只看所选行", self)
        self.only_related.setToolTip("只显示与统计表中所选行有关的问题")
        self.only_related.toggled.connect(lambda on: self._quietly(self.proxy.set_only_related, on))
        self._quiet = 0  # > 0 while the proxy re-filters: current-row changes are Qt's, not the auditor's
        self.remaining = QLabel(self)
        self.remaining.setToolTip("待处理：尚未确认或标为误报的问题")
        # The count may be cut when the pane is narrow; it must not make the pane wider.
        self.remaining.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.empty = QLabel("✓ 未发现问题：这份报告通过了全部检查（检查了什么见左上方“已核对”）。", self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#1a7a3c; padding:6px")
        self.empty.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter, 2)
        for combo in (self.level, self.kind, self.cause):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            top.addWidget(combo, 1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        for box in (self.grouped, self.hide_done, self.only_related):
            second.addWidget(box)
        second.addWidget(self.remaining, 1)

        self.view = QTreeView(self)
        self._viewport = viewport_of(self.view)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(False)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(True)
        self.view.setAllColumnsShowFocus(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((SEVERITY, 60), (KIND, 50), (DISPOSITION, 84)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSortIndicatorClearable(True)  # a third click goes back to the engine's order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header.setToolTip("点击列标题排序；再点两次恢复原来的顺序（最严重的在前，按原文顺序）")
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)

    def _quietly(self, change: Callable[[Any], None], value: Any) -> None:
        """Re-filter without answering the current-row changes it causes: answering
        (selecting the text, the table, this list again) from inside the proxy's own
        row removal would re-enter it."""
        self._quiet += 1
        try:
            change(value)
        finally:
            self._quiet -= 1
        self.refresh_counts()

    # ---- content ------------------------------------------------------------------
    def set_controller(self, controller: SessionController | None) -> None:
        self.model.set_controller(controller)
        self._fill_causes()
        self.refresh_counts()

    def _fill_causes(self) -> None:
        current = self.cause.currentData()
        self.cause.blockSignals(True)
        self.cause.clear()
        self.cause.addItem(ALL_CAUSES, None)
        counts: dict[str, int] = {}
        kinds: dict[str, Kind] = {}
        for finding in self.model.findings():
            family = family_of(finding.rule)
            counts[family] = counts.get(family, 0) + 1
            kinds.setdefault(family, finding.kind)
        for family, count in counts.items():
            self.cause.addItem(f"{family_name(family, kinds[family])}（{count}）", family)
            self.cause.setItemData(self.cause.count() - 1, f"规则：{family}", Qt.ItemDataRole.ToolTipRole)
        found = self.cause.findData(current) if current is not None else 0
        self.cause.setCurrentIndex(max(found, 0))
        self.cause.blockSignals(False)
        self._quietly(self.proxy.set_family, self.cause.currentData())

    def _set_grouped(self, grouped: bool) -> None:
        state = self._state()
        self.model.set_grouped(grouped)
        self._restore(state)

    def apply_change(self, change: Change) -> None:
        state = self._state()
        rebuilt = self.model.apply_change(change)
        if rebuilt:
            self._fill_causes()
            self._restore(state)
        elif change.dispositions:  # a disposed finding may now be filtered out
            self._quietly(lambda _v: self.proxy.refilter(), None)
        self.refresh_counts()

    def refresh_counts(self) -> None:
        total, waiting = self.model.finding_count(), self.model.open_count()
        selected = len(self.selected_keys())
        text = f"待处理 {waiting} / {total}"
        if selected > 1:
            text += f" · 已选 {selected}"
        self.remaining.setText(text)
        # Said only when a report was audited and raised nothing at all.
        self.empty.setVisible(total == 0 and self.model.has_session())

    def set_related(self, ids: frozenset[str]) -> None:
        self.model.set_related(ids)
        if self.proxy.filtering:
            self._quietly(lambda _v: self.proxy.refilter(), None)

    # ---- state kept across a rebuild ----------------------------------------------------
    def _state(self) -> tuple[str | None, str | None, list[str], set[str]]:
        current = self.view.currentIndex()
        key, group = current.data(KeyRole), current.data(GroupRole)
        expanded = set()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.view.isExpanded(index) and isinstance(cause := index.data(GroupRole), str):
                expanded.add(cause)
        return (key if isinstance(key, str) else None, group if isinstance(group, str) else None,
                self.selected_keys(), expanded)

    def _restore(self, state: tuple[str | None, str | None, list[str], set[str]]) -> None:
        key, group, selected, expanded = state
        for cause in expanded:
            index = self.proxy.mapFromSource(self.model.group_index(cause))
            if index.isValid():
                self.view.setExpanded(index, True)
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        try:
            selection = QItemSelection()
            for k in selected:
                index = self.proxy.mapFromSource(self.model.index_of(k))
                if index.isValid():
                    selection.select(index, index.siblingAtColumn(DISPOSITION))
            current = self.proxy.mapFromSource(self.model.index_of(key) if key else self.model.group_index(group or ""))
            if current.isValid():
                sm.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            sm.blockSignals(False)
        self._viewport.update()

    # ---- selection ------------------------------------------------------------------------
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        key = current.data(KeyRole)
        if isinstance(key, str):
            self.findingSelected.emit(key)
        elif isinstance(current.data(GroupRole), str):
            source = self.proxy.mapToSource(current)
            group = self.model.group_of(source)
            self.groupSelected.emit(group.cause.label if group else "", self.model.keys_at(source))

    def _selection_changed(self) -> None:
        self.refresh_counts()
        self.selectionChanged.emit()

    def current_key(self) -> str | None:
        key = self.view.currentIndex().data(KeyRole)
        return key if isinstance(key, str) else None

    def selected_keys(self) -> list[str]:
        """Every finding selected, a selected group standing for all of its findings."""
        keys: list[str] = []
        for index in self.view.selectionModel().selectedRows(0):
            keys.extend(self.model.keys_at(self.proxy.mapToSource(index)))
        return list(dict.fromkeys(keys))

    def select_key(self, key: str, emit: bool = True) -> bool:
        source = self.model.index_of(key)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out: show everything again rather than hide it
            self.clear_filters()
            index = self.proxy.mapFromSource(source)
        if index.parent().isValid():
            self.view.setExpanded(index.parent(), True)
        sm = self.view.selectionModel()
        if index == self.view.currentIndex() and sm.isSelected(index):
            self.view.scrollTo(index)  # already shown: keep a selection of several as it is
            return True
        if not emit:
            sm.blockSignals(True)
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            sm.setCurrentIndex(index, flags)
        finally:
            if not emit:
                sm.blockSignals(False)
                self._viewport.update()
                self.refresh_counts()
        self.view.scrollTo(index)
        return True

    def select_group(self, cause: str) -> bool:
        index = self.proxy.mapFromSource(self.model.group_index(cause))
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        hint = QAbstractItemView.ScrollHint.PositionAtTop if self.view.isExpanded(index) else QAbstractItemView.ScrollHint.EnsureVisible
        self.view.scrollTo(index, hint)
        return True

    def clear_filters(self) -> None:
        self.filter.clear()
        self.level.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.cause.setCurrentIndex(0)
        self.hide_done.setChecked(False)
        self.only_related.setChecked(False)

    def _shown_keys(self) -> list[str]:
        """The findings in the order shown, a group's findings where the group is."""
        keys: list[str] = []
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            key = index.data(KeyRole)
            if isinstance(key, str):
                keys.append(key)
                continue
            for child in range(self.proxy.rowCount(index)):
                key = self.proxy.index(child, 0, index).data(KeyRole)
                if isinstance(key, str):
                    keys.append(key)
        return keys

    def step(self, delta: int) -> str | None:
        """Select the next (+1) or previous (-1) finding in the shown order, wrapping around."""
        keys = self._shown_keys()
        if not keys:
            return None
        current = self.view.currentIndex()
        key = current.data(KeyRole)
        if isinstance(key, str) and key in keys:
            at = (keys.index(key) + delta) % len(keys)
        elif isinstance(current.data(GroupRole), str) and self.proxy.rowCount(current):
            first = self.proxy.index(0, 0, current).data(KeyRole)  # from a group: into it
            at = keys.index(first) if delta > 0 and first in keys else (keys.index(first) - 1) % len(keys)
        else:
            at = 0 if delta > 0 else len(keys) - 1
        self.select_key(keys[at])
        return keys[at]
