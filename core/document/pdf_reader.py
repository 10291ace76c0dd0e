"""Read a PDF's text layer with pypdfium2 (fast, permissive licence; never PyMuPDF).

One line per text line, pages separated by a blank line. Lines are rebuilt from glyph
positions, not taken from PDFium's text order (which turns sparse table pages into one
character per line); pages printed turned by 90 degrees read upright, slanted
watermarks and bold-effect double printing are dropped. Repairs that make a PDF read
like the text it was printed from:
- a wide gap between two words on a line (a table column) becomes a tab, so a table row
  reads "label<TAB>unit<TAB>value" like the other formats;
- in a block of such rows the cells are aligned on shared columns, so an empty middle
  cell stays an empty cell instead of shifting the value into the unit column; where
  label and header cells span several columns (a matrix such as table 三 of the 2019/2021
  form) the numbers alone are aligned on the columns the complete rows print them in;
- a label wrapped around a vertically centred unit/value is put back on one row;
- a narrative line broken by the layout (it reaches the right margin, or the next word
  could not fit) is joined with the next one, so a sentence (and the figure it states)
  is not cut in two by the page layout.
A PDF without a text layer is a scan: we say so instead of auditing nothing.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from core.document.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS, check_text_length, too_long
from core.document.model import Document, PageRun, Progress
from core.document.pdf_lines import TAB_GAP_EM as _TAB_GAP_EM
from core.document.pdf_lines import Cell as _Cell
from core.document.pdf_lines import Line as _Line
from core.document.pdf_lines import Text as _Text
from core.document.pdf_lines import inserted as _inserted
from core.document.pdf_lines import joined as _joined
from core.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    ReportError,
    ScannedPdfError,
)

# A printed value cell of a number matrix: a number or a dash standing for "none".
_NUMBER_CELL = re.compile(r"[-—－–]+|[+-]?[0-9０-９][0-9０-９,，.．]*%?")
_NEW_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+|[①-⑳])")

SCANNED_MESSAGE = "该 PDF 为扫描件（没有文字层），无法读取文字，请提供带文字的 PDF 或 Word 版本"
OCR_NOTHING_MESSAGE = "该 PDF 为扫描件，文字识别没有读出任何文字（可能是图片或空白页），请提供带文字的 PDF 或 Word 版本"


@dataclass(slots=True)
class _Glyph:
    """One character PDFium placed on a page, in reading coordinates."""

    ch: str
    index: int  # PDFium's index of the character on its page
    x0: float  # left/right of the glyph's advance box, along the reading direction
    x1: float
    y: float  # bottom of the glyph's line band, growing upwards as read
    size: float  # height of the line band (about the font size)


def _char(code: int) -> str:
    if code < 0x20 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return ""
    if code in (0xA0, 0x2002, 0x2003, 0x2009, 0x3000):
        return " "
    return chr(code)


def _quadrant(angle: float) -> int | None:
    """0/1/2/3 for text turned 0/90/180/270 degrees clockwise; None for slanted text."""
    degrees = math.degrees(angle) % 360
    nearest = round(degrees / 90) % 4
    off = abs(degrees - nearest * 90)
    return nearest if min(off, 360 - off) <= 10 else None


def _all_codes(handle: Any, n: int, raw: Any) -> list[int] | None:
    """Every character code of the page in one call (UTF-16 units, one per character),
    or None when PDFium's text view does not map one-to-one onto its characters."""
    if n <= 0:
        return []
    buffer = (ctypes.c_ushort * (n + 1))()
    written = raw.FPDFText_GetText(handle, 0, n, buffer)
    if written != n + 1:
        return None
    codes = list(buffer[:n])
    if any(0xD800 <= c <= 0xDFFF for c in codes):
        return None  # surrogate pairs: ask character by character instead
    return codes


