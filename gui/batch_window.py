"""Folder review: audit every report of a folder, worst first, and open one to review it.

A standalone widget the main window embeds or shows: ``run_folder(path)`` starts the
run, rows appear as reports finish (the folder is audited on every core by
``core.batch.audit_folder`` in worker processes), a progress bar with 取消 stops it, and
activating a readable row emits ``open_report(path)``. Reports that could not be read
stay in the list with their reason: a bad file is visible data, not a hidden one.

When a run ends, the 分析 tab gets the cross-report tables of the summary workbook
(机关对比, 偏离明细, 逐年变化, 汇总核对, 问题统计), computed with pandas off the GUI thread,
sortable and filterable; double-clicking a row about a report opens it. 导出全部审核意见
audits the folder again and writes one 审核意见 per report into a chosen folder.
"""

from __future__ import annotations

import bisect
import logging
import os
import threading
import traceback
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.batch import BatchRow, MemoRequest
from core.errors import ReportError
from gui.settings import Settings, open_settings

log = logging.getLogger(__name__)

COLUMNS = ("报告", "报送单位", "年度", "模板", "错误", "警告", "审核状态", "说明")
_ERROR_FG = QColor("#9C0006")
_WARNING_FG = QColor("#9C5700")
_UNREADABLE_BG = QColor("#F2F2F2")


