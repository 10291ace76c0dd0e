"""Word 97-2003 .doc / WPS .wps: the committed LibreOffice files of tests/fixtures/doc.

Each .doc was converted from the DOCX the generators build (README there), so the .doc
must give what the DOCX gives: the same text, the same table grid, the same audit, and the
same audit as the TXT seed it came from.
"""

from __future__ import annotations

import time
from pathlib import Path

import make_formats
import pytest

from core.audit import audit_file
from core.document import read_bytes, read_document
from core.document.doc_text import hidden_ranges, paragraphs
from core.document.model import Document, TableGrid
from core.errors import CorruptDocumentError, EncryptedDocumentError, ReportError, UnsupportedFormatError
from core.forms import extract_table
from tests.fixtures.new_template import make as new_template
from tests.fixtures.new_template.reports import REPORTS

FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCS = FIXTURES / "doc"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
SEED_DOCS = [s for s in SEEDS if (DOCS / f"{s.stem}.doc").is_file()]
NEW_TEMPLATE = ("qingjiang_2022", "transport_2019")


def doc_of(seed: Path) -> Path:
    return DOCS / f"{seed.stem}.doc"


def summary(result) -> tuple:  # type: ignore[no-untyped-def]
    findings = sorted((f.rule, tuple(f.ids), str(f.severity)) for f in result.findings)
    return result.error, result.template_id, result.agency, result.year, findings


def values(doc: Document) -> dict[str, tuple]:
    return {k: (v.raw, v.value) for k, v in extract_table(doc).values.items()}


def flat_cells(doc: Document) -> list[tuple]:
    """Every grid cell (text, exact span, spans, column), tables in order.

    Row numbers are left out: two DOCX tables with nothing between them are one table in
    Word's binary format (Word and LibreOffice join them), so the row count restarts at 0
    in the DOCX and does not in the .doc; the cells and their places in the text agree."""
    return [(c.text, c.span, c.rowspan, c.colspan, c.column) for g in doc.tables for c in g.cells]


def assert_grid_spans_exact(doc: Document) -> None:
    assert doc.tables
    for grid in doc.tables:
        start, end = grid.span
        assert doc.text[start:end].count("\n") == max(c.row for c in grid.cells)
        for cell in grid.cells:
            s, e = cell.span
            assert doc.text[s:e] == cell.text
            assert "\t" not in cell.text and "\n" not in cell.text
            assert start <= s <= e <= end


def grid_rows(grid: TableGrid) -> list[tuple[str, ...]]:
    n_rows = max(c.row for c in grid.cells) + 1
    n_cols = max(c.column + c.colspan for c in grid.cells)
    rows = [[""] * n_cols for _ in range(n_rows)]
    for cell in grid.cells:
        rows[cell.row][cell.column] = cell.text
    return [tuple(r) for r in rows]


@pytest.fixture(scope="module")
def new_template_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("new_template_docx")
    return {key: new_template.make_docx(REPORTS[key], out / f"{key}.docx") for key in NEW_TEMPLATE}


def test_every_seed_has_a_committed_doc() -> None:
    assert [s.name for s in SEED_DOCS] == [s.name for s in SEEDS]


# ------------------------------------------------------------------ seeds: same as DOCX/TXT


@pytest.mark.parametrize("seed", SEED_DOCS, ids=[s.name[:3] for s in SEED_DOCS])
def test_seed_doc_reads_as_its_docx(seed: Path, generated_docs) -> None:
    doc = read_document(doc_of(seed))
    docx = read_document(generated_docs[(seed.name, "docx")])
    assert doc.format == "doc" and doc.source == str(doc_of(seed)) and len(doc.sha256) == 64
    assert doc.text == docx.text
    assert flat_cells(doc) == flat_cells(docx)
    assert_grid_spans_exact(doc)
    rendered = [row for grid in doc.tables for row in grid_rows(grid)]
    for row in make_formats.expected_rows(seed):
        assert row in rendered