def _glyphs(textpage: Any, raw: Any) -> list[_Glyph]:
    """The page's real characters in reading coordinates (turned pages made upright).

    PDFium's own line order is not used: on sparse table pages it sometimes decides the
    text is vertical and emits one character per line. Lines are rebuilt from geometry.
    Three PDFium calls per character keep a page within a few milliseconds: the loose
    box (advance width x font height) gives position, baseline band and size at once.
    """
    handle = textpage.raw  # the bare pointer: the wrapper costs a property call per use
    n = raw.FPDFText_CountChars(handle)
    get_unicode = raw.FPDFText_GetUnicode
    get_angle = raw.FPDFText_GetCharAngle
    get_box = raw.FPDFText_GetLooseCharBox
    is_generated = raw.FPDFText_IsGenerated
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    found: list[tuple[str, int, int | None, float, float, float, float]] = []
    codes = _all_codes(handle, n, raw)
    for i in range(n):
        code = codes[i] if codes is not None else get_unicode(handle, i)
        if code in (0x20, 0x0D, 0x0A) and is_generated(handle, i) == 1:
            continue  # PDFium's guessed spaces and line ends: we judge gaps ourselves
        ch = _char(code)
        if not ch:
            continue
        get_box(handle, i, rect_ref)
        found.append((ch, i, _quadrant(get_angle(handle, i)), rect.left, rect.right, rect.bottom, rect.top))
    if not found:
        return []
    votes = Counter(q for (ch, _i, q, *_rest) in found if ch != " " and q is not None)
    dominant = votes.most_common(1)[0][0] if votes else 0
    glyphs: list[_Glyph] = []
    for ch, i, q, left, right, bottom, top in found:
        if q != dominant:
            continue  # watermarks and stray turned labels
        # Reading coordinates: x0/x1 along the line, y = the bottom of the line band.
        if dominant == 0:
            glyphs.append(_Glyph(ch, i, left, right, bottom, max(top - bottom, 1.0)))
        elif dominant == 1:  # PDFium angles run clockwise: reads top to bottom
            glyphs.append(_Glyph(ch, i, -top, -bottom, left, max(right - left, 1.0)))
        elif dominant == 2:
            glyphs.append(_Glyph(ch, i, -right, -left, -top, max(top - bottom, 1.0)))
        else:  # turned 90 degrees anticlockwise: reads bottom to top
            glyphs.append(_Glyph(ch, i, bottom, top, -right, max(right - left, 1.0)))
    return glyphs


def _page_lines(textpage: Any, raw: Any) -> list[_Line]:
    glyphs = _glyphs(textpage, raw)
    glyphs.sort(key=lambda g: -g.y)
    rows: list[list[_Glyph]] = []
    baseline = 0.0
    for g in glyphs:
        if rows and abs(g.y - baseline) <= 0.4 * max(g.size, 1.0):
            rows[-1].append(g)
        else:
            rows.append([g])
            baseline = g.y
    lines: list[_Line] = []
    for row in rows:
        line = _build_line(sorted(row, key=lambda g: g.x0))
        if line is not None:
            line.y = min(g.y for g in row)
            lines.append(line)
    return lines


def _build_line(glyphs: list[_Glyph]) -> _Line | None:
    """Split a line into cells at wide gaps; narrower gaps and space glyphs are a space."""
    cells: list[_Cell] = []
    text: list[str] = []
    chars: list[int] = []
    x0 = x1 = 0.0
    prev: _Glyph | None = None
    spaced = False
    for g in glyphs:
        if g.ch == " ":
            spaced = True
            continue
        if prev is not None:
            if g.ch == prev.ch and abs(g.x0 - prev.x0) < 0.25 * max(prev.x1 - prev.x0, 0.1):
                continue  # the same glyph drawn twice, slightly offset, for a bold effect
            gap = g.x0 - prev.x1
            em = max(g.size, prev.size, 1.0)
            if gap >= _TAB_GAP_EM * em:
                cells.append(_Cell("".join(text), x0, x1, chars))
                text, chars = [], []
            elif spaced or gap >= 0.15 * em:
                text.append(" ")
                chars.append(-1)
        if not text:
            x0 = g.x0
        text.append(g.ch)
        chars.append(g.index)
        x1 = g.x1
        prev = g
        spaced = False
    if text:
        cells.append(_Cell("".join(text), x0, x1, chars))
    if not cells:
        return None
    return _Line(cells, max(glyphs[0].size, 1.0), first_word=_first_word_width(glyphs))


def _first_word_width(glyphs: list[_Glyph]) -> float:
    """How much room the line's first word needs: wrapping moved it off the line above."""
    visible = [g for g in glyphs if g.ch != " "]
    if not visible:
        return 0.0
    first = visible[0]
    if not (first.ch.isascii() and first.ch.isprintable()):
        return first.x1 - first.x0
    end = first
    for g in visible[1:]:
        if not g.ch.isascii() or g.x0 - end.x1 > 0.15 * g.size:
            break
        end = g
    return end.x1 - first.x0


