"""Read a Word .docx into a Document: paragraphs as lines, each table row as one line.

The body is walked in document order (paragraphs and tables interleaved, content
controls unwrapped), so the statistical table sits where the author put it. Merged
cells appear once, at their first row/column; the positions they cover are empty cells
so every row of a table has the same columns. Headers, footers and footnotes are not
part of the report's text and are left out. ``core.document`` loads this module, and
python-docx with it, when a .docx arrives.
"""

from __future__ import annotations

import io
from typing import Any

import docx

from core.document.builder import LAYOUT_CELL_CHARS, GridCell, TextBuilder, clean_cell_text
from core.document.docx_limits import check_docx_sizes
from core.document.docx_numbering import Numbering
from core.document.limits import check_text_length
from core.document.model import Document
from core.document.sniff import SAVE_AS_DOCX
from core.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    ReportError,
    UnsupportedFormatError,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TCPR = _W + "tcPr"
_GRID_SPAN = _W + "gridSpan"
_VMERGE = _W + "vMerge"

# Subtrees whose text is not visible body text: properties (w:pPr holds tab-stop
# definitions that look like w:tab), deleted revisions, field instructions, and the
# fallback copy of drawing content that mc:Choice already holds.
_SKIP = frozenset(
    {
        _W + "pPr",
        _W + "rPr",
        _W + "del",
        _W + "moveFrom",
        _W + "instrText",
        _W + "delText",
        _W + "footnoteReference",
        _W + "endnoteReference",
        _W + "commentReference",
        _MC + "Fallback",
    }
)


def _inline_text(element: Any, out: list[str]) -> None:
    """Visible text of a paragraph (runs, hyperlinks, fields, insertions), in order."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab" or tag == _W + "ptab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "txbxContent":
            for para in child.iter(_W + "p"):
                parts: list[str] = []
                _inline_text(para, parts)
                out.append("\n" + "".join(parts) + "\n")
        else:
            _inline_text(child, out)


def paragraph_text(p: Any) -> str:
    parts: list[str] = []
    _inline_text(p, parts)
    return "".join(parts)


def _unwrap(children: Any, wanted: str) -> list[Any]:
    """Children with the wanted tag, looking through content controls and custom XML."""
    found: list[Any] = []
    for child in children:
        tag = child.tag
        if tag == _W + wanted:
            found.append(child)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                found.extend(_unwrap(content, wanted))
        elif tag == _W + "customXml":
            found.extend(_unwrap(child, wanted))
    return found


def _int_val(element: Any, path: str, default: int) -> int:
    node = element.find(path)
    if node is None:
        return default
    try:
        return max(1, int(node.get(_W + "val", str(default))))
    except ValueError:
        return default


def _grid_before(tr: Any) -> int:
    """Leading grid columns a row skips (w:gridBefore): they render as empty cells."""
    node = tr.find(f"{_W}trPr/{_W}gridBefore")
    if node is None:
        return 0
    try:
        return min(max(0, int(node.get(_W + "val", "0"))), 64)
    except ValueError:
        return 0


def _cell_text(tc: Any, numbering: Numbering) -> str:
    # A cell holding several paragraphs is still one cell: its lines join with a space
    # (not nothing: "1" and "2" on two lines must not read as the number 12).
    texts = [clean_cell_text(numbering.prefix(p) + paragraph_text(p)) for p in _unwrap(tc, "p")]
    return " ".join(t for t in texts if t)


def _is_layout_table(tbl: Any, rows: list[Any]) -> bool:
    """A table that frames other content (nested tables, a single column, article-long
    cells) is layout: its content is read as paragraphs, not as rows."""
    if any(True for _ in tbl.iterdescendants(_W + "tbl")):
        return True
    widest = max((len(_unwrap(tr, "tc")) for tr in rows), default=0)
    if widest <= 1:
        return True
    return any(
        sum(len(t.text or "") for t in tc.iter(_W + "t")) > LAYOUT_CELL_CHARS
        for tr in rows
        for tc in _unwrap(tr, "tc")
    )


def _render_table(tbl: Any, builder: TextBuilder, numbering: Numbering) -> None:
    rows = _unwrap(tbl, "tr")
    if not rows:
        return
    if _is_layout_table(tbl, rows):
        for tr in rows:
            for tc in _unwrap(tr, "tc"):
                _render_blocks(tc, builder, numbering)
        return
    cells: list[dict[str, Any]] = []
    open_merge: dict[int, int] = {}  # grid column -> index of the cell a vMerge continues
    n_columns = 0
    for r, tr in enumerate(rows):
        col = _grid_before(tr)
        for tc in _unwrap(tr, "tc"):
            tcpr = tc.find(_TCPR)
            colspan = min(_int_val(tcpr, _GRID_SPAN, 1), 64) if tcpr is not None else 1
            vmerge = tcpr.find(_VMERGE) if tcpr is not None else None
            continues = vmerge is not None and vmerge.get(_W + "val", "continue") == "continue"
            if continues and col in open_merge:
                cells[open_merge[col]]["rowspan"] += 1
            else:
                cells.append({"row": r, "column": col, "text": _cell_text(tc, numbering), "rowspan": 1, "colspan": colspan})
                if vmerge is not None:
                    open_merge[col] = len(cells) - 1
                else:
                    open_merge.pop(col, None)
            col += colspan
        n_columns = max(n_columns, col)
    builder.add_table([GridCell(**c) for c in cells], len(rows), n_columns)


def _render_blocks(container: Any, builder: TextBuilder, numbering: Numbering) -> None:
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            builder.add_line(numbering.prefix(child) + paragraph_text(child))
        elif tag == _W + "tbl":
            _render_table(child, builder, numbering)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _render_blocks(content, builder, numbering)
        elif tag == _W + "customXml":
            _render_blocks(child, builder, numbering)
        elif tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                _render_blocks(choice, builder, numbering)


def _numbering_of(document: Any) -> Numbering:
    """List definitions and paragraph styles; a file without them simply has no numbers."""
    try:
        numbering_xml = document.part.numbering_part.element
    except Exception:  # no numbering part, or an unreadable one
        numbering_xml = None
    try:
        styles_xml = document.styles.element
    except Exception:
        styles_xml = None
    return Numbering(numbering_xml, styles_xml)


def read_docx(data: bytes, source: str, sha256: str) -> Document:
    check_docx_sizes(data)  # the caller checked already; cheap, and keeps this reader safe alone
    try:

        try:
            document = docx.Document(io.BytesIO(data))
        except ValueError as err:
            if "content type" in str(err):  # a .docm / .dotx / .dotm under a .docx name
                raise UnsupportedFormatError(
                    f"该文件是 Word 模板或启用宏的文档，不是普通的 .docx。{SAVE_AS_DOCX}"
                ) from err
            raise
        body = document.element.body
        numbering = _numbering_of(document)
    except ReportError:
        raise
    except Exception as err:  # any failure inside the parser means a damaged file
        raise CorruptDocumentError(
            "DOCX 文件已损坏或不是有效的 Word 文档，无法读取，请重新获取原文件或另存为 .docx"
        ) from err
    if body is None:
        raise CorruptDocumentError("DOCX 文件中没有正文部分（w:body），文件可能已损坏")
    builder = TextBuilder()
    _render_blocks(body, builder, numbering)  # a parsed tree: no I/O or parsing left here
    text = builder.text
    check_text_length(text)
    if not text.strip():
        raise EmptyDocumentError("DOCX 文件中没有正文文字（可能全是图片），无法审核")
    return Document(text=text, source=source, format="docx", sha256=sha256, tables=builder.tables)
