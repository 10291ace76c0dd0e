"""Read a Word 97-2003 .doc (or a WPS .wps saved in Word-compatible form) into a Document.

The file is an OLE compound file (olefile opens it, pure Python, imported lazily). The
main document text comes from the piece table (``doc_pieces``) and is split into
paragraphs with fields resolved and tracked deletions left out (``doc_text``; deletions
are marked in the character properties). Paragraph properties (``doc_props``) say which
paragraphs are table cells and rows and which carry automatic list numbers
(``doc_lists``); the tables are rebuilt on the same grid the DOCX reader gives
(``doc_tables``). Headers, footers, footnotes and comments are separate stories after the
main text and are left out, as the DOCX reader leaves them out. Text boxes are a story of
their own too; their text is put where the box is anchored, as the DOCX reader does
(``doc_textboxes``), and a note says so when some box could not be placed.

Every declared stream size is checked against the file before the stream is read, and
the text length against MAX_TEXT_CHARS before it is decoded. Anything wrong ends in a
ReportError with a Chinese message: encrypted, not a Word file (an .xls renamed .doc, an
old WPS format), older than Word 97, truncated or damaged.
"""

from __future__ import annotations

import io
import struct
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.document.builder import TextBuilder
from core.document.doc_lists import ListNumbers
from core.document.doc_pieces import broken, main_text, parse_clx, parse_fib, table_slice
from core.document.doc_props import ParagraphProperties, deleted_ranges
from core.document.doc_tables import build_blocks, render
from core.document.doc_text import paragraphs
from core.document.doc_textboxes import read_textboxes
from core.document.limits import check_text_length
from core.document.model import Document
from core.document.sniff import ACCEPTED, SAVE_AS_DOCX, WPS_NOT_WORD
from core.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ReportError,
    UnsupportedFormatError,
)

TRUNCATED = "该 Word 97-2003 文件（.doc/.wps）不完整（可能下载或复制时被截断），无法读取，请重新获取原文件"

# Streams that say what an OLE file is when it has no WordDocument stream.
_OTHER_KINDS = (
    ("EncryptedPackage", None),  # a password-protected .docx/.xlsx: see _refuse
    ("Workbook", "Excel 表格（.xls）"),
    ("Book", "Excel 表格（.xls）"),
    ("PowerPoint Document", "PowerPoint 演示文稿（.ppt）"),
    ("CONTENTS", "Microsoft Works 文档"),
)


def _open_ole(data: bytes) -> Any:
    try:
        import olefile  # lazy: only .doc files need it
    except ImportError as err:  # a broken installation, not a broken file
        raise UnsupportedFormatError("缺少读取 .doc 所需的组件 olefile，请重新安装本程序，或另存为 .docx 再审核") from err
    try:
        # Always a file object: olefile takes a short bytes value for a file *name*.
        return olefile.OleFileIO(io.BytesIO(data))
    except Exception as err:  # olefile raises OSError, struct.error, IndexError ...
        if _looks_truncated(data):
            raise CorruptDocumentError(TRUNCATED) from err
        raise broken("OLE 文件结构无法解析") from err


def _looks_truncated(data: bytes) -> bool:
    """The OLE header points at sectors past the end of the file (or the file ends
    mid-sector): the file was cut short, not scrambled."""
    if len(data) < 512:
        return True
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        return False
    sector = 1 << shift
    body = len(data) - sector  # the header occupies the first sector
    if body < 0 or body % sector:
        return True
    available = body // sector
    directory = struct.unpack_from("<I", data, 48)[0]
    fat_sectors = struct.unpack_from("<109I", data, 76)
    return any(s < 0xFFFFFFFA and s >= available for s in (directory, *fat_sectors))