def _align_rows(lines: list[_Line]) -> None:
    """Give each row of a table block the block's columns, inserting empty cells."""
    i = 0
    while i < len(lines):
        if not lines[i].is_row:
            i += 1
            continue
        j = i
        block: list[_Line] = []
        # Up to two label-only lines (a wrapped label) may sit between rows of one table.
        while j < len(lines) and any(x.is_row for x in lines[j : j + 3]):
            if lines[j].is_row:
                block.append(lines[j])
            j += 1
        if len(block) >= 3:
            _align_block(block)
        i = max(j, i + 1)


def _align_block(block: list[_Line]) -> None:
    if not _align_grid(block):
        _align_numbers(block)


def _align_grid(block: list[_Line]) -> bool:
    """Align every cell on the block's columns; False when the cells form no one grid."""
    intervals = sorted((c.x0, c.x1) for line in block for c in line.cells)
    columns: list[list[float]] = []
    for x0, x1 in intervals:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    if len(columns) < 2:
        return True  # one column: nothing to align, and nothing else to try
    widest = max(len(line.cells) for line in block)
    aligned: list[tuple[_Line, _Text]] = []
    for line in block:
        slots: list[int] = []
        for cell in line.cells:
            centre = (cell.x0 + cell.x1) / 2
            slot = next((k for k, (a, b) in enumerate(columns) if a <= centre <= b), None)
            if slot is None or (slots and slot <= slots[-1]):
                return False  # cells that do not fit one column grid: leave the block as read
            slots.append(slot)
        if len(line.cells) == widest and slots != list(range(widest)):
            return False  # a complete row would gain holes: these are two tables, not one
        texts = [_inserted("")] * (slots[-1] + 1)
        for slot, cell in zip(slots, line.cells):
            texts[slot] = cell.rendered
        aligned.append((line, _joined(texts, "\t")))
    for line, text in aligned:
        line.text_override = text
    return True


def _number_tail(line: _Line) -> int:
    """Index of the first cell of the line's trailing run of number cells (len if none)."""
    k = len(line.cells)
    while k > 0 and _NUMBER_CELL.fullmatch(line.cells[k - 1].text):
        k -= 1
    return k


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _align_numbers(block: list[_Line]) -> None:
    """Give a labelled row with too few numbers the empty cells its blanks stand for.

    Header and label cells spanning several columns defeat the block grid, but the
    numbers of the complete rows (a label, then the most common count of numbers) still
    fix one x-position per column, whether printed left, right or centred. A labelled
    row with fewer numbers gets an empty cell for every column it prints nothing in;
    rows that do not fit that grid, and rows without a label, are left as read.
    """
    rows = [(line, _number_tail(line)) for line in block]
    rows = [(line, k) for line, k in rows if 0 < k < len(line.cells)]
    counts = Counter(len(line.cells) - k for line, k in rows)
    if not counts:
        return
    width, seen = counts.most_common(1)[0]
    if width < 2 or seen < 3:
        return
    complete = [line.cells[k:] for line, k in rows if len(line.cells) - k == width]
    anchors: list[tuple[float, float, float]] = []  # (left, right, centre) of each column
    for col in range(width):
        column = [numbers[col] for numbers in complete]
        lefts = [c.x0 for c in column]
        rights = [c.x1 for c in column]
        centres = [(c.x0 + c.x1) / 2 for c in column]
        spread = min(max(v) - min(v) for v in (lefts, rights, centres))
        if spread > max(line.em for line in block):
            return  # the complete rows do not print their numbers on one grid
        anchors.append((_median(lefts), _median(rights), _median(centres)))
    pitch = min(b[2] - a[2] for a, b in zip(anchors, anchors[1:]))
    if pitch <= 0:
        return
    for line, k in rows:
        numbers = line.cells[k:]
        if len(numbers) >= width or line.cells[k - 1].x1 >= anchors[0][0]:
            continue  # complete already, or a label reaching into the numbers: not ours to judge
        slots: list[int] = []
        for cell in numbers:
            centre = (cell.x0 + cell.x1) / 2
            distance, slot = min(
                (min(abs(cell.x0 - a[0]), abs(cell.x1 - a[1]), abs(centre - a[2])), col)
                for col, a in enumerate(anchors)
            )
            if distance >= pitch / 2 or (slots and slot <= slots[-1]):
                break
            slots.append(slot)
        else:
            texts = [_inserted("")] * width
            for slot, cell in zip(slots, numbers):
                texts[slot] = cell.rendered
            line.text_override = _joined([c.rendered for c in line.cells[:k]] + texts, "\t")


