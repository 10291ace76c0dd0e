"""``--screenshot OUT.png``: wait until every report is audited and shown, save the window, quit.

Used for the README pictures, to look at the layout, and by bench/bench_frozen.py as its
stopwatch: the file appearing is the moment the audited window was on screen and its
pixels were in hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from gui.startup_trace import mark

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SCREENSHOT_SIZE = (1366, 768)
TIMEOUT_MS = 60_000
_EXIT = "screenshot_exit_code"  # a property on the frame: the process's exit code


def shown_pixels(window: QWidget) -> QPixmap:
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


def write_png(image: QPixmap | QImage, path: Path) -> bool:
    """Qt's own PNG writer; False when the file cannot be written."""
    if isinstance(image, QPixmap):
        image = image.toImage()
    return QImageWriter(str(path), QByteArray(b"png")).write(image)


def _settled(window: MainWindow) -> bool:
    return not window.loading()


def _drawn(window: MainWindow) -> bool:
    """The original is drawn: a PDF's pages on screen have arrived from their thread."""
    return window.original.settled()


def prepare(frame: QWidget) -> None:
    """Before the frame is shown: the picture's size, and a way out if nothing ever settles."""
    frame.resize(*SCREENSHOT_SIZE)
    frame.setProperty(_EXIT, 1)
    QTimer.singleShot(TIMEOUT_MS, QApplication.quit)


def exit_code(frame: QWidget) -> int:
    return int(frame.property(_EXIT) or 0)


def screenshot_when_settled(frame: QWidget, window: MainWindow, out: str) -> None:
    """Once ``window``'s audits are shown and drawn, save ``frame`` as a PNG and quit.

    The exit code, like ``audit``'s: 0, 2 when a report could not be read (the PNG still
    shows the rest), 1 when the picture could not be written or nothing settled."""
    done = {"shown": False}

    def when_settled() -> None:
        if done["shown"] or not _settled(window):
            return
        done["shown"] = True
        mark("audits shown")
        # The first finding is selected on load, as in an interactive start. Let the queued
        # work of showing it (layout, the deferred re-centre, the repaint) run, then shoot:
        # what a person would see the moment it settles.
        QApplication.processEvents()
        mark("first finding shown")
        QTimer.singleShot(0, shoot_when_drawn)

    def shoot_when_drawn() -> None:
        if _drawn(window):
            shoot()
        else:  # pages render on their own thread: look again shortly
            QTimer.singleShot(20, shoot_when_drawn)

    def shoot() -> None:
        pixels = shown_pixels(frame)
        mark("window painted")
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        saved = write_png(pixels, Path(out))
        mark("PNG saved")
        frame.setProperty(_EXIT, 1 if not saved else 2 if window.feedback.failures else 0)
        frame.close()
        QApplication.quit()

    # Each finished audit is shown by its controller first; look once that has run.
    window.runner.busyChanged.connect(lambda busy: None if busy else QTimer.singleShot(0, when_settled))
    QTimer.singleShot(0, when_settled)
