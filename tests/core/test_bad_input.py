"""Bad input: every case ends in one clear Chinese ReportError, quickly, never a traceback."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import make_formats
import pytest

from core.document import read_bytes, read_document
from core.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ReportError,
    ScannedPdfError,
    UnsupportedFormatError,
)
from core.forms import extract_table

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_clear_message(err: ReportError) -> None:
    message = str(err)
    assert message and "\n" not in message
    assert CJK.search(message), message
    assert "Traceback" not in message and "Error" not in message


def expect(error: type[ReportError], data: bytes, name: str) -> ReportError:
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        read_bytes(data, name)
    assert time.perf_counter() - start < 5, "bad input must fail fast"
    assert_clear_message(caught.value)
    return caught.value


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf", ".html", ".htm"])
def test_empty_file(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocumentError) as caught:
        read_document(path)
    assert_clear_message(caught.value)


@pytest.mark.parametrize(
    "data,name",
    [
        (b"  \r\n\t\n\xe3\x80\x80\n", "blank.txt"),  # spaces, newlines, an ideographic space
        (b"\xef\xbb\xbf\n\n", "bom-only.txt"),
        (b"<html><head><script>var a = 1;</script><style>p{}</style></head><body> </body></html>", "noise.html"),
    ],
)
def test_nothing_but_whitespace_or_noise(data: bytes, name: str) -> None:
    expect(EmptyDocumentError, data, name)


def test_docx_with_no_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    expect(EmptyDocumentError, out.getvalue(), "blank.docx")


@pytest.mark.parametrize("name", ["garbage.txt", "garbage.md", "garbage.docx", "garbage.pdf"])
def test_binary_garbage(name: str) -> None:
    data = bytes((i * 7919 + 13) % 256 for i in range(4096))  # fixed pseudo-random bytes
    expect(CorruptDocumentError, data, name)


def test_binary_with_nul_bytes_is_not_text() -> None:
    data = b"\x7fELF\x02\x01\x01" + b"\x00" * 200 + bytes(range(256)) * 4
    expect(CorruptDocumentError, data, "program.txt")


@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.95])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_truncated_docx_and_pdf(fmt: str, fraction: float, generated_docs) -> None:
    data = generated_docs[(SEEDS[0].name, fmt)].read_bytes()
    expect(CorruptDocumentError, data[: int(len(data) * fraction)], f"cut.{fmt}")


def test_docx_entry_damaged_inside_the_zip(generated_docs) -> None:
    data = bytearray(generated_docs[(SEEDS[1].name, "docx")].read_bytes())
    # Damage the compressed body of word/document.xml but keep the zip directory intact.
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    body = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(body + 20, body + 60):
        data[k] ^= 0x5A
    expect(CorruptDocumentError, bytes(data), "damaged.docx")


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_formats.make_pdf(SEEDS[2], tmp_path / "locked.pdf", password="123456")
    err = expect(EncryptedDocumentError, path.read_bytes(), "locked.pdf")
    assert "密码" in str(err)


def test_encrypted_docx_ole_container(tmp_path: Path) -> None:
    path = make_formats.make_encrypted_docx(tmp_path / "locked.docx")
    assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    err = expect(EncryptedDocumentError, path.read_bytes(), "locked.docx")
    assert "密码" in str(err)


def test_scanned_pdf_without_the_ocr_addon_says_how_to_add_it(tmp_path: Path, monkeypatch) -> None:
    from core.document import ocr

    empty = tmp_path / "no-addon"
    empty.mkdir()
    monkeypatch.setenv(ocr.ADDON_ENV, str(empty))  # only this folder is searched
    monkeypatch.setattr(ocr, "_ENGINE", None)
    path = make_formats.make_scanned_pdf(tmp_path / "scan.pdf")
    err = expect(ScannedPdfError, path.read_bytes(), "scan.pdf")
    assert str(err) == (
        f"该 PDF 为扫描件，需要安装“文字识别组件”：把 {ocr.addon_zip_name()} 解压到程序所在文件夹，重新打开本报告"
    )


def test_partly_scanned_pdf_reads_text_pages_and_says_which_are_not(tmp_path: Path, monkeypatch) -> None:
    from core.document import ocr

    monkeypatch.setenv(ocr.ADDON_ENV, str(tmp_path))  # no engine: the picture page stays unread
    monkeypatch.setattr(ocr, "_ENGINE", None)
    from reportlab.pdfgen import canvas

    make_formats._register_font()
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(make_formats.FONT_NAME, 12)
    c.drawString(72, 700, "政府信息公开工作年度报告（第一页有文字）")
    c.showPage()
    c.rect(72, 72, 400, 600, fill=1)  # a page that is only a picture
    c.showPage()
    c.save()
    doc = read_document(path)
    assert doc.pages == 2
    assert doc.text == "政府信息公开工作年度报告（第一页有文字）"
    assert len(doc.notes) == 1 and "第 2 页" in doc.notes[0]


def test_zip_bomb_docx_is_refused_before_inflating(generated_docs, tmp_path: Path) -> None:
    bomb = make_formats.make_zip_bomb_docx(generated_docs[(SEEDS[2].name, "docx")], tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 1024 * 1024  # 40 MB of XML packed into a small file
    start = time.perf_counter()
    with pytest.raises(DocumentTooLargeError) as caught:
        read_document(bomb)
    assert time.perf_counter() - start < 0.5
    assert_clear_message(caught.value)


def test_docx_inflating_past_the_total_limit_is_refused(generated_docs, monkeypatch) -> None:
    import core.document.docx_limits as docx_limits

    # Same check as the 200 MB limit, at a scale a test can afford: a 2 MB limit and
    # 3 MB of incompressible parts (no single part looks like a bomb).
    monkeypatch.setattr(docx_limits, "MAX_UNZIPPED_BYTES", 2 * 1024 * 1024)
    source = generated_docs[(SEEDS[2].name, "docx")].read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for k in range(3):
            dst.writestr(f"word/media/photo{k}.jpg", os.urandom(1024 * 1024))
    expect(DocumentTooLargeError, out.getvalue(), "heavy.docx")
    monkeypatch.undo()
    assert read_bytes(out.getvalue(), "heavy.docx").format == "docx"  # fine at the real limit


def test_50_mb_text_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = "（一）主动公开政府信息数\t条\t66\n".encode()
    with path.open("wb") as handle:
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    start = time.perf_counter()
    with pytest.raises(DocumentTooLargeError) as caught:
        read_document(path)
    assert time.perf_counter() - start < 0.5  # decided from the size, nothing decoded
    assert_clear_message(caught.value)


def test_text_just_under_the_byte_limit_but_over_the_character_limit() -> None:
    data = ("统计" * 3_000_000).encode("utf-16-le")  # 12 MB of bytes, 6 million characters
    expect(DocumentTooLargeError, b"\xff\xfe" + data, "long.txt")


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_broken_word97_and_wps_files_say_so(name: str) -> None:
    # Word 97-2003 files are read (tests/core/test_doc_reader.py); an OLE header over
    # zeros is a damaged one, and the message still offers the way out.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048
    err = expect(CorruptDocumentError, ole, name)
    assert "损坏" in str(err) and "另存为" in str(err) and ".docx" in str(err)


def test_doc_and_wps_that_are_not_ole_files() -> None:
    err = expect(CorruptDocumentError, b"plain bytes that are not OLE", "report.doc")
    assert "不是有效的 Word 97-2003 文档" in str(err) and "另存为" in str(err)
    # WPS's own formats (before WPS 2005) are not OLE files: not Word-compatible
    err = expect(UnsupportedFormatError, b"plain bytes that are not OLE", "report.wps")
    assert "不是 Word 兼容格式" in str(err) and "另存为" in str(err)


def _xlsx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize(
    "data,name",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, "table.xls"),
        (_xlsx_bytes(), "table.xlsx"),
        (_xlsx_bytes(), "disguised.docx"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "scan.jpg"),
        (b"{\\rtf1\\ansi report}", "report.rtf"),
        ("年度报告".encode(), "report.odt"),
        ("年度报告".encode(), "report"),
    ],
)
def test_unsupported_formats_name_the_accepted_ones(data: bytes, name: str) -> None:
    err = expect(UnsupportedFormatError, data, name)
    assert ".docx" in str(err)


def test_pdf_without_header_and_docx_that_is_not_a_zip() -> None:
    expect(CorruptDocumentError, "一份文本".encode(), "fake.pdf")
    expect(CorruptDocumentError, "一份文本".encode(), "fake.docx")


def test_report_without_a_table_is_not_a_reader_error() -> None:
    text = "某某局2018年政府信息公开工作年度报告\n\n本年度主动公开政府信息120条。\n"
    doc = read_bytes(text.encode("gb18030"), "no-table.txt")
    assert doc.text == text.rstrip("\n") or doc.text == text
    assert extract_table(doc).template is None


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for target in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(ReportError) as caught:
            read_document(target)
        assert_clear_message(caught.value)


def test_text_mentioning_the_pdf_header_is_still_text() -> None:
    doc = read_bytes("说明：文件头应为 %PDF-1.7，本文件是文本。".encode(), "note.txt")
    assert doc.format == "txt"


def test_pdf_header_after_junk_is_found() -> None:
    with pytest.raises(ReportError):  # junk + a header + nothing: a damaged PDF, not text
        read_bytes(b"\x00junk\n%PDF-1.4\n", "odd.pdf")


def test_pdf_reads_are_serialised_across_threads(generated_docs) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = generated_docs[(SEEDS[2].name, "pdf")]
    expected = read_document(path).text
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda _: read_document(path).text, range(8)))
    assert texts == [expected] * 8


def test_macro_enabled_word_file_named_docx(generated_docs) -> None:
    source = generated_docs[(SEEDS[2].name, "docx")].read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
                assert b"macroEnabled" in data
            dst.writestr(info, data)
    err = expect(UnsupportedFormatError, out.getvalue(), "macro.docx")
    assert "另存为" in str(err)


def test_html_table_with_absurd_spans_stays_fast() -> None:
    row = '<tr><td rowspan="9999" colspan="9999">甲</td><td>1</td></tr>'
    page = f"<html><body><table>{row * 3000}</table></body></html>"
    start = time.perf_counter()
    doc = read_bytes(page.encode(), "spans.html")
    assert time.perf_counter() - start < 5
    assert doc.text.split("\n")[0] == "甲\t1"


def test_docx_with_absurd_grid_spans_stays_fast() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
    row = f"<w:tr>{cell * 400}</w:tr>"  # 25,600 grid columns if the spans were honoured
    document.element.body.insert(0, parse_xml(f"<w:tbl {nsdecls('w')}>{row * 50}</w:tbl>"))
    out = io.BytesIO()
    document.save(out)
    start = time.perf_counter()
    doc = read_bytes(out.getvalue(), "wide.docx")
    assert time.perf_counter() - start < 5
    assert doc.text.split("\n")[0] == "\t".join(["甲"] * 400)