@pytest.mark.parametrize("seed", SEED_DOCS, ids=[s.name[:3] for s in SEED_DOCS])
def test_seed_doc_audits_as_the_txt_and_the_docx(seed: Path, generated_docs) -> None:
    doc_path = doc_of(seed)
    result = audit_file(doc_path)
    assert result.error is None and result.template_id is not None
    assert summary(result) == summary(audit_file(seed))
    assert summary(result) == summary(audit_file(generated_docs[(seed.name, "docx")]))
    # every indicator: the same printed text and value as the TXT; the span points at it
    doc = read_document(doc_path)
    assert values(doc) == values(read_document(seed))
    for value in extract_table(doc).values.values():
        if value.span is not None:
            assert doc.text[value.span[0] : value.span[1]] == value.raw


def test_seed_with_two_adjacent_tables_is_one_grid_in_the_doc(generated_docs) -> None:
    seed = SEEDS[4]  # its table changes column layout mid-way: two DOCX tables, back to back
    docx = read_document(generated_docs[(seed.name, "docx")])
    doc = read_document(doc_of(seed))
    assert len(docx.tables) == 2 and len(doc.tables) == 1
    assert doc.tables[0].span == (docx.tables[0].span[0], docx.tables[1].span[1])
    assert grid_rows(doc.tables[0]) == grid_rows(docx.tables[0]) + grid_rows(docx.tables[1])


# ------------------------------------------------------ 2019/2021 forms: merged cells


@pytest.mark.parametrize("key", NEW_TEMPLATE)
def test_new_template_doc_has_the_docx_grid_and_every_cell(key: str, new_template_docx) -> None:
    report = REPORTS[key]
    doc = read_document(DOCS / f"{key}.doc")
    docx = read_document(new_template_docx[key])
    assert doc.text == docx.text
    assert doc.tables == docx.tables  # rowspans, colspans, spans: all of it
    assert_grid_spans_exact(doc)
    merged_down = [c for g in doc.tables for c in g.cells if c.rowspan > 1]
    merged_across = [c for g in doc.tables for c in g.cells if c.colspan > 1]
    assert merged_down and merged_across
    extraction = extract_table(doc)
    assert extraction.template is not None and extraction.template.id == report.version
    for ident, raw in new_template.expected(report).items():
        found = extraction.values[ident]
        assert found.raw == raw, ident
        assert found.span is not None and doc.text[found.span[0] : found.span[1]] == raw, ident
        assert (found.value is None) if raw == "" else (str(found.value) == raw), ident


@pytest.mark.parametrize("key", NEW_TEMPLATE)
def test_new_template_doc_audits_as_the_txt(key: str) -> None:
    result = audit_file(DOCS / f"{key}.doc")
    assert result.error is None
    assert summary(result) == summary(audit_file(FIXTURES / "new_template" / f"{key}.txt"))
    assert values(read_document(DOCS / f"{key}.doc")) == values(read_document(FIXTURES / "new_template" / f"{key}.txt"))


def test_vertical_merge_renders_as_the_docx_reader_does() -> None:
    doc = read_document(DOCS / "qingjiang_2022.doc")
    t3 = next(g for g in doc.tables if any(c.text.startswith("本列数据的勾稽关系") for c in g.cells))
    cells = {(c.row, c.column): c for c in t3.cells}
    head = cells[(0, 0)]
    assert (head.rowspan, head.colspan) == (3, 3)  # the form's corner cell
    assert (1, 0) not in cells and (2, 0) not in cells  # covered positions hold no cell ...
    first_line = doc.text[t3.span[0] :].split("\n")
    assert first_line[1].startswith("\t\t\t自然人")  # ... and render as empty cells
    result_head = next(c for c in t3.cells if c.text == "三、本年度办理结果")
    assert result_head.rowspan > 10 and result_head.colspan == 1


# ------------------------------------------------------------------ fields and characters


