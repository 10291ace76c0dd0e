"""Read a saved web page (.html/.htm, often GBK) into a Document.

Bytes are decoded here, not by the parser: government pages are frequently GB2312/GBK
with or without a charset tag, and letting lxml/bs4 guess garbled real pages. Scripts,
styles and navigation are dropped; block elements become lines; a data table becomes
one line per row (cells joined by a tab) with rowspan/colspan placed on a grid, a
spanned cell's text appearing once. Tables that only frame the page (a single column,
or cells holding other tables) are read as ordinary content. lxml is imported lazily.

Nesting does not matter: pages from web editors often leave hundreds of tags unclosed
(``<font>`` after ``<font>``), and libxml2 stops building the tree at 256 levels unless
told otherwise, which used to drop the whole report. The parser's huge-tree option
raises that to 2048 levels and the tree is walked with an explicit stack, never by
recursion; a page deeper still is read again with its formatting tags left out (they
carry no text), and failing that as plain text, with a note saying so.
"""

from __future__ import annotations

import html as html_entities
import re
from typing import Any

import lxml.html
from lxml import etree

from core.document.builder import LAYOUT_CELL_CHARS, SourceCell, TextBuilder, clean_cell_text, place_cells
from core.document.encoding import normalise_newlines
from core.document.limits import MAX_HTML_BYTES, check_text_length, too_large
from core.document.model import Document
from core.errors import CorruptDocumentError, EmptyDocumentError

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)([^>]*)>")
_ANY_TAG = re.compile(r"<[^>]*>")
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