def _label_above_or_below(label: _Line, row: _Line) -> bool:
    """A one-cell line sitting in the label column next to a row whose label is empty."""
    return (
        not label.is_row
        and label.x0 <= row.x0 - 2 * row.em
        and label.x1 < row.x0
        and 0 < abs(label.y - row.y) < 1.6 * max(label.em, row.em)
    )


def _merge_centred_rows(lines: list[_Line]) -> list[_Line]:
    """Put a label back on the row of its unit and value when the cell centred them.

    A label that wraps to two lines in a cell whose unit and value are centred
    vertically comes out as three lines: label, "<TAB>unit<TAB>value", label. When the
    middle line sits between the two halves, they form one row again; a one-line label
    with its value printed lower in a tall cell is joined the same way.
    """
    out: list[_Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        aligned = line.text_override
        if line.is_row and aligned is not None and aligned.text.startswith("\t") and out:
            above = out[-1]
            below = lines[k + 1] if k + 1 < len(lines) else None
            if _label_above_or_below(above, line) and above.y > line.y:
                label = above.shown()
                consumed = 0
                if (
                    below is not None
                    and _label_above_or_below(below, line)
                    and below.y < line.y
                    and abs((above.y - line.y) - (line.y - below.y)) < 0.5 * line.em
                ):
                    tail = below.shown()
                    label = label + _inserted(_glue(label.text, tail.text)) + tail
                    consumed = 1
                out[-1] = _Line(above.cells + line.cells, line.em, line.y, label + aligned)
                k += 1 + consumed
                continue
        out.append(line)
        k += 1
    return out


def _glue(before: str, after: str) -> str:
    """A space where two Latin words meet across a joined line break; none between CJK."""
    return " " if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum() else ""


def _wrapped_before(line: _Line, nxt: _Line, right: float) -> bool:
    """The next line's first word would not have fitted at the end of this one: the
    layout, not the author, broke the line (works for ragged Latin runs too)."""
    room = right - line.x1
    return room < 1.5 * line.em or room < nxt.first_word + 0.3 * line.em


def _join_wrapped(lines: list[_Line]) -> list[_Text]:
    """Render lines, joining a narrative line that runs to the right margin to the next."""
    prose = [line for line in lines if not line.is_row]
    if not prose:
        return [line.shown() for line in lines]
    right = max(line.x1 for line in prose)
    left = min(line.x0 for line in prose)
    full = sum(1 for line in prose if line.x1 >= right - 1.5 * line.em)
    if full < 2:  # no margin to speak of (a title page, a lone caption): keep lines as drawn
        return [line.shown() for line in lines]
    out: list[_Text] = []
    joining = False
    for k, line in enumerate(lines):
        text = line.shown()
        if joining and out:
            prev = out[-1]
            out[-1] = prev + _inserted(_glue(prev.text, text.text)) + text
        else:
            out.append(text)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        joining = (
            nxt is not None
            and not line.is_row
            and not nxt.is_row
            and _wrapped_before(line, nxt, right)
            and nxt.x0 <= left + 0.5 * nxt.em
            and not _NEW_ITEM.match(nxt.render().text)
        )
    return out


# PDFium is not thread-safe: the audit thread, a batch thread and the window's page
# renderer must never call it at once.
PDFIUM_LOCK = threading.Lock()


def read_pdf(data: bytes, source: str, sha256: str, progress: Progress | None = None) -> Document:
    """Read a PDF; pages without a text layer are recognised by OCR when the add-on is
    there (``core.document.ocr``). ``progress(done, total) -> bool`` is called for the OCR
    pages only (before the first and after each); returning False cancels."""
    with PDFIUM_LOCK:
        pdf, read_pages = _read_text_pages(data)
    try:
        empty = [i for i, lines in enumerate(read_pages) if not any(c.text.strip() for line in lines for c in line.cells)]
        recognised: dict[int, tuple[list[_Line], list[Any]]] = {}
        if empty:
            from core.document import ocr  # the engine is an add-on: found only when a scan arrives

            # A scan needs the engine (its absence is the message); a text PDF with a few
            # picture pages reads without it, and says which pages it could not read.
            if len(empty) == len(read_pages) or ocr.engine_available():
                ocr.check_page_count(len(empty))
                recognised = ocr.recognise_pages(pdf, empty, PDFIUM_LOCK, progress)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    return _document(read_pages, recognised, source, sha256)


def _read_text_pages(data: bytes) -> tuple[Any, list[list[_Line]]]:
    """The open document (the caller closes it) and each page's text-layer lines."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise EncryptedDocumentError("该 PDF 设有打开密码，无法读取。请提供未加密的版本") from err
        raise CorruptDocumentError("PDF 文件已损坏或不完整，无法读取，请重新获取原文件") from err
    try:
        n_pages = len(pdf)
        if n_pages > MAX_PDF_PAGES:
            raise DocumentTooLargeError(f"PDF 页数过多（{n_pages} 页），不像是一份年度报告")
        if n_pages == 0:
            raise CorruptDocumentError("PDF 文件中没有任何页面，文件可能已损坏")
        read_pages: list[list[_Line]] = []
        chars = 0
        for index in range(n_pages):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    chars += textpage.count_chars()
                    if chars > MAX_TEXT_CHARS:  # stop reading: the rest would be refused anyway
                        raise too_long(chars)
                    read_pages.append(_page_lines(textpage, raw))
                finally:
                    textpage.close()
            finally:
                page.close()
    except ReportError:
        pdf.close()
        raise
    except Exception as err:  # only PDFium calls are inside: a damaged page
        pdf.close()
        raise CorruptDocumentError("PDF 文件已损坏，部分内容无法读取，请重新获取原文件") from err
    return pdf, read_pages


def _page_list(pages: list[int]) -> str:
    return "、".join(str(p) for p in pages[:10]) + ("等" if len(pages) > 10 else "")


def _document(
    read_pages: list[list[_Line]], recognised: dict[int, tuple[list[_Line], list[Any]]], source: str, sha256: str
) -> Document:
    pages: list[tuple[int, _Text]] = []
    empty_pages: list[int] = []
    scanned: list[int] = []
    words: list[Any] = []
    offset = 0
    for index, lines in enumerate(read_pages):
        tokens: list[Any] = []
        if index in recognised:
            lines, tokens = recognised[index]
        _align_rows(lines)
        rendered = _join_wrapped(_merge_centred_rows(lines))
        if not any(s.text.strip() for s in rendered):
            empty_pages.append(index + 1)
            continue
        page_text = _joined(rendered, "\n")
        if pages:
            offset += 2  # the blank line between pages
        if index in recognised:
            from core.document.ocr import assign_spans

            scanned.append(index)
            words.extend(assign_spans(page_text.text, offset, tokens))
        pages.append((index, page_text))
        offset += len(page_text.text)
    if not pages:
        raise ScannedPdfError(SCANNED_MESSAGE if not recognised else OCR_NOTHING_MESSAGE)
    text = "\n\n".join(page.text for _, page in pages)
    check_text_length(text)
    notes: list[str] = []
    if scanned:
        doubtful = sum(1 for w in words if w.doubtful)
        note = f"第 {_page_list([i + 1 for i in scanned])} 页为扫描页，文字由文字识别读出"
        if doubtful:
            note += f"，其中 {doubtful} 个数字识别存疑，请对照原件核实"
        notes.append(note)
    if empty_pages:
        note = f"第 {_page_list(empty_pages)} 页没有文字层（可能是扫描页），这些页的内容未能读取"
        if not recognised:
            note += "（安装“文字识别组件”后可以识别）"
        notes.append(note)
    return Document(
        text=text,
        source=source,
        format="pdf",
        sha256=sha256,
        pages=len(read_pages),
        notes=tuple(notes),
        page_runs=_page_runs(pages),
        scanned_pages=tuple(scanned),
        ocr=tuple(words),
    )


def _page_runs(pages: list[tuple[int, _Text]]) -> tuple[PageRun, ...]:
    """Where each stretch of the text was printed: runs of characters that follow one
    another both in the text and on the page (a line, a cell), pages joined by a blank line.
    A page read by OCR has no PDFium characters: it gives no runs."""
    runs: list[PageRun] = []
    offset = 0
    for page, rendered in pages:
        start = first = -1
        for k, char in enumerate(rendered.chars):
            if start >= 0 and char == first + (k - start):
                continue
            if start >= 0:
                runs.append(PageRun(offset + start, page, first, k - start))
            start, first = (k, char) if char >= 0 else (-1, -1)
        if start >= 0:
            runs.append(PageRun(offset + start, page, first, len(rendered.chars) - start))
        offset += len(rendered.text) + 2
    return tuple(runs)
