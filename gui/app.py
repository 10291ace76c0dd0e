"""Start the review window: ``run(argv)`` is what ``main.py`` calls for anything but ``audit``.

``python main.py [FILE...]`` opens the files (the bundled sample when none is given);
``--screenshot OUT.png [FILE...]`` waits until every report is audited and shown, saves a
PNG of the whole window and exits (used for the README and to look at the layout).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QGuiApplication, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from gui.startup_trace import mark

mark("Qt imported")

from gui.paths import APP_NAME, ORG_NAME, app_data_dir, log_dir, reviews_dir, sample_report

CJK_FAMILIES = ["Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "WenQuanYi Micro Hei",
                "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "sans-serif"]
SCREENSHOT_SIZE = (1366, 768)
PNG_QUALITY = 80


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description=f"{APP_NAME}：年度报告审核窗口")
    parser.add_argument("files", nargs="*", help="要打开的报告（默认打开示例报告）")
    parser.add_argument("--screenshot", metavar="OUT.png", help="显示审核结果后保存整个窗口的截图并退出")
    return parser.parse_args(argv)


def _translate(app: QApplication) -> None:
    """Qt's own strings (standard buttons, file dialogs, undo texts) in Chinese too."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def make_app() -> QApplication:
    app = QApplication.instance()
    # Fusion: the same look on Windows, Kylin/UOS and in screenshots. A new application
    # takes it from its command line: setStyle() would wrap the returned QStyle for
    # Python, building all of QStyle's enums (~10 ms of start-up) for a value unused.
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    _translate(app)
    return app


def settings() -> QSettings:
    return QSettings(str(app_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def make_window(files: list[str], interactive: bool = True):  # -> MainWindow, imported late for start-up
    from gui.workers import AuditRunner

    # Start the audits first: they run while the window's modules load and it is built.
    files = list(dict.fromkeys(files or [str(sample_report())]))
    runner = AuditRunner()
    jobs = {path: runner.submit(path) for path in files}

    from gui.crash import install_excepthook, setup_logging
    from gui.dialogs import messages
    from gui.main_window import MainWindow

    mark("window modules imported")
    log_path = setup_logging(log_dir())
    window = MainWindow(settings(), reviews_dir(), interactive, runner)
    install_excepthook(
        # Save what the auditor did; a report merely looked at gets no review file.
        lambda: [c.autosave() for c in window.controllers if c.session is not None and c.session.history],
        lambda text: messages.show_crash(window, text) if interactive else _print_err(text),
        log_path,
    )
    window.open_files(files, jobs)
    mark("window built")
    return window


def _print_err(text: str) -> None:
    if sys.__stderr__ is not None:  # the windowed exe has no console
        sys.__stderr__.write(text + "\n")


def _all_settled(window: QWidget) -> bool:
    from gui.session_controller import LOADING

    return all(c.state != LOADING for c in window.controllers)  # type: ignore[attr-defined]


def _shown_pixels(window: QWidget) -> QPixmap:
    """The window as it was last painted on screen.

    Offscreen, that is the platform's backing store: a copy of what was painted, where
    ``grab()`` would paint the whole window a second time (~35 ms at 1366x768). On a real
    screen another window may cover ours, so there the widget renders itself again.
    """
    if QGuiApplication.platformName() == "offscreen":
        shown = window.screen().grabWindow(window.winId())
        if not shown.isNull() and shown.size() == window.size() * window.devicePixelRatioF():
            return shown
    return window.grab()


def screenshot(app: QApplication, window: QWidget, out: str, timeout_ms: int = 60_000) -> int:
    """Wait for the audits, select the first finding (so the inspector shows), save, quit."""
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    status = {"code": 1}
    waited = {"ms": 0}

    def poll() -> None:
        waited["ms"] += 10
        if not _all_settled(window) and waited["ms"] < timeout_ms:
            QTimer.singleShot(10, poll)
            return
        mark("audits shown")
        if window.controllers:  # type: ignore[attr-defined]
            window.file_tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
            window.findings.step(+1)  # type: ignore[attr-defined]
        # Let the queued work of showing the finding (layout, the deferred re-centre, the
        # repaint) run, then shoot: what a person would see the moment it settles.
        app.processEvents()
        mark("first finding selected")
        QTimer.singleShot(0, shoot)

    def shoot() -> None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        # Quality 80 is zlib level 1 in Qt's PNG writer: the same pixels, a file no bigger
        # here, written in half the time of the default level.
        pixels = _shown_pixels(window)
        mark("window painted")
        saved = pixels.save(out, "PNG", PNG_QUALITY)
        mark("PNG saved")
        # Like ``audit``: 2 when a report could not be read (the PNG still shows the rest).
        status["code"] = 1 if not saved else 2 if window.feedback.failures else 0  # type: ignore[attr-defined]
        window.close()
        app.quit()

    QTimer.singleShot(0, poll)
    app.exec()
    return status["code"] if _all_settled(window) else 1


def run(argv: list[str]) -> int:
    args = _parse(argv)
    app = make_app()
    mark("application made")
    window = make_window(args.files, interactive=args.screenshot is None)
    if args.screenshot:
        return screenshot(app, window, args.screenshot)
    window.restore_layout()
    window.show()
    return app.exec()