# Table structure and line breaks survive flattening; formatting and other containers go.
_STRUCTURE = frozenset(
    {"html", "head", "body", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "br", "p", "li",
     "pre", "h1", "h2", "h3", "h4", "h5", "h6", "title", "meta", "script", "style"}
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


_FLUSH = object()  # a stack item: end the current line


class _Grid:
    """A stack item: a data table's cells, added when its turn comes (after its caption)."""

    def __init__(self, cells: list[Any], n_rows: int, n_columns: int) -> None:
        self.cells, self.n_rows, self.n_columns = cells, n_rows, n_columns


def _content(el: Any) -> list[Any]:
    """What walking ``el`` visits, in order: its text, then each child and its tail."""
    items: list[Any] = [el.text]
    for child in el:
        items += [child, child.tail]
    return [i for i in items if i is not None and i != ""]


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

    # -- elements (an explicit stack: any depth, no recursion) -----------------------
    def render(self, root: Any) -> None:
        stack: list[Any] = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                self._add(item)
            elif item is _FLUSH:
                self._flush()
            elif isinstance(item, _Grid):
                self.builder.add_table(item.cells, item.n_rows, item.n_columns)
            else:
                self._element(item, stack)

    def _element(self, el: Any, stack: list[Any]) -> None:
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
            stack.extend(reversed(self._table(el)))
        elif tag in _BLOCK_TAGS:
            self._flush()
            stack.append(_FLUSH)
            stack.extend(reversed(_content(el)))
        else:
            stack.extend(reversed(_content(el)))

    # -- tables ------------------------------------------------------------------
    def _table(self, table: Any) -> list[Any]:
        """What a table renders as, in order: its captions, then its grid or its cells' content."""
        rows: list[Any] = []
        out: list[Any] = []
        for child in table:
            tag = _tag(child)
            if tag in ("thead", "tbody", "tfoot"):
                rows.extend(tr for tr in child if _tag(tr) == "tr" and not _is_hidden(tr))
            elif tag == "tr" and not _is_hidden(child):
                rows.append(child)
            elif tag == "caption":
                out.append(child)
        cells_by_row = [[td for td in tr if _tag(td) in ("td", "th") and not _is_hidden(td)] for tr in rows]
        nested = any(True for _ in table.iterdescendants("table"))
        widest = max((len(r) for r in cells_by_row), default=0)
        long_cell = any(len(td.text_content()) > LAYOUT_CELL_CHARS for row in cells_by_row for td in row)
        if nested or widest <= 1 or long_cell:  # a layout frame: read what is inside as content
            for row in cells_by_row:
                for td in row:
                    out += [_FLUSH, *_content(td), _FLUSH]
            return out
        source = [
            [SourceCell(_cell_text(td), _span_attr(td, "rowspan"), _span_attr(td, "colspan")) for td in row]
            for row in cells_by_row
        ]
        cells, n_rows, n_columns = place_cells(source)
        return [*out, _Grid(cells, n_rows, n_columns)]


def _cell_text(td: Any) -> str:
    parts: list[str] = []
    stack: list[Any] = list(reversed(_cell_content(td)))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            stack.extend(reversed(_cell_content(item)))
    return clean_cell_text("".join(parts))


def _cell_content(el: Any) -> list[Any]:
    """Inside a cell: lines and blocks become spaces (never glue "1" and "2" into 12)."""
    items: list[Any] = [el.text or ""]
    for child in el:
        tag = _tag(child)
        if tag is not None and tag not in _SKIP_TAGS and not _is_hidden(child):
            block = tag in _BLOCK_TAGS
            if tag == "br" or block:
                items.append(" ")
            items.append(child)
            if block:
                items.append(" ")
        items.append(child.tail or "")
    return [i for i in items if i != ""]


def _too_deep(parser: Any) -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _parse(text: str) -> tuple[Any, bool]:
    """The page's tree, and whether libxml2 stopped at its depth limit (tree incomplete)."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    root = lxml.html.document_fromstring(text, parser=parser)
    return root, _too_deep(parser)


def _without_formatting(text: str) -> str:
    """The page with every tag that only formats or groups left out (blocks become breaks)."""

    def keep(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if name in _STRUCTURE or name in _SKIP_TAGS:
            return match.group(0)
        return "<br>" if name in _BLOCK_TAGS else ""

    return _TAG.sub(keep, text)


def _plain_text(text: str) -> str:
    """Last resort for a page nested past any parser: its text, a line per block, a tab per cell."""
    body = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", text)
    body = re.sub(r"(?i)<(?:td|th)\b[^>]*>", "\t", body)
    body = re.sub(r"(?i)</?(?:br|p|div|tr|li|h[1-6]|table)\b[^>]*>", "\n", body)
    lines = (html_entities.unescape(_ANY_TAG.sub("", line)) for line in body.split("\n"))
    cleaned = ("\t".join(_SPACES.sub(" ", cell).strip(" \u3000") for cell in line.strip().split("\t")) for line in lines)
    return "\n".join(line for line in cleaned if line.strip())


def read_html(data: bytes, source: str, sha256: str) -> Document:
    if len(data) > MAX_HTML_BYTES:
        raise too_large("网页文件", len(data), MAX_HTML_BYTES)
    text, encoding = decode_html(data)
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        raise EmptyDocumentError("网页文件是空的，没有可审核的内容")

    notes: tuple[str, ...] = ()
    try:
        root, too_deep = _parse(text)
        if too_deep:
            root, too_deep = _parse(_without_formatting(text))
            notes = ("网页标签嵌套层数过多，已略去字体等格式标签后读取，请核对原网页",)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise CorruptDocumentError("网页文件无法解析，文件可能已损坏") from err
    if too_deep:
        builder = TextBuilder()
        builder.add_line(_plain_text(text))
        result, tables = builder.text, builder.tables
        notes = ("网页标签嵌套层数过多，已按纯文本读取（表格的合并单元格未能还原），请核对原网页",)
    else:
        renderer = _Renderer()
        body = root.find("body")
        renderer.render(body if body is not None else root)
        renderer.finish()
        result, tables = renderer.builder.text, renderer.builder.tables
    check_text_length(result)
    if not result.strip():
        raise EmptyDocumentError("网页中没有正文文字，无法审核")
    title = None if too_deep else " ".join((root.findtext(".//title") or "").split()) or None
    return Document(
        text=result, source=source, format="html", sha256=sha256, encoding=encoding, tables=tables, notes=notes, title=title
    )
