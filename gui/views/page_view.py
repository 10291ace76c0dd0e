"""A PDF report as published: its pages at the pane's width, each mark drawn over the
very characters its figure was read from.

Pages are drawn by ``gui.pdf_renderer`` on its own thread; until a page arrives (or
while a new width is being rendered) the view shows what it has, scaled, or a blank
page, so scrolling never waits. Marks speak in spans of the document text, as in the
text view: ``Document.page_chars`` says which characters of which page printed a span,
and the renderer's character boxes say where those are. Clicking a mark emits the marks
under the mouse, strongest first, like the text view; the navigator does the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from core.document.model import Document, Span
from gui.highlight import COLORS, CORRECTED_COLOR, UNDERLINES, Mark
from gui.views.report_marks import ReportMarks, SpanMark, tip_text
from gui.views.viewport import viewport_of

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QResizeEvent

    from gui.pdf_renderer import Box, PageRenderer

GAP = 12  # pixels between pages and around them
_KEEP_IMAGES = 8  # rendered pages kept around the ones on screen
_SELECTION = QColor(40, 110, 220)
_PEN_STYLE = {
    Mark.ERROR: (2.0, Qt.PenStyle.SolidLine),
    Mark.WARNING: (1.6, Qt.PenStyle.DashLine),
    Mark.INFO: (1.2, Qt.PenStyle.DotLine),
    Mark.UNCOVERED: (1.2, Qt.PenStyle.DashLine),
}


def _line_rects(boxes: list[Box]) -> list[Box]:
    """Character boxes joined into one box per printed line."""
    out: list[list[float]] = []
    for left, top, right, bottom in boxes:
        if out:
            last = out[-1]
            overlap = min(bottom, last[3]) - max(top, last[1])
            if overlap > 0.5 * min(bottom - top, last[3] - last[1]) and left <= last[2] + 3 * (bottom - top):
                last[0], last[1], last[2], last[3] = min(last[0], left), min(last[1], top), max(last[2], right), max(last[3], bottom)
                continue
        out.append([left, top, right, bottom])
    return [(a, b, c, d) for a, b, c, d in out]


class PageView(QAbstractScrollArea):
    marksClicked = Signal(object)  # list[SpanMark] under the click, strongest first
    pageChanged = Signal(int)  # the page in the middle of the view (0-based)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._viewport = viewport_of(self)
        self._viewport.setMouseTracking(False)
        self.setMinimumWidth(320)
        self._renderer: PageRenderer | None = None
        self._retired: list[PageRenderer] = []
        self._doc: Document | None = None
        self._sizes: list[tuple[float, float]] = []
        self._images: dict[int, QImage] = {}
        self._boxes: dict[int, list[Box | None]] = {}
        self._marks: ReportMarks | None = None
        self._page_marks: dict[int, list[tuple[SpanMark, list[Box]]]] = {}  # drawn rects per page
        self._corrected: dict[int, list[Box]] = {}
        self._selection: Span | None = None
        self._pending: Span | None = None  # to show once its page's boxes are read
        self._current = -1
        self._zoom = 1.0
        self._width_timer = QTimer(self)
        self._width_timer.setSingleShot(True)
        self._width_timer.setInterval(120)  # a resize drag renders once, at the end
        self._width_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self._viewport.update())
        self.verticalScrollBar().setSingleStep(40)
        self.status = ""  # why there are no pages, when there are none

    # ---- content -----------------------------------------------------------------
    def set_document(self, doc: Document | None, renderer: PageRenderer | None) -> None:
        if self._renderer is not None:
            # Switching reports must not wait for a page being drawn (or for an audit
            # holding PDFium): the old thread is told to stop and joined at shutdown.
            self._renderer.stop()
            self._retired = [r for r in self._retired if r.running] + [self._renderer]
        self._doc, self._renderer = doc, renderer
        self._sizes, self._images, self._boxes = [], {}, {}
        self._page_marks, self._corrected, self._selection, self._pending = {}, {}, None, None
        self._current = -1
        self.status = "正在打开页面…" if renderer is not None else ""
        if renderer is not None:
            renderer.opened.connect(self._opened)
            renderer.rendered.connect(self._rendered)
            renderer.boxesRead.connect(self._boxes_read)
            renderer.failed.connect(self._failed)
            renderer.start()
        self._layout()
        self._viewport.update()

    def close_renderer(self) -> None:
        self.set_document(None, None)

    def shutdown(self) -> None:
        """Stop every render thread and wait for them (the window is closing)."""
        self.set_document(None, None)
        for renderer in self._retired:
            renderer.join()
            renderer.deleteLater()
        self._retired = []

    @property
    def ready(self) -> bool:
        return bool(self._sizes)

    def settled(self) -> bool:
        """Every page on screen is drawn at the shown width with its marks (or no pages
        will come): what a screenshot waits for."""
        if self._renderer is None or (not self._sizes and self.status and self.status != "正在打开页面…"):
            return True
        if not self._sizes:
            return False
        width = int(self._page_width() * self.devicePixelRatioF())
        return all(self._has_image(p, width) and p in self._boxes for p in self._visible_pages())

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def _opened(self, sizes: list[tuple[float, float]]) -> None:
        self._sizes = sizes
        self.status = ""
        self._layout()
        self._request_visible()
        if self._pending is not None:
            self.show_span(self._pending)
        self._viewport.update()

    def _failed(self, message: str) -> None:
        self.status = message
        self.failed.emit(message)
        self._viewport.update()

    def _rendered(self, page: int, width: int, image: QImage) -> None:
        self._images[page] = image
        if len(self._images) > _KEEP_IMAGES * 2:
            keep = set(self._visible_pages())
            for far in sorted(self._images, key=lambda p: min(abs(p - k) for k in keep or {0}))[_KEEP_IMAGES:]:
                del self._images[far]
        self._viewport.update()

    def _boxes_read(self, page: int, boxes: list[Box | None]) -> None:
        self._boxes[page] = boxes
        self._page_marks.pop(page, None)
        self._corrected.pop(page, None)
        if self._pending is not None and page in self._pages_of(self._pending):
            span, self._pending = self._pending, None
            self.show_span(span)
        self._viewport.update()

    # ---- geometry ----------------------------------------------------------------
    def _page_width(self) -> int:
        """Fit to the width, times the zoom (zooming in scrolls sideways)."""
        return max(100, int((self._viewport.width() - 2 * GAP) * self._zoom))

    def set_zoom(self, step: int) -> None:
        """The window's zoom step: in, the pages grow beyond the width; out, they stay fitted."""
        self._zoom = 1.0 + 0.15 * max(0, step)
        self._layout()
        self._width_timer.start()
        self._viewport.update()

    def _page_rects(self) -> list[QRectF]:
        width = self._page_width()
        rects, y = [], float(GAP)
        for w, h in self._sizes:
            height = width * h / max(w, 1.0)
            rects.append(QRectF(GAP, y, width, height))
            y += height + GAP
        return rects

    def _layout(self) -> None:
        rects = self._page_rects()
        total = int(rects[-1].bottom() + GAP) if rects else 0
        bar = self.verticalScrollBar()
        bar.setPageStep(self._viewport.height())
        bar.setRange(0, max(0, total - self._viewport.height()))
        side = self.horizontalScrollBar()
        side.setPageStep(self._viewport.width())
        side.setRange(0, max(0, self._page_width() + 2 * GAP - self._viewport.width()) if rects else 0)

    def _visible_pages(self) -> list[int]:
        top = self.verticalScrollBar().value()
        bottom = top + self._viewport.height()
        return [i for i, r in enumerate(self._page_rects()) if r.bottom() >= top and r.top() <= bottom]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()
        self._width_timer.start()

    def _scrolled(self, _value: int) -> None:
        self._request_visible()
        self._viewport.update()

    def _request_visible(self) -> None:
        if self._renderer is None or not self._sizes:
            return
        visible = self._visible_pages()
        if not visible:
            return
        wanted = list(range(max(0, visible[0] - 1), min(len(self._sizes), visible[-1] + 2)))
        width = int(self._page_width() * self.devicePixelRatioF())
        self._renderer.forget_renders(set(wanted))
        # Asked last = served first: the neighbours, then the pages on screen, top one last.
        for page in [p for p in wanted if p not in visible] + visible[::-1]:
            if not self._has_image(page, width):
                self._renderer.render(page, width)
        for page in visible[::-1]:
            if page not in self._boxes:
                self._renderer.read_boxes(page)
        middle = self._page_at(self.verticalScrollBar().value() + self._viewport.height() / 2)
        if middle != self._current and middle >= 0:
            self._current = middle
            self.pageChanged.emit(middle)

    def _has_image(self, page: int, width: int) -> bool:
        image = self._images.get(page)
        return image is not None and image.width() == width

    def _page_at(self, y: float) -> int:
        rects = self._page_rects()
        for i, rect in enumerate(rects):
            if y <= rect.bottom() + GAP:
                return i
        return len(rects) - 1

    def go_to_page(self, page: int) -> None:
        rects = self._page_rects()
        if 0 <= page < len(rects):
            self.verticalScrollBar().setValue(int(rects[page].top() - GAP))

    @property
    def current_page(self) -> int:
        return max(self._current, 0)

    # ---- marks ---------------------------------------------------------------------
    def set_marks(self, marks: ReportMarks | None) -> None:
        self._marks = marks
        self._page_marks, self._corrected = {}, {}
        self._viewport.update()

    def _pages_of(self, span: Span) -> set[int]:
        if self._doc is None:
            return set()
        return {page for page, _, _ in self._doc.page_chars(span)} | {page for page, _ in self._doc.ocr_boxes(span)}

    def _span_boxes(self, span: Span) -> dict[int, list[Box]]:
        """Per page, one box per printed line of ``span`` (pages whose boxes are read)."""
        found: dict[int, list[Box]] = {}
        if self._doc is None:
            return found
        for page, first, count in self._doc.page_chars(span):
            boxes = self._boxes.get(page)
            if boxes is None:
                continue
            chars = [b for b in boxes[first : first + count] if b is not None]
            found.setdefault(page, []).extend(chars)
        for page, (left, top, right, bottom) in self._doc.ocr_boxes(span):  # a scanned page
            if page in self._boxes and page < len(self._sizes):
                width, height = self._sizes[page]
                found.setdefault(page, []).append((left / width, top / height, right / width, bottom / height))
        return {page: _line_rects(chars) for page, chars in found.items()}

    def _marks_on(self, page: int) -> list[tuple[SpanMark, list[Box]]]:
        if page not in self._page_marks:
            drawn: list[tuple[SpanMark, list[Box]]] = []
            corrected: list[Box] = []
            if self._marks is not None and page in self._boxes:
                for mark in self._marks.marks:  # weakest first, as painted
                    rects = self._span_boxes((mark.start, mark.end)).get(page)
                    if rects:
                        drawn.append((mark, rects))
                for span in self._marks.corrected:
                    corrected.extend(self._span_boxes(span).get(page, []))
            self._page_marks[page], self._corrected[page] = drawn, corrected
        return self._page_marks[page]

    def marks_at(self, point: QPointF) -> list[SpanMark]:
        """Marks drawn under ``point`` (viewport coordinates), strongest and narrowest first."""
        y = point.y() + self.verticalScrollBar().value()
        for page, rect in enumerate(self._page_rects()):
            if rect.top() <= y <= rect.bottom():
                x = point.x() + self.horizontalScrollBar().value()
                fx, fy = (x - rect.left()) / rect.width(), (y - rect.top()) / rect.height()
                slack = 2 / rect.width()
                hits = [
                    mark for mark, boxes in self._marks_on(page)
                    if any(a - slack <= fx <= c + slack and b - slack <= fy <= d + slack for a, b, c, d in boxes)
                ]
                return sorted(hits, key=lambda m: (-int(m.mark), m.end - m.start))
        return []

    def mark_center(self, span: Span) -> QPointF | None:
        """Where ``span`` is drawn, in viewport coordinates (tests, the screenshot script)."""
        rects = self._page_rects()
        for page, boxes in self._span_boxes(span).items():
            a, b, c, d = boxes[0]
            rect = rects[page]
            return QPointF(rect.left() + (a + c) / 2 * rect.width() - self.horizontalScrollBar().value(),
                           rect.top() + (b + d) / 2 * rect.height() - self.verticalScrollBar().value())
        return None

    # ---- selection -------------------------------------------------------------------
    def show_span(self, span: Span, center: bool = True) -> bool:
        """Outline ``span`` and scroll to it; False when no character of it is printed
        (a blank cell) or the pages are not open yet (then it is shown once they are)."""
        if self._doc is None:
            return False
        pages = self._pages_of(span)
        if not pages:
            self._selection = None
            self._viewport.update()
            return False
        self._selection = span
        if not self._sizes:
            self._pending = span
            return True
        page = min(pages)
        boxes = self._span_boxes(span).get(page)
        if boxes is None:
            self._pending = span
            if self._renderer is not None:
                self._renderer.read_boxes(page)
            self.go_to_page(page)
            return True
        rect = self._page_rects()[page]
        a, b, c, d = boxes[0]
        y = rect.top() + (b + d) / 2 * rect.height()
        bar = self.verticalScrollBar()
        top = bar.value()
        if center or not top + 40 <= y <= top + self._viewport.height() - 40:
            bar.setValue(int(y - self._viewport.height() / 2))
        x = rect.left() + (a + c) / 2 * rect.width()
        side = self.horizontalScrollBar()
        if not side.value() + 40 <= x <= side.value() + self._viewport.width() - 40:
            side.setValue(int(x - self._viewport.width() / 2))
        self._viewport.update()
        return True

    @property
    def selection(self) -> Span | None:
        return self._selection

    # ---- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self._viewport)
        painter.fillRect(event.rect(), QColor("#8a929b"))
        if not self._sizes:
            painter.setPen(QColor("#ffffff"))
            painter.drawText(self._viewport.rect(), Qt.AlignmentFlag.AlignCenter, self.status)
            painter.end()
            return
        offset = self.verticalScrollBar().value()
        painter.translate(-self.horizontalScrollBar().value(), -offset)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        needed = False
        width = int(self._page_width() * self.devicePixelRatioF())
        for page in self._visible_pages():
            rect = self._page_rects()[page]
            image = self._images.get(page)
            if image is not None:
                painter.drawImage(rect, image)
                needed = needed or image.width() != width
            else:
                painter.fillRect(rect, QColor("#ffffff"))
                needed = True
            self._paint_marks(painter, page, rect)
        painter.end()
        if needed and not self._width_timer.isActive():
            self._width_timer.start()

    def _paint_marks(self, painter: QPainter, page: int, rect: QRectF) -> None:
        def shown(box: Box) -> QRectF:
            a, b, c, d = box
            return QRectF(rect.left() + a * rect.width() - 2, rect.top() + b * rect.height() - 2,
                          (c - a) * rect.width() + 4, (d - b) * rect.height() + 4)

        for mark, boxes in self._marks_on(page):
            fill = QColor(COLORS[mark.mark])
            fill.setAlpha(110)
            line = _PEN_STYLE.get(mark.mark)
            for box in boxes:
                area = shown(box)
                painter.fillRect(area, fill)
                if line is None:
                    continue
                pen = QPen(QColor(UNDERLINES[mark.mark][0]), line[0], line[1])
                painter.setPen(pen)
                if mark.mark is Mark.UNCOVERED:
                    painter.drawLine(area.bottomLeft(), area.bottomRight())
                else:
                    painter.drawRect(area)
        corrected = self._corrected.get(page, [])
        if corrected:
            painter.setPen(QPen(QColor(CORRECTED_COLOR), 2))
            for box in corrected:
                painter.drawRect(shown(box).adjusted(-2, -1, 2, 1))
        if self._selection is not None:
            boxes = self._span_boxes(self._selection).get(page, [])
            if boxes:
                fill = QColor(_SELECTION)
                fill.setAlpha(50)
                painter.setPen(QPen(_SELECTION, 2))
                for box in boxes:
                    area = shown(box).adjusted(-3, -3, 3, 3)
                    painter.fillRect(area, fill)
                    painter.drawRect(area)

    # ---- events ------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            hits = self.marks_at(event.position())
            if hits:
                self._selection = (hits[0].start, hits[0].end)
                self._viewport.update()
                self.marksClicked.emit(hits)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tips = tip_text(self.marks_at(QPointF(event.pos())))  # type: ignore[attr-defined]
            if tips:
                QToolTip.showText(event.globalPos(), tips, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
