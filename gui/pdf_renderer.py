"""Render a PDF report's pages and read where its characters sit, on a thread of its own.

The page view asks for the pages on screen at the width it shows them; this thread
renders them with PDFium (the library that read the text) and hands back images, so
scrolling never waits for a page to draw. It also reads each page's character boxes
once, as fractions of the page, which the view scales to whatever width it shows: a
mark is drawn over the boxes of the characters its span was read from
(``Document.page_chars``). The newest request is served first, so the pages the auditor
looks at now come before those scrolled past.

pypdfium2 is imported here, and this module only when a PDF is shown.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from core.document.pdf_reader import PDFIUM_LOCK

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # left, top, right, bottom: fractions of the page shown
_DEVICE = 100_000  # the page mapped to this many device units wide: boxes to 1e-5 of the page
CHANGED = "报告文件在读取之后已被改动，无法显示原版页面，请重新打开报告"
UNREADABLE = "无法读取 PDF 页面，请改用文字视图"


class PageRenderer(QObject):
    # Emitted from the render thread; Qt queues them to the receiver's (GUI) thread.
    opened = Signal(object)  # list[tuple[float, float]]: each page's size as shown, in points
    rendered = Signal(int, int, object)  # page, width in pixels, QImage
    boxesRead = Signal(int, object)  # page, list[Box | None] by PDFium character index
    failed = Signal(str)  # Chinese message

    def __init__(self, path: str, sha256: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path, self._digest = path, sha256
        self._wake = threading.Condition()
        self._wanted: dict[tuple[str, int], int] = {}  # (what, page) -> width; newest last
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="pdf-pages", daemon=True)

    def start(self) -> None:
        """Begin once the view listens: a signal sent before it connects would be lost."""
        self._thread.start()

    # ---- asking (GUI thread) -------------------------------------------------------
    def render(self, page: int, width: int) -> None:
        self._ask(("render", page), width)

    def read_boxes(self, page: int) -> None:
        self._ask(("boxes", page), 0)

    def _ask(self, key: tuple[str, int], width: int) -> None:
        with self._wake:
            self._wanted.pop(key, None)  # asked again: now the most urgent
            self._wanted[key] = width
            self._wake.notify()

    def forget_renders(self, keep: set[int]) -> None:
        """Drop queued renders of pages no longer on screen."""
        with self._wake:
            for key in [k for k in self._wanted if k[0] == "render" and k[1] not in keep]:
                del self._wanted[key]

    def stop(self) -> None:
        """Ask the thread to end after what it is drawing now; ``join`` waits for it."""
        with self._wake:
            self._stop = True
            self._wake.notify()

    def join(self) -> None:
        if self._thread.is_alive():
            self._thread.join()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def close(self) -> None:
        """Stop the thread and wait for it (the window never leaves one running)."""
        self.stop()
        self.join()

    # ---- the render thread -----------------------------------------------------------
    def _run(self) -> None:
        try:
            data = Path(self._path).read_bytes()
        except OSError as err:
            self.failed.emit(f"无法读取文件：{err.strerror or err}")
            return
        if self._digest and hashlib.sha256(data).hexdigest() != self._digest:
            self.failed.emit(CHANGED)
            return
        try:
            with PDFIUM_LOCK:
                pdf = pdfium.PdfDocument(data)
                sizes = []
                for index in range(len(pdf)):
                    page = pdf[index]
                    sizes.append(page.get_size())  # as shown: a /Rotate of 90 swaps the sides
                    page.close()
        except pdfium.PdfiumError:
            log.exception("opening %s for the page view", self._path)
            self.failed.emit(UNREADABLE)
            return
        self.opened.emit(sizes)
        try:
            self._serve(pdf)
        finally:
            with PDFIUM_LOCK:
                pdf.close()

    def _serve(self, pdf: pdfium.PdfDocument) -> None:
        while True:
            with self._wake:
                while not self._wanted and not self._stop:
                    self._wake.wait()
                if self._stop:
                    return
                (what, index), width = self._wanted.popitem()
            try:
                with PDFIUM_LOCK:
                    if what == "render":
                        image = _render(pdf, index, width)
                    else:
                        boxes = _boxes(pdf, index)
            except pdfium.PdfiumError:
                log.exception("page %d of %s", index, self._path)
                continue
            if what == "render":
                self.rendered.emit(index, width, image)
            else:
                self.boxesRead.emit(index, boxes)


def _render(pdf: pdfium.PdfDocument, index: int, width: int) -> QImage:
    page = pdf[index]
    try:
        scale = width / max(page.get_width(), 1.0)
        bitmap = page.render(scale=scale, prefer_bgrx=True, may_draw_forms=True)
        # BGRx bytes are Qt's RGB32 on a little-endian machine (every PC this runs on).
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32)
        return image.copy()  # own the pixels: the bitmap is freed with the page
    finally:
        page.close()


def _boxes(pdf: pdfium.PdfDocument, index: int) -> list[Box | None]:
    page = pdf[index]
    try:
        width, height = page.get_size()
        device = (0, 0, _DEVICE, max(1, round(_DEVICE * height / max(width, 1.0))), 0)
        convert = pdfium.PdfPosConv(page, device)
        # Page -> shown page is affine (a rotation, a flip, a scale): three points fix it.
        ox, oy = convert.to_bitmap(0, 0)
        ax, ay = convert.to_bitmap(1000, 0)
        bx, by = convert.to_bitmap(0, 1000)
        xx, xy, yx, yy = (ax - ox) / 1000, (ay - oy) / 1000, (bx - ox) / 1000, (by - oy) / 1000
        sx, sy = 1 / device[2], 1 / device[3]
        textpage = page.get_textpage()
        try:
            boxes: list[Box | None] = []
            for char in range(textpage.count_chars()):
                left, bottom, right, top = textpage.get_charbox(char)
                if right <= left and top <= bottom:
                    boxes.append(None)
                    continue
                xs = [ox + xx * px + yx * py for px, py in ((left, bottom), (right, top))]
                ys = [oy + xy * px + yy * py for px, py in ((left, bottom), (right, top))]
                boxes.append((min(xs) * sx, min(ys) * sy, max(xs) * sx, max(ys) * sy))
            return boxes
        finally:
            textpage.close()
    finally:
        page.close()
