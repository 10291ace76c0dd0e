"""The review window: a composition of the parts in ``gui/views`` and ``gui/models``.

Left: the report text. Right: the indicator table above; below it the findings, the
uncovered figures and the audit trail, beside the inspector. Several reports can be
open at once (a tab per file); each has its own controller and undo stack.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabBar, QTabWidget, QVBoxLayout, QWidget

from core.cross_year import pair_reports
from core.file_identity import same_file
from core.session import Change
from gui import exporting
from gui.actions import ActionId, ActionRegistry, build_menus, build_toolbar
from gui.commands import SetIdentityCommand
from gui.icons import app_icon
from gui.navigator import Navigator
from gui.paths import APP_NAME
from gui.recent_files import RecentFiles
from gui.report_feedback import ReportFeedback
from gui.session_controller import LOADING, READY, ReviewOptions, SessionController
from gui.settings import REVIEWS_APP_DATA, Settings
from gui.shell import MINIMUM_SIZE
from gui.triage import Triage
from gui.views.findings_panel import FindingsPanel
from gui.views.history_view import HistoryView
from gui.views.indicator_panel import IndicatorPanel
from gui.views.inspector import Inspector
from gui.views.lock_banner import LockBanner
from gui.views.original_pane import OriginalPane
from gui.views.status_summary import StatusSummary
from gui.views.uncovered_view import UncoveredView
from gui.workers import AuditRunner
from gui.zoom import apply_zoom, clamp

if TYPE_CHECKING:
    # Event classes named only in annotations: PySide builds a class (and its enums) on first
    # use, and these are first used by events that come after the start.
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

FILE_FILTER = "年度报告 (*.txt *.md *.docx *.doc *.wps *.pdf *.html *.htm);;所有文件 (*)"


def _vbox(*widgets: QWidget) -> QWidget:
    box = QWidget()  # a plain column without margins
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class MainWindow(QMainWindow):
    # A report's audit has arrived and is about to fill the panels: the frame (gui/app.py) puts
    # the window up first, so the panels are filled at the size they are shown at.
    reportArrived = Signal()

    def __init__(
        self, settings: QSettings, fallback_dir: Path | None, interactive: bool = True, runner: AuditRunner | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.settings, self.fallback_dir, self.interactive = settings, fallback_dir, interactive
        self.prefs = Settings(settings)
        self.controllers: list[SessionController] = []
        self.batch: QWidget | None = None
        self.runner = runner or AuditRunner()
        self.runner.setParent(self)
        self.undo_group = QUndoGroup(self)
        self.registry = ActionRegistry(self)

        self.original = OriginalPane()
        self.report = self.original.text
        self.indicators = IndicatorPanel()
        self.findings = FindingsPanel()
        self.inspector = Inspector(self.registry)
        self.uncovered = UncoveredView()
        self.history = HistoryView()
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setDocumentMode(True)
        for widget, title in ((self.findings, "问题"), (self.uncovered, "未核对的数字"), (self.history, "审核记录")):
            self.lower_tabs.addTab(widget, title)
        self.file_tabs = QTabBar()
        self.file_tabs.setTabsClosable(True)
        self.file_tabs.setDocumentMode(True)
        self.file_tabs.setExpanding(False)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.lower_tabs)
        lower.addWidget(self.inspector)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.indicators)
        right.addWidget(lower)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.original)
        main.addWidget(right)
        main.setSizes([560, 800])
        right.setSizes([330, 300])
        lower.setSizes([500, 300])
        for splitter in (main, right, lower):
            splitter.setChildrenCollapsible(False)
        self.splitters = (main, right, lower)
        self.lock_banner = LockBanner(self._confirm_take_over)
        self.setCentralWidget(_vbox(self.file_tabs, self.lock_banner, main))

        self.navigator = Navigator(self.original, self.indicators, self.findings, self.inspector, self.uncovered, self)
        self.triage = Triage(self.registry, self, self)
        self.feedback = ReportFeedback(self, interactive, self._show_status, self._drop)
        self.recent = RecentFiles(settings, self, self.open_file)
        build_menus(self, self.registry, self.recent.menu)
        build_toolbar(self, self.registry).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status = StatusSummary(self.statusBar())
        self._wire()
        self.setAcceptDrops(True)
        self.setMinimumSize(*MINIMUM_SIZE)
        if self.prefs.zoom:
            self.set_zoom(self.prefs.zoom)
        self._show(None)

    # ---- wiring ----------------------------------------------------------------
    def _wire(self) -> None:
        a, group = self.registry, self.undo_group
        a[ActionId.UNDO].triggered.connect(group.undo)
        a[ActionId.REDO].triggered.connect(group.redo)
        group.canUndoChanged.connect(a[ActionId.UNDO].setEnabled)
        group.canRedoChanged.connect(a[ActionId.REDO].setEnabled)
        group.undoTextChanged.connect(lambda t: a[ActionId.UNDO].setText(f"撤销 {t}" if t else "撤销"))
        group.redoTextChanged.connect(lambda t: a[ActionId.REDO].setText(f"重做 {t}" if t else "重做"))
        a.set_enabled(False, ActionId.UNDO, ActionId.REDO)
        a[ActionId.OPEN].triggered.connect(self.ask_open)
        a[ActionId.CLOSE_FILE].triggered.connect(lambda: self.close_file(self.file_tabs.currentIndex()))
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.EXPORT].triggered.connect(self.export)
        a[ActionId.EXPORT_MEMO].triggered.connect(self.export_memo)
        a[ActionId.ONLY_UNCOVERED].toggled.connect(self._only_uncovered)
        a[ActionId.ABOUT].triggered.connect(self._about)
        a[ActionId.BATCH].triggered.connect(self.show_batch)
        self.file_tabs.currentChanged.connect(lambda i: self._show(self.controllers[i] if 0 <= i < len(self.controllers) else None))
        self.file_tabs.tabCloseRequested.connect(self.close_file)
        self.runner.busyChanged.connect(self.status.set_busy)
        self.status.set_busy(self.runner.busy)
        self.indicators.rejected.connect(lambda message: self.statusBar().showMessage(f"未更正：{message}", 10000))
        self.status.cancel.clicked.connect(self._cancel_loading)
        a[ActionId.FIND].triggered.connect(self.original.open_find)
        a[ActionId.SETTINGS].triggered.connect(self.edit_settings)
        a[ActionId.PRINT].triggered.connect(self.print_findings)
        a[ActionId.EXPORT_PDF].triggered.connect(self.export_findings_pdf)
        a[ActionId.BLANK_AS_ZERO].triggered.connect(self._blank_as_zero)
        a[ActionId.IDENTITY].triggered.connect(self.edit_identity)
        self.original.header.blank_as_zero.setDefaultAction(a[ActionId.BLANK_AS_ZERO])
        self.history.entrySelected.connect(self._show_entry)
        a[ActionId.ZOOM_IN].triggered.connect(lambda: self.set_zoom(self.prefs.zoom + 1))
        a[ActionId.ZOOM_OUT].triggered.connect(lambda: self.set_zoom(self.prefs.zoom - 1))
        a[ActionId.ZOOM_RESET].triggered.connect(lambda: self.set_zoom(0))
        a[ActionId.PAGE_VIEW].toggled.connect(self.original.set_page_mode)
        self.original.pageModeChanged.connect(a[ActionId.PAGE_VIEW].setChecked)
        self.original.set_page_action(a[ActionId.PAGE_VIEW])
        for signal in (self.findings.view.selectionModel().currentRowChanged, self.indicators.idSelected,
                       self.findings.selectionChanged):
            signal.connect(lambda *_: self.triage.update_enabled())
        if not exporting.available():
            a[ActionId.EXPORT].setEnabled(False)
            a[ActionId.EXPORT].setToolTip("Excel 导出模块尚未安装")
        if not exporting.memo_available():
            a[ActionId.EXPORT_MEMO].setEnabled(False)
            a[ActionId.EXPORT_MEMO].setToolTip("Word 导出模块（python-docx）尚未安装")

    # ---- what is current (Triage's host) ----------------------------------------
    def current(self) -> SessionController | None:
        i = self.file_tabs.currentIndex()
        return self.controllers[i] if 0 <= i < len(self.controllers) else None

    def selected_finding_key(self) -> str | None:
        return self.inspector.key or self.findings.current_key()

    def selected_finding_keys(self) -> list[str]:
        return self.findings.selected_keys()

    def selected_indicator_id(self) -> str | None:
        return self.indicators.current_id()

    def step_finding(self, step: int) -> None:
        self.findings.step(step)

    def _show_status(self, text: str, msecs: int = 0) -> None:
        self.statusBar().showMessage(text, msecs)

    # ---- files -------------------------------------------------------------------

    def open_files(self, paths: list[str]) -> list[SessionController]:
        """Open reports: a tab each at once, the audit following from the background."""
        opened = []
        for path in paths:
            known = [c for c in self.controllers if same_file(c.path, path)]  # not by spelling
            if known:
                self.file_tabs.setCurrentIndex(self.controllers.index(known[0]))
                continue
            ctl = SessionController(str(path), self.fallback_dir, self, self.review_options())
            self.controllers.append(ctl)
            self.undo_group.addStack(ctl.undo_stack)
            ctl.loaded.connect(lambda c=ctl: self._loaded(c))
            ctl.changed.connect(lambda change, c=ctl: self._changed(c, change))
            ctl.reset.connect(lambda c=ctl: self._show(c) if c is self.current() else None)
            ctl.lockChanged.connect(lambda c=ctl: self._lock_changed(c))
            ctl.notice.connect(lambda text: self._show_status(text, 15000))
            ctl.pages.connect(lambda done, total, c=ctl: self.status.set_pages(done, total) if c is self.current() else None)
            self.feedback.watch(ctl)
            self.file_tabs.addTab(f"⏳ {ctl.title}")
            self.file_tabs.setTabToolTip(self.file_tabs.count() - 1, ctl.path)
            self.file_tabs.setCurrentIndex(self.file_tabs.count() - 1)
            if not Path(path).name.startswith("sample_report"):
                self.recent.add(str(path))
            ctl.start(self.runner)
            opened.append(ctl)
        return opened

    def loading(self) -> bool:
        """Some report is still being read and audited."""
        return any(c.state == LOADING for c in self.controllers)

    def review_options(self) -> ReviewOptions:
        prefs = self.prefs
        return ReviewOptions(prefs.reviewer, prefs.blank_as_zero, prefs.reviews_location == REVIEWS_APP_DATA)

    def open_file(self, path: str) -> None:
        self.open_files([path])

    def _cancel_loading(self) -> None:
        for ctl in list(self.controllers):
            ctl.cancel()

    def ask_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # loads when first needed, not at start-up

        paths, _ = QFileDialog.getOpenFileNames(self, "打开报告", str(self.settings.value("last_dir", "")), FILE_FILTER)
        if paths:
            self.settings.setValue("last_dir", os.path.dirname(paths[0]))
            self.open_files(paths)

    def close_file(self, index: int) -> None:
        if not 0 <= index < len(self.controllers):
            return
        ctl = self.controllers.pop(index)
        ctl.cancel()
        ctl.release()
        self._link_years()  # a report paired with the closed one loses its cross-year checks
        self.undo_group.removeStack(ctl.undo_stack)
        self.file_tabs.removeTab(index)
        ctl.deleteLater()
        if not self.controllers:
            self._show(None)

    def _loaded(self, ctl: SessionController) -> None:
        self.reportArrived.emit()
        self.file_tabs.setTabText(self.controllers.index(ctl), f"{ctl.title}（只读）" if ctl.read_only else ctl.title)
        if ctl is self.current():
            self._show(ctl)
        self._link_years()

    def _link_years(self) -> None:
        """One agency's reports of consecutive years, open side by side, check each other."""
        sessions = [c.session for c in self.controllers if c.state == READY and c.session is not None]
        previous = {}
        if len(sessions) > 1:  # one report alone has no other year
            previous = {id(cur): prev for prev, cur in pair_reports([s.result for s in sessions])}
        for ctl in self.controllers:
            session = ctl.session if ctl.state == READY else None
            if session is None:
                continue
            wanted = previous.get(id(session.result))
            if session.result.previous is not wanted:
                ctl.changed.emit(session.set_previous(wanted))

    def _lock_changed(self, ctl: SessionController) -> None:
        index = self.controllers.index(ctl)
        self.file_tabs.setTabText(index, f"{ctl.title}（只读）" if ctl.read_only else ctl.title)
        if ctl is self.current():
            self._show(ctl)

    def _confirm_take_over(self, holder: str) -> bool:
        from gui.dialogs import messages  # dialogs load when first needed, not at start-up

        return messages.ask_take_over(self, holder)

    def _drop(self, ctl: SessionController) -> None:
        if ctl in self.controllers:
            self.close_file(self.controllers.index(ctl))

    # ---- showing -----------------------------------------------------------------
    def _show(self, ctl: SessionController | None) -> None:
        shown = ctl if ctl is not None and ctl.state == READY else None
        if ctl is not None:
            self.undo_group.setActiveStack(ctl.undo_stack)
        for part in (self.original, self.indicators, self.findings, self.uncovered, self.history.model_):
            part.set_controller(shown)
        self.navigator.set_controller(shown)
        self.lock_banner.set_controller(shown)
        self.registry[ActionId.PAGE_VIEW].setEnabled(self.original.has_pages)
        self.registry[ActionId.PAGE_VIEW].setChecked(self.original.page_mode)
        if shown is not None:
            # Each report shows on its first finding: the text scrolled to it and the
            # inspector saying what is wrong, so the review starts at once (F8 goes on).
            self.findings.step(+1)
        self.setWindowTitle(f"{ctl.title} — {APP_NAME}" if ctl else APP_NAME)
        self._refresh_counts(ctl)

    def _changed(self, ctl: SessionController, change: Change) -> None:
        if ctl is not self.current():
            return
        self.indicators.apply_change(change)
        self.findings.apply_change(change)
        self.original.refresh()
        self.history.model_.sync()
        self.inspector.refresh()
        self._refresh_counts(ctl)

    def _refresh_counts(self, ctl: SessionController | None) -> None:
        self.status.update(ctl)
        self._sync_blank_as_zero(ctl)
        waiting, total = self.findings.model.open_count(), self.findings.model.finding_count()
        counts = (f"{waiting}/{total}" if waiting != total else str(total), self.uncovered.model.rowCount(),
                  self.history.model_.rowCount())
        for tab, (title, count) in enumerate(zip(("问题", "未核对的数字", "审核记录"), counts)):
            text = f"{title}（{count}）"
            if self.lower_tabs.tabText(tab) != text:  # a new tab text re-lays out the tab bar
                self.lower_tabs.setTabText(tab, text)
        has_session = ctl is not None and ctl.session is not None
        self.registry[ActionId.EXPORT].setEnabled(has_session and exporting.available())
        self.registry[ActionId.EXPORT_MEMO].setEnabled(has_session and exporting.memo_available())
        self.registry.set_enabled(has_session, ActionId.PRINT, ActionId.EXPORT_PDF)
        self.registry[ActionId.IDENTITY].setEnabled(has_session and ctl is not None and not ctl.read_only)
        self.triage.update_enabled()

    def edit_settings(self) -> None:
        from gui.dialogs import settings_dialog  # dialogs load when first needed, not at start-up

        if settings_dialog.edit_settings(self, self.prefs):
            self._settings_changed()

    def ask_reviewer_once(self) -> None:
        """On first use, ask who audits (answered or not, never again)."""
        if self.prefs.asked_reviewer:
            return
        from gui.dialogs import settings_dialog

        if settings_dialog.ask_reviewer(self, self.prefs):
            self._settings_changed()

    def _settings_changed(self) -> None:
        """Open reviews take the new reviewer and storage at once (the blank default is for
        reports opened from now on)."""
        options = self.review_options()
        for ctl in self.controllers:
            ctl.options = ReviewOptions(options.user, ctl.options.blank_as_zero, options.in_app_data)
            if ctl.session is not None and options.user:
                ctl.session.user = options.user

    def edit_identity(self) -> None:
        ctl = self.current()
        if ctl is None or ctl.session is None or ctl.read_only:
            return
        from gui.dialogs.identity_dialog import ask_identity  # dialogs load when first needed

        result = ctl.session.result
        recognised = "报告中识别到：" + "，".join(
            [f"报送单位“{result.agency}”" if result.agency else "报送单位未识别",
             f"{result.year}年度" if result.year else "年度未识别"]
        )
        answer = ask_identity(self, result.agency, result.year, recognised)
        if answer is not None and answer != (result.agency, result.year):
            ctl.push(SetIdentityCommand(ctl, *answer))

    def _blank_as_zero(self, on: bool) -> None:
        ctl = self.current()
        if ctl is not None:
            ctl.set_blank_as_zero(on)
        self._sync_blank_as_zero(ctl)

    def _sync_blank_as_zero(self, ctl: SessionController | None) -> None:
        action = self.registry[ActionId.BLANK_AS_ZERO]
        session = ctl.session if ctl is not None else None
        action.setEnabled(session is not None and session.table is not None)
        action.setChecked(session is not None and session.blank_as_zero)

    def _show_entry(self, row: int) -> None:
        ctl, entry = self.current(), self.history.model_.entry(row)
        if ctl is not None and entry is not None:
            model = self.history.model_
            self.inspector.show_entry(ctl, entry.at.replace("T", " ")[:19], entry.user, model.describe(entry), entry.target)

    def set_zoom(self, step: int) -> None:
        """One text size for every pane, kept for the next session."""
        self.prefs.zoom = clamp(step)
        central = self.centralWidget()
        if central is not None:
            apply_zoom(central, self.prefs.zoom)

    def _only_uncovered(self, only: bool) -> None:
        self.original.set_only_uncovered(only)
        if only:
            self.lower_tabs.setCurrentWidget(self.uncovered)

    # ---- export, about, drops, closing -------------------------------------------
    def export(self) -> None:
        ctl = self.current()
        if ctl is not None:
            exporting.export_report(self, ctl, self.prefs)

    def export_memo(self) -> None:
        ctl = self.current()
        if ctl is not None:
            exporting.export_memo(self, ctl, self.prefs)

    def print_findings(self) -> None:
        ctl = self.current()
        if ctl is not None and ctl.session is not None:
            from gui import printing  # QtPrintSupport loads when the auditor first prints

            if printing.print_findings(self, ctl, self.prefs.unit):
                self.statusBar().showMessage("问题清单已送往打印机", 10000)

    def export_findings_pdf(self) -> None:
        ctl = self.current()
        if ctl is not None and ctl.session is not None:
            from gui import printing

            written = printing.export_pdf(self, ctl, self.prefs.export_dir, self.prefs.unit)
            if written is not None:
                self.statusBar().showMessage(f"已导出：{written}", 15000)

    def show_batch(self) -> None:
        """The folder run (gui/batch_window.py) in its own window; a chosen row opens here."""
        if self.batch is None:
            from gui.batch_window import BatchWindow  # lazy: only folder runs need it

            self.batch = BatchWindow(self, settings=self.prefs)
            self.batch.setWindowFlag(Qt.WindowType.Window)
            self.batch.open_report.connect(lambda path: self.open_files([path]))
        self.batch.show()
        self.batch.raise_()

    def _about(self) -> None:
        from gui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.batch is not None:
            self.batch.close()  # it waits for its own folder run
        self.runner.cancel()
        self.runner.wait()  # no audit thread may outlive the window
        self.original.close_document()  # nor the page renderer's
        for ctl in self.controllers:
            if ctl.session is not None and ctl.undo_stack.count():
                ctl.autosave()
            ctl.release()
        self.settings.setValue("geometry", self.window().saveGeometry())  # the frame's, in the shell
        self.settings.setValue("splitters", [s.saveState() for s in self.splitters])
        event.accept()

    def restore_splitters(self) -> None:
        states = self.settings.value("splitters") or []
        for splitter, state in zip(self.splitters, states if isinstance(states, list) else []):
            splitter.restoreState(state)
