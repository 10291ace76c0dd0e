"""Read a report file (txt/md, docx, doc/wps, pdf, html) into one ``Document``.

``read_document(path)`` is the only entry point the rest of the project needs. The
format is decided by the file's first bytes, then its extension (see ``sniff``); each
reader lives in its own module and imports its heavy library only when called, so
importing this package costs nothing at GUI start-up. Bad input raises a
``core.errors.ReportError`` subclass with a one-line Chinese message, never anything else.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from core.document.docx_limits import check_docx_sizes
from core.document.encoding import LENIENT_UTF8, decode_text, drop_stray_controls
from core.document.furniture import body_span
from core.document.limits import MAX_FILE_BYTES, MAX_TEXT_FILE_BYTES, check_text_length, too_large
from core.document.model import Document, Progress, Span, TableCell, TableGrid
from core.document.sniff import SUPPORTED_SUFFIXES, TEXT_SUFFIXES, detect_format
from core.errors import CorruptDocumentError, EmptyDocumentError, ReportError


def _read_text(data: bytes, source: str, sha256: str) -> Document:

    text, encoding = decode_text(data)
    check_text_length(text)
    text, strays = drop_stray_controls(text)
    if not text.strip():
        raise EmptyDocumentError("文件中没有文字内容（只有空白），没有可审核的内容")
    notes: list[str] = []
    if encoding == LENIENT_UTF8:
        encoding = "UTF-8"
        bad = text.count("\ufffd")
        notes.append(f"文件中有 {bad} 处字节无法按 UTF-8 解码，已显示为“\ufffd”，请核对原文件")
    if strays:
        notes.append(f"文件中有 {strays} 个控制字符（如 NUL，常见于从 PDF 复制的文字），读取时已删除，请核对原文件")
    return Document(text=text, source=source, format="txt", sha256=sha256, encoding=encoding, notes=tuple(notes))


def read_bytes(data: bytes, name: str, progress: Progress | None = None) -> Document:
    """Read a report held in memory; ``name`` gives the extension and the display name.

    ``progress(done, total) -> bool``: only a scanned PDF calls it, once before its first
    OCR page and after each (seconds per page); returning False cancels the reading with
    ``OcrCancelledError`` ("已取消文字识别"). Called in the reading thread."""
    doc = _read_format(data, name, progress)
    return replace(doc, body=body_span(doc.text))


def _read_format(data: bytes, name: str, progress: Progress | None) -> Document:
    suffix = Path(name).suffix.lower()
    limit = MAX_TEXT_FILE_BYTES if suffix in TEXT_SUFFIXES else MAX_FILE_BYTES
    if len(data) > limit:
        raise too_large("文件", len(data), limit)
    kind = detect_format(data, suffix)
    sha256 = hashlib.sha256(data).hexdigest()
    if kind == "txt":
        return _read_text(data, name, sha256)
    if kind == "docx":
        check_docx_sizes(data)  # before python-docx is even imported
        from core.document.docx_reader import read_docx

        return read_docx(data, name, sha256)
    if kind == "doc":
        from core.document.doc_reader import read_doc

        return read_doc(data, name, sha256)
    if kind == "pdf":
        from core.document.pdf_reader import read_pdf

        return read_pdf(data, name, sha256, progress)
    from core.document.html_reader import read_html

    return read_html(data, name, sha256)


def read_document(path: str | os.PathLike[str], progress: Progress | None = None) -> Document:
    """Read the report at ``path``; the Document's ``source`` is the path as given.
    ``progress``: see ``read_bytes`` (scanned PDFs only)."""
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    limit = MAX_TEXT_FILE_BYTES if suffix in TEXT_SUFFIXES else MAX_FILE_BYTES
    try:
        size = os.path.getsize(name)
        if size > limit:  # refuse before reading a huge file into memory
            raise too_large("文件", size, limit)
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError as err:
        raise ReportError(f"找不到文件：{name}") from err
    except IsADirectoryError as err:
        raise ReportError(f"这是一个文件夹，不是文件：{name}") from err
    except PermissionError as err:
        raise ReportError(f"没有权限读取文件：{name}") from err
    except OSError as err:
        raise CorruptDocumentError(f"读取文件失败：{name}（{err.strerror or err}）") from err
    return read_bytes(data, name, progress)


__all__ = [
    "SUPPORTED_SUFFIXES",
    "Document",
    "Progress",
    "Span",
    "TableCell",
    "TableGrid",
    "read_bytes",
    "read_document",
]
