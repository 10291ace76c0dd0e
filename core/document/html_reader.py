"""Read a saved web page (.html/.htm, often GBK) into a Document.

Bytes are decoded here, not by the parser: government pages are frequently GB2312/GBK
with or without a charset tag, and letting lxml/bs4 guess garbled real pages. Scripts,
styles and navigation are dropped; block elements become lines; a data table becomes
one line per row (cells joined by a tab) with rowspan/colspan placed on a grid, a
spanned cell's text appearing once. Tables that only frame the page (a single column,
or cells holding other tables) are read as ordinary content. lxml is imported lazily.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from core.document.builder import LAYOUT_CELL_CHARS, SourceCell, TextBuilder, clean_cell_text, place_cells
from core.document.encoding import normalise_newlines
from core.document.limits import check_text_length
from core.document.model import Document
from core.errors import CorruptDocumentError, EmptyDocumentError

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\n\r\f\u00a0]+")

_GB_ALIASES = {
    "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "csgb2312",
    "gb_2312-80", "gb_2312", "euc-cn", "x-euc-cn", "chinese", "iso-ir-58",
}

_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "nav", "aside", "iframe",
        "object", "embed", "svg", "canvas", "select", "option", "button", "input", "textarea",
        "map", "audio", "video", "frameset", "frame",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section",
        "summary", "ul", "caption", "legend", "menu", "html", "tbody", "thead", "tfoot", "tr",
        "td", "th",
    }
)


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii", errors="ignore").strip().lower()
    if name in _GB_ALIASES:
        return "gb18030"  # GB2312/GBK pages routinely use characters beyond GB2312
    if name in ("utf8", "utf-8", "unicode-1-1-utf-8"):
        return "utf-8"
    if name in ("big5", "big5-hkscs", "x-x-big5"):
        return "big5hkscs"
    return name


def decode_html(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): BOM, then strict UTF-8, the declared charset, GB18030."""
    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8", "UTF-8-BOM"),
        (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
        (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), name
    declared = _declared_charset(data)
    # Bytes that are valid UTF-8 are UTF-8 whatever the tag says: GBK text practically
    # never forms valid UTF-8, while pages re-saved as UTF-8 often keep a stale gb2312 tag.
    order: list[str] = ["utf-8"]
    # A page declaring Latin-1 or ASCII is almost always a Chinese page mislabelled.
    if declared and declared not in ("iso-8859-1", "latin1", "latin-1", "windows-1252", "us-ascii", "ascii"):
        order.append(declared)
    order += [c for c in ("gb18030",) if c not in order]
    for codec in order:
        try:
            return data.decode(codec), codec.upper()
        except (UnicodeDecodeError, LookupError):
            continue
    fallback = declared if declared in ("utf-8", "gb18030", "big5hkscs") else "gb18030"
    return data.decode(fallback, errors="replace"), fallback.upper()


def _is_hidden(el: Any) -> bool:
    if el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _span_attr(el: Any, name: str) -> int:
    raw = el.get(name)
    if raw is None:
        return 1
    digits = re.match(r"\s*(\d+)", raw)
    if not digits:
        return 1
    value = int(digits.group(1)[:6])
    return 10**6 if value == 0 and name == "rowspan" else max(1, value)  # rowspan=0: to the end


def _tag(el: Any) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None  # comments, PIs have callable tags


class _Renderer:
    def __init__(self) -> None:
        self.builder = TextBuilder()
        self._line: list[str] = []

    # -- lines -------------------------------------------------------------------
    def _add(self, text: str | None) -> None:
        if text:
            self._line.append(text)

    def _flush(self) -> None:
        if self._line:
            line = _SPACES.sub(" ", "".join(self._line)).strip(" \u3000")
            self._line = []
            if line:
                self.builder.add_line(line)

    def finish(self) -> None:
        self._flush()

    def _newline(self) -> None:
        if self._line:
            self._flush()
        else:
            self.builder.add_blank()

    # -- elements ----------------------------------------------------------------
    def walk(self, el: Any) -> None:
        self._add(el.text)
        for child in el:
            self.render(child)
            self._add(child.tail)

    def render(self, el: Any) -> None:
        tag = _tag(el)
        if tag is None or tag in _SKIP_TAGS or _is_hidden(el):
            return
        if tag == "br":
            self._newline()
        elif tag == "pre":
            self._flush()
            for line in normalise_newlines(el.text_content()).split("\n"):
                self.builder.add_line(line.replace("\u00a0", " "))
        elif tag == "table":
            self._flush()
            self.table(el)
        elif tag in _BLOCK_TAGS:
            self._flush()
            self.walk(el)
            self._flush()
        else:
            self.walk(el)

    # -- tables ------------------------------------------------------------------
    def table(self, table: Any) -> None:
        rows: list[Any] = []
        for child in table:
            tag = _tag(child)
            if tag in ("thead", "tbody", "tfoot"):
                rows.extend(tr for tr in child if _tag(tr) == "tr" and not _is_hidden(tr))
            elif tag == "tr" and not _is_hidden(child):
                rows.append(child)
            elif tag == "caption":
                self.render(child)
        cells_by_row = [[td for td in tr if _tag(td) in ("td", "th") and not _is_hidden(td)] for tr in rows]
        nested = any(True for _ in table.iterdescendants("table"))
        widest = max((len(r) for r in cells_by_row), default=0)
        long_cell = any(len(td.text_content()) > LAYOUT_CELL_CHARS for row in cells_by_row for td in row)
        if nested or widest <= 1 or long_cell:  # a layout frame: read what is inside as content
            for row in cells_by_row:
                for td in row:
                    self._flush()
                    self.walk(td)
                    self._flush()
            return
        source = [
            [SourceCell(_cell_text(td), _span_attr(td, "rowspan"), _span_attr(td, "colspan")) for td in row]
            for row in cells_by_row
        ]
        cells, n_rows, n_columns = place_cells(source)
        self.builder.add_table(cells, n_rows, n_columns)


def _cell_text(td: Any) -> str:
    parts: list[str] = []

    def collect(el: Any) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            tag = _tag(child)
            if tag is not None and tag not in _SKIP_TAGS and not _is_hidden(child):
                if tag == "br" or tag in _BLOCK_TAGS:
                    parts.append(" ")  # separate lines inside a cell, never glue digits
                collect(child)
                if tag in _BLOCK_TAGS:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    collect(td)
    return clean_cell_text("".join(parts))


def read_html(data: bytes, source: str, sha256: str) -> Document:
    text, encoding = decode_html(data)
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        raise EmptyDocumentError("网页文件是空的，没有可审核的内容")

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise CorruptDocumentError("网页文件无法解析，文件可能已损坏") from err
    renderer = _Renderer()
    body = root.find("body")
    renderer.render(body if body is not None else root)
    renderer.finish()
    result = renderer.builder.text
    check_text_length(result)
    if not result.strip():
        raise EmptyDocumentError("网页中没有正文文字，无法审核")
    return Document(
        text=result, source=source, format="html", sha256=sha256, encoding=encoding,
        tables=renderer.builder.tables,
    )
