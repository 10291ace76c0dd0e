"""Size limits that keep a hostile or mistaken file from hanging the auditor.

They are sized from real reports, not from what a machine can survive. The longest real
report we have seen is about 40,000 characters (the five seeds: 10,000-16,000; the
平潭 and 上海 reports in tests/fixtures/real: 6,000-15,600). ``MAX_TEXT_CHARS`` allows
1,000,000 -- 25 times that -- so no genuine report, however padded, is refused, while a
novel, a log file or a generated monster is refused at once with a message the auditor
understands, before the audit and the window have to carry it.

Every other limit follows from that one and is checked *before* the expensive step:

- a text file cannot hold fewer characters than its bytes / 4 (no encoding spends more
  than four bytes a character, plus a byte-order mark), so a larger file is refused from
  its size alone, before it is read;
- a DOCX is refused from the declared (uncompressed) sizes of the XML parts python-docx
  would parse, read from the zip directory before anything is inflated. Parsing holds
  the whole tree in memory, several times the XML's size, so the limit is what a
  1,000,000-character report takes in verbose Word markup (one run per phrase, each
  with its fonts), not what the zip may hold;
- an HTML page is refused from its size (a saved report page is 20 KB-2 MB; inline
  images can add some): its tree costs the same order of memory as a DOCX part;
- a PDF's text is counted page by page and reading stops once it is too long.

Measured figures are printed by ``bench/bench_robustness.py``.
"""

from __future__ import annotations

from core.errors import DocumentTooLargeError

MB = 1024 * 1024

# Whatever the format, the text we hand on (and the window displays) stays below this.
MAX_TEXT_CHARS = 1_000_000
# No encoding we read spends more than 4 bytes a character (UTF-32 also has a 4-byte BOM):
# a bigger text file surely holds more than MAX_TEXT_CHARS.
MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS + 4
# DOCX/PDF files may carry images; beyond this we do not even read the bytes.
MAX_FILE_BYTES = 200 * MB
# DOCX: the XML parts python-docx parses (document, styles, numbering ...), declared size.
MAX_DOCX_XML_BYTES = 20 * MB
# HTML pages, whose whole text the parser turns into a tree.
MAX_HTML_BYTES = 20 * MB
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


def too_long(chars: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        f"文件的文字内容过多（超过 {chars // 10000} 万字，上限 {MAX_TEXT_CHARS // 10000} 万字），"
        "不像是一份年度报告，请确认选择的文件"
    )


def check_text_length(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise too_long(len(text))
