"""Decide which reader a file needs from its first bytes, then from its extension.

Government sites often publish files whose extension lies: a ".doc" that is really an
HTML page, a ".docx" that is a PDF or a Word 97 file, an encrypted Word file (an OLE
container) named ".docx". The content wins over the name; the name only decides between
the formats that have no signature (plain text, HTML), and names an OLE file that holds
no Word text (an old Excel workbook).
"""

from __future__ import annotations

import io
import re
import zipfile

from core.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnsupportedFormatError,
)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm")

ACCEPTED = "可以读取的格式：.txt、.md、.docx、.doc/.wps、.pdf（带文字层）、.html/.htm"
SAVE_AS_DOCX = "请用 Word 或 WPS 打开后“另存为” .docx 文件再审核"
WPS_NOT_WORD = "该 WPS 文件不是 Word 兼容格式，无法读取，请用 WPS 打开后“另存为” .docx 文件再审核"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF87a": "GIF 图片",
    b"GIF89a": "GIF 图片",
    b"BM": "BMP 图片",
    b"II*\x00": "TIFF 图片",
    b"MM\x00*": "TIFF 图片",
}
_ARCHIVES = {
    b"Rar!\x1a\x07": "RAR 压缩包",
    b"7z\xbc\xaf\x27\x1c": "7z 压缩包",
    b"\x1f\x8b": "gzip 压缩包",
}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)

_OFFICE_ZIP = {
    "xl/workbook.xml": "Excel 表格（.xlsx）",
    "ppt/presentation.xml": "PowerPoint 演示文稿（.pptx）",
}


def _unsupported(what: str, hint: str = "") -> UnsupportedFormatError:
    return UnsupportedFormatError(f"不支持{what}。{hint or ACCEPTED}")


def _looks_like_html(head: bytes) -> bool:
    # UTF-16 pages are rare enough to ignore here; strip a UTF-8 BOM before matching.
    return bool(_HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")))


def _classify_ole(data: bytes, suffix: str) -> str:
    # An OOXML file saved with a password is stored as an OLE container holding an
    # "EncryptedPackage" stream (names are UTF-16LE in the directory).
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedDocumentError("文件设有打开密码，无法读取。请取消密码后另存为 .docx 再审核")
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"  # whatever the name says (a .doc renamed .docx, a .wps)
    if suffix in (".xls", ".et"):
        raise _unsupported("旧版 Excel 表格（.xls）", ACCEPTED)
    if suffix in (".ppt", ".dps"):
        raise _unsupported("旧版 PowerPoint 演示文稿", ACCEPTED)
    return "doc"  # the .doc reader says what else it is, or that it is damaged


def _classify_zip(data: bytes, suffix: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception as err:  # zipfile raises many types (NotImplementedError for odd versions)
        if suffix == ".docx":
            raise CorruptDocumentError("DOCX 文件已损坏或不完整（压缩包结构无法读取），请重新获取原文件") from err
        raise CorruptDocumentError("文件是一个损坏的压缩包，无法读取") from err
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    for marker, what in _OFFICE_ZIP.items():
        if marker in names:
            raise _unsupported(what)
    if "content.xml" in names:
        raise _unsupported("OpenDocument 文件（.odt 等）", SAVE_AS_DOCX)
    if suffix == ".docx":
        raise CorruptDocumentError("该 .docx 文件中没有 Word 正文（word/document.xml），文件可能已损坏")
    raise _unsupported("压缩包（.zip）")


def detect_format(data: bytes, suffix: str) -> str:
    """Return "txt", "docx", "doc", "pdf" or "html", or raise a ReportError saying why not."""
    suffix = suffix.lower()
    if not data:
        raise EmptyDocumentError("文件是空的（0 字节），没有可审核的内容")
    head = data[:1024]
    # The PDF header may follow some junk (the format allows 1 KB), but a text file that
    # merely mentions "%PDF-" early on is still text.
    if data.startswith(b"%PDF-") or (b"%PDF-" in head and suffix not in TEXT_SUFFIXES + HTML_SUFFIXES):
        return "pdf"
    if data.startswith(_ZIP):
        return _classify_zip(data, suffix)
    if data.startswith(_OLE):
        return _classify_ole(data, suffix)
    if data.startswith(b"{\\rtf"):
        raise _unsupported("RTF 文件", SAVE_AS_DOCX)
    for magic, what in _IMAGES.items():
        if data.startswith(magic):
            raise _unsupported(f"{what}（扫描件需要先做文字识别）", ACCEPTED)
    for magic, what in _ARCHIVES.items():
        if data.startswith(magic):
            raise _unsupported(what)
    if suffix in (".doc", ".wps", ".mht", ".mhtml") and _looks_like_html(head):
        return "html"  # "Word" files exported by web systems are often HTML pages
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix == ".pdf":
        raise CorruptDocumentError("该 .pdf 文件不是有效的 PDF（缺少 PDF 文件头），文件可能已损坏")
    if suffix == ".docx":
        raise CorruptDocumentError("该 .docx 文件不是有效的 Word 文档（不是 zip 压缩包），文件可能已损坏")
    if suffix == ".wps":  # not an OLE file, so not the Word-compatible format (an old WPS/Works format)
        raise UnsupportedFormatError(WPS_NOT_WORD)
    if suffix == ".doc":
        raise CorruptDocumentError(
            "该 .doc 文件不是有效的 Word 97-2003 文档（缺少 OLE 文件头），文件可能已损坏。" + SAVE_AS_DOCX
        )
    if suffix in (".xls", ".xlsx", ".et", ".csv"):
        raise _unsupported("表格文件", ACCEPTED)
    shown = suffix if suffix else "无扩展名的文件"
    raise _unsupported(f"该文件类型（{shown}）", ACCEPTED)