def _refuse(ole: Any, suffix: str) -> ReportError:
    """An OLE file without a WordDocument stream: say what it is instead."""
    for stream, what in _OTHER_KINDS:
        if ole.exists(stream):
            if what is None:
                return EncryptedDocumentError("文件设有打开密码，无法读取。请取消密码后另存为 .docx 再审核")
            if suffix == ".wps" and stream == "CONTENTS":
                return UnsupportedFormatError(WPS_NOT_WORD)
            return UnsupportedFormatError(f"该文件实际是 {what}，不是 Word 文档（扩展名与内容不符），请确认选择的文件。{ACCEPTED}")
    if suffix == ".wps":
        return UnsupportedFormatError(WPS_NOT_WORD)
    return UnsupportedFormatError(f"该文件是 OLE 复合文件，但其中没有 Word 正文（WordDocument 流），不是 Word 文档。{SAVE_AS_DOCX}")


def _stream(ole: Any, name: str, data_size: int, required: bool = True) -> bytes:
    """A stream's bytes, its declared size checked against the file before reading."""
    if not ole.exists(name):
        if required:
            raise broken(f"缺少 {name} 流")
        return b""
    try:
        size = ole.get_size(name)
    except Exception as err:
        raise broken(f"{name} 流无法读取") from err
    if size > data_size:  # a stream cannot be larger than the whole file
        raise broken(f"{name} 流声明的大小超过了文件本身")
    try:
        content: bytes = ole.openstream(name).read()
    except Exception as err:
        raise broken(f"{name} 流无法读取") from err
    if len(content) < size:
        raise CorruptDocumentError(TRUNCATED)
    return content


def _read(data: bytes, source: str, sha256: str) -> Document:
    ole = _open_ole(data)
    try:
        return _read_word(ole, data, source, sha256)
    finally:
        ole.close()


def _read_word(ole: Any, data: bytes, source: str, sha256: str) -> Document:
    suffix = Path(source).suffix.lower()
    if not ole.exists("WordDocument"):
        if _looks_truncated(data):  # the directory's tail, with WordDocument, is cut off
            raise CorruptDocumentError(TRUNCATED)
        if "WordDocument".encode("utf-16-le") in data:  # named in a damaged directory
            raise broken("WordDocument 流无法找到")
        raise _refuse(ole, suffix)
    word = _stream(ole, "WordDocument", len(data))
    fib = parse_fib(word)  # encrypted / pre-97 files stop here
    table = _stream(ole, fib.table_stream, len(data))
    extra = _stream(ole, "Data", len(data), required=False)
    pieces = parse_clx(table_slice(table, fib.clx, "片段表"))
    text = main_text(word, pieces, fib.ccp_text)
    deleted = deleted_ranges(word, table_slice(table, fib.bte_chpx, "字符属性表"), pieces, fib.ccp_text)
    boxes = read_textboxes(word, table, fib, pieces)
    paras = paragraphs(text, deleted, boxes.by_anchor)
    lookup = ParagraphProperties(word, table_slice(table, fib.bte_papx, "段落属性表"), pieces, extra)
    props = [lookup.at(p.cp) for p in paras]
    numbers = ListNumbers(table, fib.plf_lst, fib.plf_lfo)
    for k, (para, prop) in enumerate(zip(paras, props)):
        if prop.ilfo and not (prop.ttp or prop.inner_ttp):  # a row end is no paragraph of its own
            number = numbers.prefix(prop.ilfo, prop.ilvl)
            if number:
                paras[k] = replace(para, text=number + para.text)
    builder = TextBuilder()
    render(build_blocks(paras, props), builder)
    result = builder.text
    check_text_length(result)
    if not result.strip():
        raise EmptyDocumentError("该 Word 97-2003 文件中没有正文文字（可能全是图片），无法审核")
    notes: tuple[str, ...] = ()
    if boxes.unplaced:
        notes = ("文件中有文本框的文字未能读取（链接的文本框或组合图形中的文本框）；"
                 "如其中有报告内容，请用 Word 或 WPS 另存为 .docx 后再审核",)
    return Document(text=result, source=source, format="doc", sha256=sha256, tables=builder.tables, notes=notes)


def read_doc(data: bytes, source: str, sha256: str) -> Document:
    try:
        return _read(data, source, sha256)
    except ReportError:
        raise
    except RecursionError as err:  # absurdly deep nesting in a hostile file
        raise broken("表格嵌套层数异常") from err
    except Exception as err:  # any other failure while decoding means a damaged file
        raise broken("内部结构不一致") from err
