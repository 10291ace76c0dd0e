"""The window as it first appears: its frame at the auditor's size, title and a line saying
what is opening, painted before the review panels and the engine are loaded.

Building the review window means loading the whole engine and every panel; a person waiting
for a double-clicked program wants to see its window first. ``gui/app.py`` shows this shell,
and once it has painted, builds the review window (``gui/main_window.py``) inside it. The
shell then only carries the frame: title, geometry, and closing through the review window.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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
        self.setWindowTitle(APP_NAME)
        # The shipped picture: the drawn icons (gui/icons.py) come with the review window.
        self.setWindowIcon(QIcon(str(resource_path("app.png"))))
        self.setMinimumSize(*MINIMUM_SIZE)
        restore_geometry(self, settings)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Centred by the layout's stretches and the text's own alignment: the shell touches
        # no Qt enum namespace, the review window pays for that after this first paint.
        self.placeholder: QLabel | None = QLabel(f'<p align="center">{escape(opening and f"正在打开 {opening} …" or "正在启动 …")}</p>')
        self._layout.addStretch(1)
        self._layout.addWidget(self.placeholder)
        self._layout.addStretch(1)
        self.review: QWidget | None = None
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.painted.emit)  # after this paint has reached the screen

    def hold(self, review: QWidget) -> None:
        """Put the review window in the frame; its title becomes the frame's."""
        if self.placeholder is not None:
            while self._layout.count():  # the placeholder and its stretches
                item = self._layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
            self.placeholder = None
        self.review = review
        self._layout.addWidget(review)
        review.windowTitleChanged.connect(self.setWindowTitle)
        self.setWindowTitle(review.windowTitle())
        review.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The review window saves the work and waits for its threads; it may refuse.
        if self.review is not None and not self.review.close():
            event.ignore()
            return
        event.accept()
