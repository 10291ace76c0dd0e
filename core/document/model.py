"""What every reader returns: one document text plus where it came from.

Every span anywhere in the project (values, claims, evidence) is a ``[start, end)``
character range into the text; the window shows it (tables as grids, PDFs as their pages)
and maps spans to what it shows.
Readers render a real table (DOCX, DOC, HTML) as one line per row with the cells separated
by a tab, so a single line-based extractor serves every format.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

Span = tuple[int, int]
# Reading a scanned PDF: called before the first OCR page and after each with (pages done,
# pages to recognise); returning False cancels the reading.
Progress = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell of a real table (DOCX/DOC/HTML), located in the document text."""

    row: int
    column: int
    text: str
    span: Span
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class TableGrid:
    """One real table of the source file, as it was laid out (rows x columns)."""

    cells: tuple[TableCell, ...]
    span: Span  # the lines of the document text that render this table


@dataclass(frozen=True, slots=True)
class PageRun:
    """A stretch of the document text printed as consecutive characters of one PDF page:
    ``text[start:start + length]`` is PDFium's characters ``char .. char + length - 1`` of
    page ``page`` (0-based). The window asks PDFium for those characters' boxes to mark a
    span on the page as published."""

    start: int
    page: int
    char: int
    length: int


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A number read by OCR from a scanned page (``Document.ocr`` holds them all).

    ``span``: where it sits in ``Document.text`` (``text[span[0]:span[1]] == self.text``).
    ``page``: 0-based page index. ``box``: (left, top, right, bottom) in PDF points from the
    top-left corner of the page as rendered (its /Rotate applied): multiply by dpi/72 for
    the pixels of a rendering at any resolution. ``confidence``: the recogniser's (0..1,
    the lowest of the number's words); ``doubtful``: under the threshold, i.e. 识别存疑.
    """

    text: str
    span: Span
    page: int
    box: tuple[float, float, float, float]
    confidence: float
    doubtful: bool = False


@dataclass(frozen=True)
class Document:
    """A report as read from its file: the text every finding points into, and what the reader saw."""

    text: str
    source: str  # file name as given (display, JSON "file")
    format: str  # "txt", "docx", "doc" (also .wps), "pdf", "html"
    sha256: str = ""
    encoding: str | None = None  # text formats: the encoding that was detected
    pages: int | None = None  # PDF page count
    tables: tuple[TableGrid, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)  # reader remarks, Chinese
    page_runs: tuple[PageRun, ...] = ()  # PDF: where the text was printed, sorted by ``start``
    # The report itself, without a web page's furniture (site menus, "当前位置：首页>…",
    # footers) around it; None: the whole text is the report. The window folds the rest away.
    body: Span | None = None
    # A saved web page's <title> ("2019年某某局政府信息公开工作年度报告 - 某某网"): not part of
    # the text shown or audited, but it names the agency and year when the body does not.
    title: str | None = None
    # Scanned PDF pages: the 0-based pages whose text came from OCR, and every number read
    # there (in text order), each with its page box and confidence.
    scanned_pages: tuple[int, ...] = ()
    ocr: tuple[OcrWord, ...] = ()

    def page_chars(self, span: Span) -> list[tuple[int, int, int]]:
        """(page, first char, count) of the PDF characters that print ``text[span]``, in
        text order; empty for other formats. Tabs and line breaks the reader put in print
        nothing, so a span over two cells gives two stretches."""
        runs = self.page_runs
        start, end = span
        found: list[tuple[int, int, int]] = []
        k = max(bisect_right(runs, start, key=lambda r: r.start) - 1, 0)
        while k < len(runs) and runs[k].start < end:
            run = runs[k]
            lo, hi = max(start, run.start), min(end, run.start + run.length)
            if hi > lo:
                found.append((run.page, run.char + lo - run.start, hi - lo))
            k += 1
        return found

    def ocr_boxes(self, span: Span) -> list[tuple[int, tuple[float, float, float, float]]]:
        """(page, box in points) of the numbers OCR read inside ``text[span]``: where a span
        of a scanned page is printed (the numbers are what the window marks)."""
        start, end = span
        return [(w.page, w.box) for w in self.ocr if w.span[0] < end and w.span[1] > start]