def test_features_doc_text() -> None:
    doc = read_document(DOCS / "features.doc")
    assert doc.text.split("\n") == [
        "特殊字符与域测试",
        "一、总体情况",  # automatic numbers, as the DOCX reader prints them
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "1. 细项",
        "二、其他情况",
        "（一）说明",
        "项目符号",  # a bullet is decoration: left out
        "详见政府信息公开专栏。",  # HYPERLINK field: code dropped, result kept
        "附表1为统计表。",  # SEQ field
        "第一行",  # 0x0B line break
        "第二行",
        "联系电话：0951-5062816，政务公开，甲\u00a0乙",  # 0x1E -> "-", 0x1F dropped, 0xA0 kept
        "项目\t说明",
        "生僻字：𠮷𠀀（扩展 B 区）",  # surrogate pairs joined
        "图前图后",  # 0x01 picture anchor dropped
        "分页前",  # 0x0C page break
        "分页后",
        "本年度收到申请15件（修订）。",  # a tracked deletion ("12") is not read, the insertion is
        "统计指标\t单位\t统计数 （本年度）",  # a two-paragraph cell joins with a space
        "一、主动公开情况\t\t",  # merged across
        "（一）主动公开政府信息数\t条\t66",  # typed over a tracked deletion of "65"
        "其中：主动公开规范性文件数\t\t2",  # the unit merged down from the row above
        "（二）回应解读情况\t次\t",  # a hyperlink field in a cell; an empty cell
        "表后段落。",
        "外框中的标题",  # a layout table: read as paragraphs ...
        "收到申请数\t12",  # ... its nested table as a table
        "办结数\t11",
        "",
        "外框中的说明",
        "结束。",
    ]
    assert "HYPERLINK" not in doc.text and "SEQ" not in doc.text


def test_tracked_deletions_are_in_the_file_but_not_in_the_text() -> None:
    import io

    import olefile

    from core.document.doc_pieces import main_text, parse_clx, parse_fib, table_slice

    ole = olefile.OleFileIO(io.BytesIO((DOCS / "features.doc").read_bytes()))
    word = ole.openstream("WordDocument").read()
    fib = parse_fib(word)
    table = ole.openstream(fib.table_stream).read()
    raw = main_text(word, parse_clx(table_slice(table, fib.clx, "")), fib.ccp_text)
    assert "申请1215件" in raw and "6566" in raw  # deleted and inserted text, side by side
    text = read_document(DOCS / "features.doc").text
    assert "申请15件" in text and "1215" not in text and "6566" not in text


def test_features_doc_grid() -> None:
    doc = read_document(DOCS / "features.doc")
    assert_grid_spans_exact(doc)
    stats, nested = doc.tables
    cells = {(c.row, c.column): c for c in stats.cells}
    assert cells[(1, 0)].colspan == 3 and (1, 1) not in cells
    assert cells[(2, 1)].text == "条" and cells[(2, 1)].rowspan == 2 and (3, 1) not in cells
    assert cells[(4, 2)].text == "" and cells[(4, 2)].span[0] == cells[(4, 2)].span[1]
    assert grid_rows(nested) == [("收到申请数", "12"), ("办结数", "11")]


def test_features_doc_matches_its_docx(tmp_path: Path) -> None:
    docx = read_document(_fixture_make().features_docx(tmp_path / "features.docx"))
    doc = read_document(DOCS / "features.doc")
    assert doc.text == docx.text and doc.tables == docx.tables


