"""The start-up floor: a minimal PySide6 main window, frozen exactly like the app.

``floor_app --screenshot OUT.png`` shows the window, saves it once it has painted and
exits, so bench/bench_frozen.py times it the same way as ``nianbao --screenshot``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


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
        self._window.grab().save(self._out)
        QApplication.quit()


def main(argv: list[str]) -> int:
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
