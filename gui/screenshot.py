"""``--screenshot OUT.png``: wait until every report is audited and shown, save the window, quit.

Used for the README pictures, to look at the layout, and by bench/bench_frozen.py as its
stopwatch: the file appearing is the moment the audited window was on screen and its
pixels were in hand. So it adds as little as it can before that moment: it copies the
painted pixels instead of painting again, and creates the file before encoding it, as
Qt's own writer (which the bench's floor uses) does.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from gui.session_controller import LOADING
from gui.startup_trace import mark, trace_first_paint

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

SCREENSHOT_SIZE = (1366, 768)


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
    """An 8-bit RGB PNG, rows unfiltered, deflated at level 1.

    A window is mostly flat colour, which deflate packs well without PNG's row filters:
    the file comes out no bigger than Qt's writer makes it, in about two thirds of the
    time (26 vs 38 ms at 1366x768). The file is created first, then encoded, like
    QImageWriter does. False when the file cannot be written.
    """

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    try:
        with open(path, "wb") as out:

            if isinstance(image, QPixmap):
                image = image.toImage()
            rgb = image.convertToFormat(QImage.Format.Format_RGB888)
            width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
            pixels = bytes(rgb.constBits())
            row = 3 * width
            raw = b"".join(b"\x00" + pixels[y * stride:y * stride + row] for y in range(height))
            header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, truecolour, no interlace
            out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1))
                      + chunk(b"IEND", b""))
    except OSError:
        return False
    return True


def _settled(window: QWidget) -> bool:

    return all(c.state != LOADING for c in window.controllers)  # type: ignore[attr-defined]


def _drawn(window: QWidget) -> bool:
    """The original is drawn: a PDF's pages on screen have arrived from their thread."""
    return window.original.settled()  # type: ignore[attr-defined,no-any-return]


def screenshot(app: QApplication, window: QWidget, out: str, timeout_ms: int = 60_000) -> int:
    """Show the window, wait for its audits, save it once the first finding is shown; the exit code."""
    window.resize(*SCREENSHOT_SIZE)
    trace_first_paint(window)
    window.show()
    status = {"code": 1, "done": False}

    def when_settled() -> None:
        if status["done"] or not _settled(window):
            return
        status["done"] = True
        mark("audits shown")
        # The first finding is selected on load, as in an interactive start. Let the queued
        # work of showing it (layout, the deferred re-centre, the repaint) run, then shoot:
        # what a person would see the moment it settles.
        app.processEvents()
        mark("first finding shown")
        QTimer.singleShot(0, shoot_when_drawn)

    def shoot_when_drawn() -> None:
        if _drawn(window):
            shoot()
        else:  # pages render on their own thread: look again shortly
            QTimer.singleShot(20, shoot_when_drawn)

    def shoot() -> None:
        pixels = shown_pixels(window)
        mark("window painted")
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        saved = write_png(pixels, Path(out))
        mark("PNG saved")
        # Like ``audit``: 2 when a report could not be read (the PNG still shows the rest).
        status["code"] = 1 if not saved else 2 if window.feedback.failures else 0  # type: ignore[attr-defined]
        window.close()
        app.quit()

    # Each finished audit is shown by its controller first; look once that has run.
    window.runner.busyChanged.connect(lambda busy: None if busy else QTimer.singleShot(0, when_settled))  # type: ignore[attr-defined]
    QTimer.singleShot(0, when_settled)
    QTimer.singleShot(timeout_ms, lambda: None if status["done"] else app.quit())
    app.exec()
    return status["code"] if _settled(window) else 1
