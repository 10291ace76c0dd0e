"""Icons drawn with QPainter at run time: no image files to ship, crisp at any DPI."""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QIconEngine, QPainter, QPainterPath, QPen, QPixmap

from gui.paths import resource_path


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


class _GlyphEngine(QIconEngine):
    """Draws its symbol at the size and state asked for, when first asked.

    Drawn up front at every size, most pictures would be of sizes a session never shows
    (menus are drawn only when opened).
    """

    def __init__(self, symbol: str, color: str) -> None:
        super().__init__()
        self._symbol, self._color = symbol, color
        self._drawn: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # noqa: ARG002
        size = min(rect.width(), rect.height())
        color = QColor("#9a9a9a" if mode == QIcon.Mode.Disabled else self._color)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(rect.x() + (rect.width() - size) / 2, rect.y() + (rect.height() - size) / 2)
        painter.setPen(QPen(color, max(1.0, size / 16)))
        painter.setBrush(color.lighter(185))
        painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size / 5, size / 5)
        font = QFont()
        font.setPixelSize(max(1, int(size * 0.7)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(color.darker(130))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, self._symbol)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode)
        if key not in self._drawn:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            self._drawn[key] = pixmap
        return self._drawn[key]

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._symbol, self._color)


@cache
def glyph_icon(symbol: str, color: str = "#2f5d8a") -> QIcon:
    """A symbol (✓ ✗ ▲ ▼ ↶ ↷ ✎ …) in a rounded square: readable without relying on colour.

    Greyed when its action is disabled, drawn crisp at whatever size a view asks for.
    """
    return QIcon(_GlyphEngine(symbol, color))


@lru_cache(maxsize=1)
def app_icon() -> QIcon:
    """The shipped icon (the one the packaged .exe carries), else a drawn one."""

    shipped = resource_path("app.png")
    return QIcon(str(shipped)) if shipped.is_file() else drawn_app_icon()


def drawn_app_icon() -> QIcon:
    """A page with a red mark and a green tick: a report under review."""
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pixmap, painter = _canvas(size)
        s = size / 64
        painter.setPen(QPen(QColor("#3a4a5c"), 2.5 * s))
        painter.setBrush(QColor("#ffffff"))
        page = QPainterPath()
        page.moveTo(12 * s, 4 * s)
        page.lineTo(42 * s, 4 * s)
        page.lineTo(54 * s, 16 * s)
        page.lineTo(54 * s, 60 * s)
        page.lineTo(12 * s, 60 * s)
        page.closeSubpath()
        painter.drawPath(page)
        painter.setPen(QPen(QColor("#9aa7b5"), 3 * s))
        for y in (22, 31, 40):
            painter.drawLine(QPointF(19 * s, y * s), QPointF(47 * s, y * s))
        painter.setPen(QPen(QColor("#d03030"), 3.5 * s))
        painter.drawLine(QPointF(19 * s, 31 * s), QPointF(36 * s, 31 * s))
        painter.setPen(QPen(QColor("#1a8f3c"), 5 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPolyline([QPointF(24 * s, 48 * s), QPointF(31 * s, 55 * s), QPointF(46 * s, 41 * s)])
        painter.end()
        icon.addPixmap(pixmap)
    return icon
