"""Start the review window: ``run(argv)`` is what ``main.py`` calls for anything but ``audit``.

``python main.py [FILE...]`` opens the files (the bundled sample when none is given);
``--screenshot OUT.png [FILE...]`` waits until every report is audited and shown, saves a
PNG of the whole window and exits (used for the README and to look at the layout).

Start-up in three steps, each shown before the next is loaded: the frame (``gui/shell.py``,
Qt and nothing else), then the review window inside it (its panels; ``make_window``), then
each report's audit from a background thread as it arrives.
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from gui.crash import install_excepthook, setup_logging
from gui.paths import APP_NAME, ORG_NAME, log_dir, reviews_dir, sample_report
from gui.settings import Settings, open_settings
from gui.shell import Shell
from gui.startup_trace import mark, trace_first_paint

if TYPE_CHECKING:
    from gui.main_window import MainWindow

REVEAL_MS = 400  # the longest the frame stays empty while the first report is audited
CJK_FAMILIES = ["Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "WenQuanYi Micro Hei",
                "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "sans-serif"]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description=f"{APP_NAME}：年度报告审核窗口")
    parser.add_argument("files", nargs="*", help="要打开的报告（默认打开示例报告）")
    parser.add_argument("--screenshot", metavar="OUT.png", help="显示审核结果后保存整个窗口的截图并退出")
    return parser.parse_intermixed_args(argv)


def _translate(app: QApplication) -> None:
    """Qt's own strings (standard buttons, file dialogs, undo texts) in Chinese too.

    qtbase holds the strings of every Qt module the window uses. (qt_zh_CN is only a list of
    catalogues, qtbase's and Qt Multimedia's, and PySide6 ships no Multimedia one: it never loads.)
    """
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def installed_cjk_family() -> list[str]:
    """The first of CJK_FAMILIES this machine has, alone; empty when it has none of them.

    The platform's own Chinese UI font comes first where it exists (YaHei on Windows,
    WenQuanYi on Kylin/UOS); glyphs it lacks still come from Qt's per-character fallback.
    """
    have = set(QFontDatabase.families())
    return next(([family] for family in CJK_FAMILIES[:-1] if family in have), [])


def make_app() -> QApplication:
    # Fusion: the same look on Windows, Kylin/UOS and in screenshots. Given as Qt's own -style
    # option, the style is made with the first widget and never handed to Python (where its
    # class and its dozen enums would be built for nothing); an application made before this
    # (the tests') is told afterwards.
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    font = QFont()
    font.setFamilies(installed_cjk_family() or CJK_FAMILIES)
    font.setPointSize(10)
    # Chinese text needs no shaping (kerning and ligatures are Latin cosmetics; scripts that
    # need it still get it), and a long report's text is laid out faster without it.
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    app.setFont(font)
    _translate(app)
    return app


def settings() -> QSettings:
    return open_settings()


def remove_crash_leftovers(store: QSettings) -> threading.Thread:
    """Delete temp files an earlier crash left where this app writes: the fallback reviews
    folder and the last export folder (a report's own folder is swept when it opens).

    In a thread: the export folder may be on a network drive that takes long to answer.
    """
    from core.export.target import remove_export_leftovers
    from core.session_store import remove_stale_leftovers

    reviews = reviews_dir()
    export_dir = Settings(store).export_dir

    def sweep() -> None:
        remove_stale_leftovers(reviews)
        if export_dir:
            remove_export_leftovers(Path(export_dir))

    thread = threading.Thread(target=sweep, name="remove-crash-leftovers", daemon=True)
    thread.start()
    return thread


def opening(files: list[str]) -> list[str]:
    return list(dict.fromkeys(files or [str(sample_report())]))


def make_window(files: list[str], interactive: bool = True) -> MainWindow:
    """The window with ``files`` opening in it (the sample when none); audits run in the background."""
    # The review window brings every panel and, through them, the engine: loaded here, after
    # the frame has been painted (run), not when this module is.
    from gui.main_window import MainWindow
    from gui.workers import AuditRunner

    files = opening(files)
    log_path = setup_logging(log_dir())
    store = settings()
    window = MainWindow(store, reviews_dir(), interactive, AuditRunner())
    remove_crash_leftovers(store)
    mark("window built")
    install_excepthook(
        # Save what the auditor did; a report merely looked at gets no review file.
        lambda: [c.autosave() for c in window.controllers if c.session is not None and c.session.history],
        lambda text: _show_crash(window, text) if interactive else _print_err(text),
        log_path,
    )
    window.open_files(files)
    return window


def _show_crash(window: QWidget, text: str) -> None:
    from gui.dialogs import messages  # dialogs load when first needed, not at start-up

    messages.show_crash(window, text)


def _print_err(text: str) -> None:
    if sys.__stderr__ is not None:  # the windowed exe has no console
        sys.__stderr__.write(text + "\n")


def _start_up_over() -> None:
    """Start the cyclic collector, with what start-up built (modules, classes, the window) out
    of its scans.

    Start-up allocates little else: the collector is off until now (``run``) instead of
    walking those objects dozens of times while they are made, and ``gc.freeze`` (both
    documented) keeps it from walking them again at every collection of the session.
    """
    gc.freeze()
    gc.enable()


def run(argv: list[str]) -> int:
    gc.disable()  # until the first report is shown: _start_up_over
    args = parse_args(argv)
    app = make_app()
    mark("application made")
    files = opening(args.files)
    shell = Shell(settings(), Path(files[0]).name if len(files) == 1 else f"{len(files)} 份报告")
    trace_first_paint(shell)
    interactive = args.screenshot is None
    shell.painted.connect(lambda: _fill(shell, files, interactive, args.screenshot))
    if args.screenshot:
        from gui.screenshot import prepare

        prepare(shell)
    shell.show()
    code = app.exec()
    if interactive:
        return code
    from gui.screenshot import exit_code

    return exit_code(shell)


def _fill(shell: Shell, files: list[str], interactive: bool, screenshot_to: str | None) -> None:
    window = make_window(files, interactive)
    window.restore_splitters()

    def reveal() -> None:
        if shell.review is not None:
            return
        shell.hold(window)
        QTimer.singleShot(0, _start_up_over)
        if interactive:
            QTimer.singleShot(0, window.ask_reviewer_once)  # first use: who audits, once the window is up

    # The panels appear with the first report in them (or after REVEAL_MS for a slow one):
    # painting them empty first would only delay the audit that fills them.
    window.reportArrived.connect(reveal)
    for ctl in window.controllers:
        ctl.failed.connect(reveal)
    QTimer.singleShot(REVEAL_MS, reveal)
    if screenshot_to:
        from gui.screenshot import screenshot_when_settled

        screenshot_when_settled(shell, window, screenshot_to)
