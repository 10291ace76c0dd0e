"""The floor: a hello-world window of the requested stack, frozen exactly like the app.

The stack is PySide6, pandas and openpyxl: the window is PySide6 alone at start-up, and
pandas/openpyxl are imported lazily (``--stack``), as the app imports them, so the floor's
bundle carries them (its size is the floor for the app's size) while its start-up is the
plain window's (the floor for the app's start-up).

``floor_app --screenshot OUT.png`` shows the window, saves it once it has painted and
exits, so bench/bench_frozen.py times it the same way as ``nianbao --screenshot``.
``floor_app --stack`` imports pandas and openpyxl, prints their versions and exits.
"""

from __future__ import annotations

import os
import sys
import time


def mark(label: str) -> None:
    """The app's start-up milestones (gui/startup_trace.py), written the same way."""
    trace, launch = os.environ.get("NIANBAO_STARTUP_TRACE"), os.environ.get("NIANBAO_LAUNCH_TIME")
    if trace and launch:
        with open(trace, "a", encoding="utf-8") as out:
            out.write(f"{label}\t{time.time() - float(launch):.4f}\t{time.process_time():.4f}\n")


mark("python running")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402 (after the first mark)
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402 (after the first mark)

mark("Qt imported")


class _FirstPaint(QObject):
    """Saves the window after its first paint, then quits."""

    def __init__(self, window: QMainWindow, out: str) -> None:
        super().__init__(window)
        self._window, self._out, self._done = window, out, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._save)
        return False

    def _save(self) -> None:
        pixels = self._window.grab()
        mark("window painted")
        pixels.save(self._out)
        mark("PNG saved")
        QApplication.quit()


def stack_versions() -> str:
    """Imported only when asked: the bundle holds them, start-up does not pay for them."""
    import numpy
    import openpyxl
    import pandas

    return f"pandas {pandas.__version__}, numpy {numpy.__version__}, openpyxl {openpyxl.__version__}"


def main(argv: list[str]) -> int:
    if argv == ["--stack"]:
        print(stack_versions())
        return 0
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.setCentralWidget(QLabel("hello"))
    window.resize(640, 480)
    if len(argv) == 2 and argv[0] == "--screenshot":
        window.installEventFilter(_FirstPaint(window, argv[1]))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
