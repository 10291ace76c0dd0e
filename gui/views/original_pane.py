"""The left side: the report's header, a find bar, and the original in one of two views.

Every report has the text view (tables as grids); a PDF with a text layer also has its
pages as published, shown by default. Both take the same marks and speak in spans of
the document text, so the navigator and the find bar talk to this pane and never need
to know which view is up. The page renderer (and pypdfium2 with it) is loaded only when
a PDF is shown; the page view, its bar and the find bar are made the first time they are
needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from core.document.model import Document, Span
from gui.highlight import legend_html
from gui.session_controller import SessionController
from gui.views.report_header import ReportHeader
from gui.views.report_marks import ReportMarks
from gui.views.report_view import ReportView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from gui.views.find_bar import FindBar
    from gui.views.page_bar import PageBar
    from gui.views.page_view import PageView

NO_GLYPHS = "所选内容在原版页面上没有文字（如空白单元格），已在文字视图中选中；可切换到文字视图查看"


def has_pages(doc: Document | None) -> bool:
    """A PDF whose text layer or scan was read: its pages can be shown with the marks on them
    (for a scan, the page is how the auditor checks what OCR read)."""
    return doc is not None and doc.format == "pdf" and bool(doc.page_runs or doc.ocr)


class OriginalPane(QWidget):
    marksClicked = Signal(object)  # list[SpanMark], strongest first
    pageModeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = ReportHeader(self)
        self._finder: FindBar | None = None
        self.text = ReportView(self)
        self._pages: PageView | None = None
        self._zoom = 0
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.text)
        self.legend = QLabel(legend_html(), self)
        self.legend.setToolTip("错误：粗体+波浪线（页面上为实线框）；警告：点线（虚线框）；未核对：虚线；已更正：绿框")
        self._bar: PageBar | None = None
        self._page_action: QAction | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        for widget in (self.header, self.legend, self.stack):
            self._layout.addWidget(widget)
        self.text.marksClicked.connect(self.marksClicked)
        self._ctl: SessionController | None = None
        self._doc: Document | None = None
        self._last: Span | None = None

    def set_page_action(self, action: QAction) -> None:
        """The window's 原版页面 action, put on the page bar's switch."""
        self._page_action = action

    @property
    def has_pages(self) -> bool:
        """The report shown has pages as published to switch to."""
        return has_pages(self._doc)

    @property
    def bar(self) -> PageBar:
        """The page bar, made with the first report that has pages."""
        if self._bar is None:
            from gui.views.page_bar import PageBar

            self._bar = PageBar(self._page_action, self)
            self._layout.insertWidget(1 if self._finder is None else 2, self._bar)
            self._bar.pageWanted.connect(lambda page: self.pages.go_to_page(page))
        return self._bar

    @property
    def pages(self) -> PageView:
        """The PDF page view, made with the first PDF shown."""
        if self._pages is None:
            from gui.views.page_view import PageView

            self._pages = PageView(self)
            self._pages.set_zoom(self._zoom)
            self.stack.addWidget(self._pages)
            self._pages.marksClicked.connect(self.marksClicked)
            self._pages.pageChanged.connect(self._page_changed)
            self._pages.failed.connect(self._pages_failed)
        return self._pages

    @property
    def finder(self) -> FindBar:
        """The find bar, made at the first Ctrl+F."""
        if self._finder is None:
            from gui.views.find_bar import FindBar

            self._finder = FindBar(self)
            self._layout.insertWidget(1, self._finder)  # under the header, over the page bar
            self._finder.spanWanted.connect(self.show_span)
            self._finder.set_text(self._doc.text if self._doc is not None else "")
        return self._finder

    def set_zoom(self, step: int) -> None:
        self._zoom = step
        if self._pages is not None:
            self._pages.set_zoom(step)

    # ---- content ---------------------------------------------------------------
    def set_controller(self, controller: SessionController | None) -> None:
        session = controller.session if controller is not None else None
        doc = session.result.document if session is not None else None
        same = controller is self._ctl and doc is self._doc
        self._ctl, self._doc, self._last = controller, doc, None
        self.header.update_from(controller)
        self.text.set_controller(controller)
        if self._finder is not None:
            self._finder.set_text(doc.text if doc is not None else "")
        self._say("")
        if not same:
            if has_pages(doc):
                assert doc is not None and controller is not None
                from gui.pdf_renderer import PageRenderer  # pypdfium2 loads with the first PDF shown

                self.pages.set_document(doc, PageRenderer(controller.path, doc.sha256))
            elif self._pages is not None:
                self._pages.close_renderer()
        if self._pages is not None:
            self._pages.set_marks(self.text.marks)
        self._show_bar(has_pages(doc))
        self.set_page_mode(has_pages(doc) and (same and self.page_mode or not same))

    def refresh(self) -> None:
        """After an edit: new marks on both views, a new verdict in the header."""
        self.text.refresh_marks()
        if self._pages is not None:
            self._pages.set_marks(self.text.marks)
        self.header.update_from(self._ctl)

    def refresh_marks(self) -> None:
        self.refresh()

    def set_only_uncovered(self, only: bool) -> None:
        self.text.set_only_uncovered(only)
        if self._pages is not None:
            self._pages.set_marks(self.text.marks)

    def close_document(self) -> None:
        if self._pages is not None:
            self._pages.shutdown()

    @property
    def marks(self) -> ReportMarks | None:
        return self.text.marks

    # ---- views -------------------------------------------------------------------
    def _show_bar(self, pages: bool) -> None:
        if pages:
            self.bar.setVisible(True)
        elif self._bar is not None:
            self._bar.setVisible(False)

    def _say(self, note: str) -> None:
        if self._bar is not None:
            self._bar.note.setText(note)

    @property
    def page_mode(self) -> bool:
        return self._pages is not None and self.stack.currentWidget() is self._pages

    def set_page_mode(self, on: bool) -> None:
        on = on and has_pages(self._doc)
        if on == self.page_mode:
            return
        self.stack.setCurrentWidget(self.pages if on else self.text)
        if self._bar is not None:
            self._bar.show_numbers(on)
        self._say("")
        if self._last is not None:
            self.show_span(self._last)
        self.pageModeChanged.emit(on)

    def _page_changed(self, page: int) -> None:
        self.bar.set_page(page, self.pages.page_count)

    def _pages_failed(self, message: str) -> None:
        self.set_page_mode(False)  # clears the note: the reason goes up after
        self._say(message)

    # ---- selection -------------------------------------------------------------------
    def show_span(self, span: Span, center: bool = True) -> None:
        """Select ``span`` in the text view and, in page mode, outline it on its page."""
        self._last = span
        self.text.show_span(span, center)
        if self.page_mode:
            shown = self.pages.show_span(span, center)
            self._say("" if shown else NO_GLYPHS)

    def selected_span(self) -> Span:
        return self.text.selected_span()

    def settled(self) -> bool:
        return self._pages is None or not self.page_mode or self._pages.settled()

    def open_find(self) -> None:
        self.finder.open()