class BatchModel(QAbstractTableModel):
    """The rows of a folder run, kept worst first as they arrive."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BatchRow] = []
        self._keys: list[tuple[Any, ...]] = []

    # ---- Qt model API -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.error if (col == 7 and row.error) else row.path
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.error or (col == 4 and row.errors):
                return QBrush(_ERROR_FG)
            if col == 5 and row.warnings:
                return QBrush(_WARNING_FG)
        if role == Qt.ItemDataRole.BackgroundRole and row.error:
            return QBrush(_UNREADABLE_BG)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.path
        return None

    @staticmethod
    def _display(row: BatchRow, col: int) -> str:
        if col == 0:
            return row.name
        if row.error:
            return {6: "无法读取", 7: row.error}.get(col, "")
        if col == 1:
            return row.agency or "（未识别）"
        if col == 2:
            return str(row.year) if row.year else ""
        if col == 3:
            return row.template or "未识别"
        if col == 4:
            return str(row.errors)
        if col == 5:
            return str(row.warnings)
        if col == 6:
            return row.review
        return f"已更正 {row.corrections} 处" if row.corrections else ""

    # ---- content ------------------------------------------------------------------
    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._keys.clear()
        self.endResetModel()

    def add(self, row: BatchRow) -> int:
        key = row.worst_first_key
        at = bisect.bisect_right(self._keys, key)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self._keys.insert(at, key)
        self.endInsertRows()
        return at

    def row(self, number: int) -> BatchRow:
        return self._rows[number]

    @property
    def rows(self) -> list[BatchRow]:
        return list(self._rows)


class _FolderJob(QObject):
    """Runs ``audit_folder`` in a QThread; rows and progress are queued to the GUI thread."""

    row = Signal(object)
    progress = Signal(int, int)
    done = Signal(bool)  # True when it ran to the end, False when cancelled
    failed = Signal(str)

    def __init__(self, path: str, workers: int | None, cancel: threading.Event, memo: MemoRequest | None = None) -> None:
        super().__init__()
        self.path, self.workers, self.cancel, self.memo = path, workers, cancel, memo

    @Slot()
    def run(self) -> None:
        try:
            from core.batch import audit_folder

            for row in audit_folder(
                [self.path], workers=self.workers, progress=self.progress.emit, cancel=self.cancel, memo=self.memo
            ):
                self.row.emit(row)
        except Exception:  # audit_folder turns bad files into rows: this is a bug, log and say so
            log.error("folder run failed\n%s", traceback.format_exc())
            self.failed.emit("文件夹审核时出现意外错误，详情已写入日志")
        self.done.emit(not self.cancel.is_set())


_BACKGROUND: set[tuple[QThread, QObject]] = set()  # analysis threads still running


class _AnalysisJob(QObject):
    """pandas over the finished rows, in a QThread: the tables arrive ready to show."""

    done = Signal(object)  # list[core.analysis.folder.Table]
    failed = Signal(str)

    def __init__(self, rows: list[BatchRow]) -> None:
        super().__init__()
        self.rows = rows

    @Slot()
    def run(self) -> None:
        try:
            from core.analysis.folder import analyse_folder

            self.done.emit(analyse_folder(self.rows).view_tables())
        except Exception:  # the list stays usable: say so, log the details
            log.error("folder analysis failed\n%s", traceback.format_exc())
            self.failed.emit("分析表计算失败，详情已写入日志")


class BatchWindow(QWidget):
    """Folder review list. Connect ``open_report`` to open a report in the review window."""

    open_report = Signal(str)
    finished = Signal(int)  # number of rows when a run ends (also after cancel)
    analysis_ready = Signal()  # the 分析 tab has its tables

    def __init__(
        self, parent: QWidget | None = None, *, workers: int | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("批量审核")
        self._workers = workers
        self.settings = settings or Settings(open_settings())
        self._thread: QThread | None = None
        self._job: _FolderJob | None = None
        self._cancel = threading.Event()
        self._memo: MemoRequest | None = None
        self._analysis_thread: QThread | None = None
        self._analysis_job: _AnalysisJob | None = None
        self.folder: str | None = None

        self.model = BatchModel(self)
        self.open_button = QPushButton("打开文件夹…")
        self.export_button = QPushButton("导出汇总…")
        self.export_button.setEnabled(False)
        self.memo_button = QPushButton("导出全部审核意见…")
        self.memo_button.setToolTip("为每份报告各写一份审核意见（Word 文档）到所选文件夹")
        self.memo_button.setEnabled(False)
        self.folder_label = QLabel("未选择文件夹")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setVisible(False)
        self.status = QLabel("")
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((220, 200, 60, 60, 50, 50, 80)):
            self.view.setColumnWidth(col, width)

        self._build_analysis_tab()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, "报告")
        self.tabs.addTab(self.analysis_tab, "分析")
        self.tabs.setTabEnabled(1, False)

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.memo_button)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self.open_button.clicked.connect(self._choose_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.clicked.connect(self._choose_export)
        self.memo_button.clicked.connect(self._choose_memo_folder)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.resize(900, 560)

    def _build_analysis_tab(self) -> None:
        from gui.models.analysis_model import SORT_ROLE, AnalysisModel

        self.tables: list[Any] = []
        self.analysis_model = AnalysisModel(self)
        self.analysis_proxy = QSortFilterProxyModel(self)
        self.analysis_proxy.setSourceModel(self.analysis_model)
        self.analysis_proxy.setSortRole(SORT_ROLE)
        self.analysis_proxy.setFilterKeyColumn(-1)  # any column
        self.analysis_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table_choice = QComboBox()
        self.table_choice.setToolTip("机关对比：各指标的四分位与远离其他机关的数值；偏离明细：逐条列出；"
                                     "逐年变化：同一机关相邻年度；汇总核对：全域报告与各部分之和；问题统计：各类问题数量")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("筛选（任一列含有的文字，如机关名、指标名）")
        self.filter_edit.setClearButtonEnabled(True)
        self.analysis_hint = QLabel("双击一行打开该报告")
        self.analysis_view = QTableView()
        self.analysis_view.setModel(self.analysis_proxy)
        self.analysis_view.setSortingEnabled(True)
        self.analysis_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.analysis_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.analysis_view.verticalHeader().setVisible(False)
        self.analysis_view.verticalHeader().setDefaultSectionSize(24)
        self.analysis_view.setWordWrap(False)
        self.analysis_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        row = QHBoxLayout()
        row.addWidget(QLabel("表："))
        row.addWidget(self.table_choice)
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.analysis_hint)
        self.analysis_tab = QWidget()
        box = QVBoxLayout(self.analysis_tab)
        box.setContentsMargins(0, 4, 0, 0)
        box.addLayout(row)
        box.addWidget(self.analysis_view, 1)
        self.table_choice.currentIndexChanged.connect(self._show_table)
        self.filter_edit.textChanged.connect(self.analysis_proxy.setFilterFixedString)
        self.analysis_view.doubleClicked.connect(self._analysis_activated)

    # ---- API ----------------------------------------------------------------------
    def run_folder(self, path: str | os.PathLike[str], memo: MemoRequest | None = None) -> None:
        """Audit every report under ``path`` (writing each one's memo when ``memo`` is given);
        any run still going is cancelled first."""
        self.cancel()
        self._wait()
        self.folder = os.fspath(path)
        self._memo = memo
        self.folder_label.setText(self.folder)
        self.model.clear()
        self._set_tables([])
        self.export_button.setEnabled(False)
        self.memo_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.status.setText("正在审核并写出审核意见…" if memo else "正在审核…")
        self._cancel = threading.Event()
        thread = QThread(self)
        job = _FolderJob(self.folder, self._workers, self._cancel, memo)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.row.connect(self._on_row)
        job.progress.connect(self._on_progress)
        job.failed.connect(self._on_failed)
        job.done.connect(self._on_done)
        self._thread, self._job = thread, job
        thread.start()

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText("正在取消…")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    @property
    def rows(self) -> list[BatchRow]:
        return self.model.rows

    def export_summary(self, out_path: str | os.PathLike[str]) -> str:
        """Write the summary workbook of the rows shown; raises ``ExportError`` (Chinese)."""
        from core.export.summary import export_summary

        return str(export_summary(self.model.rows, out_path, overwrite=True))

    # ---- slots --------------------------------------------------------------------
    def _stale(self) -> bool:
        """A signal queued by a run that was replaced by a newer one: ignore it."""
        return self.sender() is not self._job

    @Slot(object)
    def _on_row(self, row: BatchRow) -> None:
        if not self._stale():
            self.model.add(row)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._stale():
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if total == 0:
            self.status.setText("该文件夹中没有可审核的报告")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self._stale():
            self.status.setText(message)

    @Slot(bool)
    def _on_done(self, completed: bool) -> None:
        if self._stale():
            return
        self._wait()  # the job has returned: let its thread end before anyone may delete us
        rows = self.model.rows
        unreadable = sum(1 for r in rows if r.error)
        with_errors = sum(1 for r in rows if r.ok and r.errors)
        summary = f"共 {len(rows)} 份报告，{with_errors} 份有错误，{unreadable} 份无法读取"
        if self._memo is not None:
            written = sum(1 for r in rows if r.memo)
            failed = [r for r in rows if r.memo_error]
            summary = f"已导出 {written} 份审核意见到：{self._memo.folder}。" + summary
            if failed:
                summary += f"；{len(failed)} 份审核意见写不出：{failed[0].memo_error}"
        if not completed:
            summary = "已取消。" + summary
        if not self.status.text().startswith("文件夹审核时出现意外错误"):
            self.status.setText(summary)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.export_button.setEnabled(bool(rows))
        self.memo_button.setEnabled(bool(rows))
        self.finished.emit(len(rows))
        if rows:
            self._start_analysis(rows)

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row(index.row())
        if row.error:
            self.status.setText(f"“{row.name}”无法读取：{row.error}")
            return
        self.open_report.emit(row.path)

    # ---- analysis tab -------------------------------------------------------------
    def _start_analysis(self, rows: list[BatchRow]) -> None:
        self._wait_analysis()
        # No parent: the window may be deleted while pandas still works, and a QThread
        # destroyed while running aborts the process. The set keeps it until it ends.
        thread = QThread()
        job = _AnalysisJob(rows)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.done.connect(self._on_tables)
        job.failed.connect(self._on_analysis_failed)
        job.done.connect(thread.quit)
        job.failed.connect(thread.quit)
        _BACKGROUND.add((thread, job))
        thread.finished.connect(lambda: _BACKGROUND.discard((thread, job)))
        self._analysis_thread, self._analysis_job = thread, job
        thread.start()

    @Slot(object)
    def _on_tables(self, tables: list[Any]) -> None:
        if self.sender() is not self._analysis_job:
            return  # from a run that was replaced
        self._wait_analysis()
        self._set_tables(tables)
        self.analysis_ready.emit()

    @Slot(str)
    def _on_analysis_failed(self, message: str) -> None:
        if self.sender() is self._analysis_job:
            self._wait_analysis()
            self.status.setText(message)

    def _set_tables(self, tables: list[Any]) -> None:
        self.tables = tables
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in tables:
            self.table_choice.addItem(f"{table.name}（{len(table.display)}）", table.name)
        self.table_choice.blockSignals(False)
        self.tabs.setTabEnabled(1, bool(tables))
        self._show_table(0)

    def show_table(self, name: str) -> None:
        """Show the analysis table ``name`` (机关对比, 偏离明细 ...) in the 分析 tab."""
        index = self.table_choice.findData(name)
        if index >= 0:
            self.table_choice.setCurrentIndex(index)
            self.tabs.setCurrentIndex(1)

    def _show_table(self, index: int) -> None:
        table = self.tables[index] if 0 <= index < len(self.tables) else None
        self.analysis_model.set_table(table)
        self.analysis_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the table's own order first
        if table is None:
            return
        self.analysis_hint.setText(
            "双击一行打开该报告" if any(table.paths) else "双击一行查看该指标的偏离明细" if table.name == "机关对比" else ""
        )
        header = self.analysis_view.horizontalHeader()
        for col, name in enumerate(table.columns):
            wide = name in ("偏离的机关", "说明", "示例", "指标", "报告")
            header.resizeSection(col, 260 if wide else max(60, 16 * len(name) + 24))
            # ids stay in the model (the filter and the tooltip find them) but not on screen
            self.analysis_view.setColumnHidden(col, name in ("指标编号", "规则编号"))

    def _analysis_activated(self, index: QModelIndex) -> None:
        from gui.models.analysis_model import PATH_ROLE

        if not index.isValid():
            return
        path = index.data(PATH_ROLE)
        if path:
            self.open_report.emit(path)
            return
        table = self.analysis_model.table
        if table is not None and table.name == "机关对比":
            ident = self.analysis_proxy.index(index.row(), table.columns.index("指标编号")).data()
            self.show_table("偏离明细")
            self.filter_edit.setText(ident)

    def _wait_analysis(self) -> None:
        if self._analysis_thread is not None:
            self._analysis_thread.quit()
            self._analysis_thread.wait()
            self._analysis_thread = None

    # ---- memos ----------------------------------------------------------------------
    def write_memos(self, out_folder: str, reviewer: str, unit: str = "") -> None:
        """Audit the folder again, writing each report's 审核意见 into ``out_folder``."""
        if self.folder is None:
            return
        os.makedirs(out_folder, exist_ok=True)
        self.run_folder(self.folder, MemoRequest(folder=out_folder, reviewer=reviewer, unit=unit))

    def _choose_memo_folder(self) -> None:
        from gui.dialogs.memo_dialog import ask_memo_details

        count = len(self.model.rows) - sum(1 for r in self.model.rows if r.error)
        details = ask_memo_details(
            self, summary=f"为 {count} 份可读取的报告各写一份审核意见（收文单位为各报告的报送单位；"
            "尚未处置的错误和警告列为“待核实的事项”）。", reviewer=self.settings.reviewer, unit=self.settings.unit,
            one_report=False,
        )
        if details is None:
            return
        self.settings.reviewer, self.settings.unit = details.reviewer, details.unit
        start = os.path.join(self.folder or "", "审核意见")
        folder = QFileDialog.getExistingDirectory(self, "审核意见保存到哪个文件夹", start if os.path.isdir(start) else self.folder or "")
        if folder:
            self.write_memos(folder, details.reviewer, details.unit)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择报告所在的文件夹", self.folder or "")
        if folder:
            self.run_folder(folder)

    def _choose_export(self) -> None:
        start = os.path.join(self.folder or "", "审核汇总.xlsx")
        # the native dialog asks before replacing an existing file
        path, _ = QFileDialog.getSaveFileName(self, "导出汇总表", start, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            written = self.export_summary(path)
        except ReportError as err:
            from gui.dialogs.messages import show_error

            show_error(self, "无法导出", str(err))
            return
        self.status.setText(f"已导出：{written}")

    # ---- shutdown -----------------------------------------------------------------
    def _wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None
            self._job = None

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.cancel()
        self._wait()
        self._wait_analysis()
        super().closeEvent(event)
