"""Refuse a DOCX from the sizes its zip directory declares, before anything is inflated.

Kept apart from the reader so that a file too big to read is refused without even
importing python-docx (``core.document.read_bytes`` calls this first).
"""

from __future__ import annotations

import io
import zipfile

from core.document.limits import MAX_DOCX_XML_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_RATIO, MB, too_large
from core.errors import CorruptDocumentError, DocumentTooLargeError


def check_docx_sizes(data: bytes) -> None:
    """Refuse archives whose declared sizes are absurd, before anything is inflated.

    Python's zipfile never inflates an entry past its declared size, so checking the
    declared sizes bounds the work python-docx will do.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception as err:  # BadZipFile, NotImplementedError, struct errors ...
        raise CorruptDocumentError("DOCX 文件已损坏或不完整（压缩包结构无法读取），请重新获取原文件") from err
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DocumentTooLargeError(f"DOCX 压缩包内文件数异常（{len(infos)} 个），拒绝解压")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise too_large("DOCX 解压后的内容", total, MAX_UNZIPPED_BYTES)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * MB and ratio > MAX_ZIP_RATIO:
            raise DocumentTooLargeError(
                f"DOCX 中的 {info.filename} 压缩比异常（{ratio:.0f} 倍），疑似压缩炸弹，拒绝解压"
            )
    # python-docx parses every XML part into one tree in memory: the declared sizes say
    # what that would cost before a byte is parsed (zipfile never inflates past them).
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if xml > MAX_DOCX_XML_BYTES:
        raise too_large("DOCX 的正文部分（解压后的 XML）", xml, MAX_DOCX_XML_BYTES)
