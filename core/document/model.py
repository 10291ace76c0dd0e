"""What every reader returns: one document text plus where it came from.

The text is exactly what the GUI shows on the left, and every span anywhere in the
project (values, claims, evidence) is a ``[start, end)`` character range into it.
Readers render a real table (DOCX, DOC, HTML) as one line per row with the cells separated
by a tab, so a single line-based extractor serves every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


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


@dataclass(frozen=True)
class Document:
    text: str
    source: str  # file name as given (display, JSON "file")
    format: str  # "txt", "docx", "doc" (also .wps), "pdf", "html"
    sha256: str = ""
    encoding: str | None = None  # text formats: the encoding that was detected
    pages: int | None = None  # PDF page count
    tables: tuple[TableGrid, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)  # reader remarks, Chinese
    # The report itself within the text: a saved page's menus, share buttons and footer, or
    # an archive's header, lie outside it (core.document.furniture). None: the whole text.
    body: Span | None = None
