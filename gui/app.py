"""Start the review window: ``run(argv)`` is what ``main.py`` calls for anything but ``audit``.

``python main.py [FILE...]`` opens the files (the bundled sample when none is given);
``--screenshot OUT.png [FILE...]`` waits until every report is audited and shown, saves a
PNG of the whole window and exits (used for the README and to look at the layout).
"""

from __future__ import annotations

import gc
import os
import sys
from types import SimpleNamespace

from gui import qt_enums

qt_enums.install()  # before the first use of each Qt class, which builds its enums

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from gui.qt_import import restore_plain_import
from gui.startup_trace import mark

restore_plain_import()
mark("Qt imported")

from gui.paths import APP_NAME, ORG_NAME, app_data_dir, log_dir, reviews_dir, sample_report

# How long the window waits, unshown, for the audits already running: a usual report is
# done within it and the first paint shows its findings; a long PDF is not, and the
# window shows at once without it.
FIRST_PAINT_WAIT_MS = 400

CJK_FAMILIES = ["Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "WenQuanYi Micro Hei",
                "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "sans-serif"]


def _parse(argv: list[str]) -> SimpleNamespace:
    # The usual command lines (files, --screenshot OUT) are read here; argparse handles the
    # rest (--help, mistakes): building its parser costs ~8 ms (its formatter compiles patterns).
    files, shot, rest = [], None, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--screenshot" and rest and not rest[0].startswith("-"):
            shot = rest.pop(0)
        elif arg.startswith("-"):
            return _argparse(argv)
        else:
            files.append(arg)
    return SimpleNamespace(files=files, screenshot=shot)


def _argparse(argv: list[str]) -> SimpleNamespace:
    import argparse

    parser = argparse.ArgumentParser(prog="main.py", description=f"{APP_NAME}：年度报告审核窗口")
    parser.add_argument("files", nargs="*", help="要打开的报告（默认打开示例报告）")
    parser.add_argument("--screenshot", metavar="OUT.png", help="显示审核结果后保存整个窗口的截图并退出")
    return SimpleNamespace(**vars(parser.parse_intermixed_args(argv)))


def _translate(app: QApplication) -> None:
    """Qt's own strings (standard buttons, file dialogs, undo texts) in Chinese too."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def installed_cjk_family() -> list[str]:
    """The first of CJK_FAMILIES this machine has, alone; empty when it has none of them.

    Given the whole list, Qt tries the families this platform lacks (YaHei on Linux,
    WenQuanYi on Windows) again for every font it builds: ~3% of the start on Linux.
    Missing glyphs still come from fallback fonts (Qt merges fonts per character).
    """
    from PySide6.QtGui import QFontDatabase

    have = set(QFontDatabase.families())  # hasFamily() would try to resolve each missing name
    return next(([family] for family in CJK_FAMILIES[:-1] if family in have), [])


def make_app() -> QApplication:
    # Qt hands large fills and image conversions to a thread pool of its own. This window
    # paints many mid-sized fills, for which waking those threads costs about what it saves
    # (first paint: ~1,100 futex calls and thread switches; 2 cores, 61 runs each: ~5 ms
    # less of a 0.44 s start, CPU time the same, the pixels identical). Qt only asks whether
    # the variable is set, when it first needs the pool.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
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
    font.setFamilies(installed_cjk_family() or CJK_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    _translate(app)
    return app


def settings() -> QSettings:
    return QSettings(str(app_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def make_window(files: list[str], interactive: bool = True):  # -> MainWindow, imported late for start-up
    from gui.workers import AuditRunner

    files = list(dict.fromkeys(files or [str(sample_report())]))
    runner = AuditRunner()
    from gui.crash import install_excepthook, setup_logging
    from gui.main_window import MainWindow

    mark("window modules imported")
    log_path = setup_logging(log_dir())
    window = MainWindow(settings(), reviews_dir(), interactive, runner)
    install_excepthook(
        # Save what the auditor did; a report merely looked at gets no review file.
        lambda: [c.autosave() for c in window.controllers if c.session is not None and c.session.history],
        lambda text: _show_crash(window, text) if interactive else _print_err(text),
        log_path,
    )
    # The audits start once the window is built, not before: both are Python, so under the
    # GIL they would only take turns, and the hand-overs cost more than they save (frozen:
    # 20-50 ms of a 0.45 s start, ~1500 futex calls instead of ~1000). A long PDF still
    # leaves the window to show after FIRST_PAINT_WAIT_MS and arrives when done.
    jobs = {path: runner.submit(path) for path in files}
    window.open_files(files, jobs)
    mark("window built")
    window.runner.settle(FIRST_PAINT_WAIT_MS)
    return window


def _show_crash(window: QWidget, text: str) -> None:
    from gui.dialogs import messages  # dialogs load when first needed, not at start-up

    messages.show_crash(window, text)


def _print_err(text: str) -> None:
    if sys.__stderr__ is not None:  # the windowed exe has no console
        sys.__stderr__.write(text + "\n")


def _start_up_over() -> None:
    """Collect garbage again (main.py stops it for start-up), without rescanning what start-up made."""
    gc.freeze()  # modules, classes, the window: they stay for the session
    gc.enable()


def run(argv: list[str]) -> int:
    args = _parse(argv)
    app = make_app()
    mark("application made")
    window = make_window(args.files, interactive=args.screenshot is None)
    QTimer.singleShot(0, _start_up_over)  # from the event loop: once the window is up
    if args.screenshot:
        from gui.screenshot import screenshot

        return screenshot(app, window, args.screenshot)
    window.restore_layout()
    window.show()
    return app.exec()
