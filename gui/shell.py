"""The window as it first appears: its frame at the auditor's size, with what is opening in
its title, painted before the review panels and the engine are loaded.

Building the review window means loading the whole engine and every panel; a person waiting
for a double-clicked program wants to see its window first. ``gui/app.py`` shows this shell,
and once it has painted, builds the review window (``gui/main_window.py``) inside it. The
shell then only carries the frame: title, geometry, and closing through the review window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.paths import APP_NAME, resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

MINIMUM_SIZE = (900, 560)


def restore_geometry(window: QWidget, settings: QSettings) -> None:
    """The window where the auditor left it; a first start fills the screen (up to 1600x1000)."""
    geometry = settings.value("geometry")
    if geometry is not None and window.restoreGeometry(geometry):
        return
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.resize(min(area.width(), 1600), min(area.height(), 1000))


class Shell(QWidget):
    painted = Signal()  # once, after the first paint: time to build what is inside

    def __init__(self, settings: QSettings, opening: str = "") -> None:
        super().__init__()
        # What is opening goes in the title bar, which the system draws: the frame itself
        # stays empty, so its first paint needs no Chinese font loaded (the review window
        # loads it for its own first paint).
        self.setWindowTitle(f"正在打开 {opening} — {APP_NAME}" if opening else APP_NAME)
        # The shipped picture: the drawn icons (gui/icons.py) come with the review window.
        self.setWindowIcon(QIcon(str(resource_path("app.png"))))
        self.setMinimumSize(*MINIMUM_SIZE)
        restore_geometry(self, settings)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.review: QWidget | None = None
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.painted.emit)  # after this paint has reached the screen

    def hold(self, review: QWidget) -> None:
        """Put the review window in the frame (once); its title becomes the frame's."""
        if self.review is not None:
            return
        self.review = review
        self._layout.addWidget(review)
        review.windowTitleChanged.connect(self.setWindowTitle)
        self.setWindowTitle(review.windowTitle())
        review.show()
        # Sized now rather than at the next event: a report text filled in before would be
        # laid out at the old width and then again at this one.
        self._layout.activate()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The review window saves the work and waits for its threads; it may refuse.
        if self.review is not None and not self.review.close():
            event.ignore()
            return
        event.accept()