def _fixture_make():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("doc_fixtures_make", DOCS / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_text_box_is_read_where_it_is_anchored(tmp_path: Path) -> None:
    doc = read_document(DOCS / "textbox.doc")
    docx = read_document(_fixture_make().textbox_docx(tmp_path / "textbox.docx"))
    assert doc.text == docx.text == "正文第一段：本机关全年主动公开政府信息66条。\n\n文本框中的说明文字\n\n正文第二段。"
    assert doc.notes == ()


def test_text_box_that_cannot_be_placed_is_noted() -> None:
    import io
    import struct

    import olefile

    from core.document.doc_pieces import parse_clx, parse_fib, table_slice
    from core.document.doc_textboxes import read_textboxes

    ole = olefile.OleFileIO(io.BytesIO((DOCS / "textbox.doc").read_bytes()))
    word = ole.openstream("WordDocument").read()
    fib = parse_fib(word)
    table = bytearray(ole.openstream(fib.table_stream).read())
    pieces = parse_clx(table_slice(bytes(table), fib.clx, ""))
    assert read_textboxes(word, bytes(table), fib, pieces).by_anchor
    offset, length = fib.plc_spa  # every shape id changed: no box pairs with an anchor
    n = (length - 4) // 30
    for i in range(n):
        at = offset + 4 * (n + 1) + 26 * i
        table[at : at + 4] = struct.pack("<i", 999_000 + i)
    boxes = read_textboxes(word, bytes(table), fib, pieces)
    assert boxes.by_anchor == {} and boxes.unplaced


def test_compressed_and_unicode_pieces_make_one_text() -> None:
    """Word writes runs of cp1252-only text as 8-bit "compressed" pieces (fc flagged 0x40000000,
    stored at fc/2); LibreOffice never does, so the piece table is built here ([MS-DOC] 2.9.38)."""
    import struct

    from core.document.doc_pieces import main_text, parse_clx

    word = bytearray(64)
    word[16:24] = b"Page \x93A\x94"  # cp1252: curly quotes at 0x93/0x94
    chinese = "第二页。\r".encode("utf-16-le")
    word[32 : 32 + len(chinese)] = chinese
    cps = struct.pack("<3i", 0, 8, 13)
    pcds = struct.pack("<HIH", 0, 0x40000000 | (16 * 2), 0) + struct.pack("<HIH", 0, 32, 0)
    plc = cps + pcds
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    assert main_text(bytes(word), parse_clx(clx), 13) == "Page \u201cA\u201d第二页。\r"


def test_unpaired_surrogate_becomes_a_replacement_character() -> None:
    assert [p.text for p in paragraphs("甲\ud800乙\r")] == ["甲\ufffd乙"]


def test_nested_fields_keep_only_the_outer_result() -> None:
    # Not producible with LibreOffice: an IF field whose code holds a field, whose result
    # holds a field. Text and marks as Word stores them (CPs = string positions).
    text = "前\x13 IF \x13 PAGE \x141\x15 = 1 \x14结果\x13 REF a \x14甲\x15\x15后\r未闭合\x13代码\r"
    assert [p.text for p in paragraphs(text)] == ["前结果甲后", "未闭合代码"]
    assert hidden_ranges("a\x15b\x14c") == [(1, 2), (3, 4)]  # strays hide only themselves


def test_paragraph_mark_inside_a_field_code_still_ends_the_paragraph() -> None:
    paras = paragraphs("甲\x13 TOC \r \\o \x14目录\r第一章\x15乙\r")
    assert [(p.text, p.cp) for p in paras] == [("甲", 7), ("目录", 15), ("第一章乙", 21)]


def test_sprm_t_vert_merge_overrides_the_tc80_flags() -> None:
    """LibreOffice states vertical merges in sprmTDefTable's TC80 flags only; Word may add
    sprmTVertMerge (itc, flags) after it. Operands as [MS-DOC] 2.6.4 lays them out."""
    import struct

    from core.document.doc_props import ParaProps, apply_sprms
    from core.document.doc_tables import Row, _vert_merge

    def tc80(vert: int) -> bytes:
        return struct.pack("<H", vert << 5) + b"\0" * 18

    boundaries = struct.pack("<4h", 0, 1000, 2000, 3000)
    operand = bytes([3]) + boundaries + tc80(3) + tc80(1) + tc80(0)
    grpprl = struct.pack("<HH", 0xD608, len(operand) + 1) + operand  # cb counts itself + 1
    grpprl += struct.pack("<H", 0xD62B) + bytes([2, 2, 3])  # cell 2 starts a merge
    grpprl += struct.pack("<H", 0xD62B) + bytes([2, 1, 0])  # cell 1 is not merged after all
    grpprl += struct.pack("<HB", 0x2417, 1)  # sprmPFTtp after the variable-length ones
    props = ParaProps()
    apply_sprms(props, grpprl)
    assert props.ttp and props.row is not None and props.row.boundaries == (0, 1000, 2000, 3000)
    row = Row([], props.row, dict(props.vert_merges))
    assert [_vert_merge(row, k) for k in range(3)] == [3, 0, 3]


def test_old_style_horizontal_merge_becomes_one_wide_cell() -> None:
    """Word 97 merges cells across by flagging them (TC80 horzMerge 1 = first, 2/3 = merged
    into it); the merged cells keep their own (empty) cell marks. One cell, colspan 3."""
    from core.document.builder import TextBuilder
    from core.document.doc_props import CellProps, RowProps
    from core.document.doc_tables import Cell, Row, Table, render

    edges = (0, 1000, 2000, 3000)
    plain = RowProps(edges, (CellProps(), CellProps(), CellProps()))
    merged = RowProps(edges, (CellProps(horz_merge=1), CellProps(horz_merge=2), CellProps(horz_merge=3)))
    table = Table([
        Row([Cell(["统计指标"]), Cell(["单位"]), Cell(["统计数"])], plain),
        Row([Cell(["一、主动公开情况"]), Cell([""]), Cell([""])], merged),
        Row([Cell(["（一）主动公开政府信息数"]), Cell(["条"]), Cell(["66"])], plain),
    ])
    builder = TextBuilder()
    render([table], builder)
    assert builder.text.split("\n") == ["统计指标\t单位\t统计数", "一、主动公开情况\t\t", "（一）主动公开政府信息数\t条\t66"]
    section = [c for c in builder.tables[0].cells if c.row == 1]
    assert [(c.column, c.colspan, c.text) for c in section] == [(0, 3, "一、主动公开情况")]


# ---------------------------------------------------------------------------- .wps


def test_wps_saved_in_word_format_reads_as_doc() -> None:
    wps = read_document(DOCS / f"{SEEDS[2].stem}.wps")
    doc = read_document(DOCS / f"{SEEDS[2].stem}.doc")
    assert wps.format == "doc" and wps.text == doc.text and wps.tables == doc.tables
    assert summary(audit_file(DOCS / f"{SEEDS[2].stem}.wps")) == summary(audit_file(SEEDS[2]))


def test_doc_under_a_docx_name_is_read_as_doc() -> None:
    data = doc_of(SEEDS[1]).read_bytes()
    assert read_bytes(data, "renamed.docx").format == "doc"
    assert read_bytes(data, "no-extension").format == "doc"


# ---------------------------------------------------------------------------- bad files


def assert_clear(err: ReportError) -> None:
    message = str(err)
    assert message and "\n" not in message and "Traceback" not in message and "Error" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def _fib_offset(data: bytes) -> int:
    """Where the WordDocument stream (which starts with the FIB) lies in the file."""
    import io

    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    entry = ole.direntries[ole._find("WordDocument")]
    assert entry.size >= ole.minisectorcutoff  # a regular stream: sectors in file order
    return (entry.isectStart + 1) * ole.sectorsize


def test_password_protected_doc() -> None:
    with pytest.raises(EncryptedDocumentError) as caught:
        read_document(DOCS / "locked.doc")
    assert_clear(caught.value)
    assert "密码" in str(caught.value)


def test_obfuscated_doc_is_refused_as_encrypted() -> None:
    data = bytearray(doc_of(SEEDS[2]).read_bytes())
    flags = _fib_offset(bytes(data)) + 0x0A
    data[flags + 1] |= 0x80  # fObfuscated (XOR obfuscation), fEncrypted left clear
    with pytest.raises(EncryptedDocumentError) as caught:
        read_bytes(bytes(data), "xor.doc")
    assert "密码" in str(caught.value)


def test_truncated_doc() -> None:
    with pytest.raises(CorruptDocumentError) as caught:
        read_document(DOCS / "truncated.doc")
    assert_clear(caught.value)
    assert "不完整" in str(caught.value) and "截断" in str(caught.value)


@pytest.mark.parametrize("fraction", [0.01, 0.2, 0.5, 0.8, 0.99])
def test_doc_cut_anywhere_is_a_clear_error(fraction: float) -> None:
    data = doc_of(SEEDS[0]).read_bytes()
    with pytest.raises(CorruptDocumentError) as caught:
        read_bytes(data[: int(len(data) * fraction)], "cut.doc")
    assert_clear(caught.value)


@pytest.mark.parametrize("name", ["report.doc", "report.wps", "report.docx"])
def test_excel_workbook_renamed(name: str) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_bytes((DOCS / "excel_renamed.doc").read_bytes(), name)
    assert_clear(caught.value)
    assert "Excel" in str(caught.value) and ".docx" in str(caught.value)


def _rename_word_stream(data: bytes, new_name: str) -> bytes:
    """The seed .doc with its WordDocument directory entry renamed (same tree, same sizes)."""
    name = "WordDocument".encode("utf-16-le")
    at = data.index(name + b"\0\0")  # the directory entry: name, then its byte length at +64
    encoded = new_name.encode("utf-16-le")
    patched = bytearray(data)
    patched[at : at + 26] = encoded.ljust(26, b"\0")
    patched[at + 64 : at + 66] = (len(encoded) + 2).to_bytes(2, "little")
    return bytes(patched)


@pytest.mark.parametrize(
    "stream, name, expected",
    [
        ("CONTENTS", "old.wps", "不是 Word 兼容格式"),  # Microsoft Works' main stream under .wps
        ("WpsBody", "old.wps", "不是 Word 兼容格式"),  # any other OLE file under .wps
        ("CONTENTS", "old.doc", "Microsoft Works"),
        ("WpsBody", "old.doc", "没有 Word 正文"),
    ],
)
def test_ole_file_without_word_text(stream: str, name: str, expected: str) -> None:
    data = _rename_word_stream(doc_of(SEEDS[2]).read_bytes(), stream)
    with pytest.raises(UnsupportedFormatError) as caught:
        read_bytes(data, name)
    assert_clear(caught.value)
    assert expected in str(caught.value) and ".docx" in str(caught.value)


def test_word95_fib_is_refused_with_a_reason() -> None:
    data = bytearray(doc_of(SEEDS[2]).read_bytes())
    at = _fib_offset(bytes(data))
    data[at + 2 : at + 4] = (0x68).to_bytes(2, "little")  # nFib of Word 95
    with pytest.raises(UnsupportedFormatError) as caught:
        read_bytes(bytes(data), "old.doc")
    assert "Word 6.0/95" in str(caught.value)


def test_declared_text_length_beyond_the_limit_is_refused_before_decoding() -> None:
    from core.errors import DocumentTooLargeError

    data = bytearray(doc_of(SEEDS[2]).read_bytes())
    at = _fib_offset(bytes(data)) + 0x4C  # FibRgLw97.ccpText
    data[at : at + 4] = (50_000_000).to_bytes(4, "little")
    start = time.perf_counter()
    with pytest.raises(DocumentTooLargeError):
        read_bytes(bytes(data), "huge.doc")
    assert time.perf_counter() - start < 1


def test_declared_stream_larger_than_the_file_is_refused() -> None:
    data = bytearray(doc_of(SEEDS[2]).read_bytes())
    name = "WordDocument".encode("utf-16-le") + b"\0\0"
    at = data.index(name)
    data[at + 120 : at + 124] = (len(data) * 4).to_bytes(4, "little")  # the entry's stream size
    with pytest.raises(CorruptDocumentError) as caught:
        read_bytes(bytes(data), "liar.doc")
    assert_clear(caught.value)


# -------------------------------------------------------------------------------- speed


def test_seed_doc_reads_fast() -> None:
    path = doc_of(SEEDS[0])  # the largest seed
    read_document(path)  # warm: olefile import
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        read_document(path)
        timings.append(time.perf_counter() - start)
    assert sorted(timings)[2] < 0.1
