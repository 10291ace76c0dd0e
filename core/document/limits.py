"""Size limits that keep a hostile or mistaken file from hanging the auditor.

A real annual report is 10-200 KB of text (the five seeds: 13-40 KB); its PDF or DOCX is
at most a few tens of MB when it carries photos. The limits sit two orders of magnitude
above that, so no genuine report is refused, while a 50 MB log file or a zip bomb is
refused at once, before any decoding, with a message the auditor understands.
"""

from __future__ import annotations

from core.errors import DocumentTooLargeError

MB = 1024 * 1024

# A plain-text file over 20 MB is not a report (the largest seed is 0.04 MB). Refusing it
# up front costs nothing, whereas decoding and showing it would freeze the text view.
MAX_TEXT_FILE_BYTES = 20 * MB
# DOCX/PDF/HTML files may carry images; beyond this we do not even read the bytes.
MAX_FILE_BYTES = 200 * MB
# Whatever the format, the text we hand on (and the GUI displays) stays below this.
MAX_TEXT_CHARS = 5_000_000
# DOCX is a zip: refuse before decompressing when the declared sizes are absurd.
MAX_UNZIPPED_BYTES = 200 * MB
MAX_ZIP_RATIO = 200  # deflate of real XML reaches 10-30x; bombs reach 1000x
MAX_ZIP_ENTRIES = 5000
MAX_PDF_PAGES = 2000


def too_large(what: str, size_bytes: int, limit_bytes: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        f"{what}过大（{size_bytes / MB:.1f} MB，上限 {limit_bytes / MB:.0f} MB），"
        "不像是一份年度报告，请确认选择的文件"
    )


def too_many_chars(chars: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        f"文件的文字内容过多（{chars // 10000} 万字，上限 {MAX_TEXT_CHARS // 10000} 万字），"
        "不像是一份年度报告，请确认选择的文件"
    )


def check_text_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise too_many_chars(len(text))
