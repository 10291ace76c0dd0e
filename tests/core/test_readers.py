"""Document readers on the real seeds and on DOCX/PDF/HTML versions generated from them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import make_formats
import pytest

from core.audit import audit_file
from core.document import SUPPORTED_SUFFIXES, read_bytes, read_document
from core.document.model import Document, TableGrid
from core.forms import extract_table

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
SEED_IDS = [s.name[:3] for s in SEEDS]


def seed_text(seed: Path) -> str:
    return seed.read_bytes().decode("utf-8").replace("\r\n", "\n")


def title_of(seed: Path) -> str:
    """The report's own title line (the first line naming the annual report)."""
    for line in seed_text(seed).split("\n"):
        if "年度报告" in line:
            return re.sub(r"[#*\s]+", "", line)
    raise AssertionError("seed without a title")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lines_of(doc: Document, strip_trailing_tabs: bool = False) -> list[str]:
    lines = doc.text.split("\n")
    return [line.rstrip("\t") for line in lines] if strip_trailing_tabs else lines


def assert_grid_spans_exact(doc: Document) -> None:
    assert doc.tables, "a real table must be reported as a TableGrid"
    for grid in doc.tables:
        start, end = grid.span
        assert doc.text[start:end].count("\n") == max(c.row for c in grid.cells)
        for cell in grid.cells:
            s, e = cell.span
            assert doc.text[s:e] == cell.text
            assert "\t" not in cell.text and "\n" not in cell.text
            assert start <= s <= e <= end


def grid_rows(grid: TableGrid) -> list[tuple[str, ...]]:
    """Rows of a grid as the text renders them (covered positions are empty)."""
    n_rows = max(c.row for c in grid.cells) + 1
    n_cols = max(c.column + c.colspan for c in grid.cells)
    rows = [[""] * n_cols for _ in range(n_rows)]
    for cell in grid.cells:
        rows[cell.row][cell.column] = cell.text
    return [tuple(r) for r in rows]


# ----------------------------------------------------------------------------- text


def test_supported_suffixes_are_the_documented_ones() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm"}


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_txt_reads_exactly(seed: Path) -> None:
    doc = read_document(seed)
    assert doc.text == seed_text(seed).rstrip("\n") or doc.text == seed_text(seed)
    assert doc.format == "txt"
    assert doc.encoding == "UTF-8"
    assert doc.source == str(seed)
    assert len(doc.sha256) == 64


ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-8-bom": lambda t: t.encode("utf-8-sig"),
    "utf-16le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16le-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-16be-no-bom": lambda t: t.encode("utf-16-be"),
    "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-cr": lambda t: t.replace("\n", "\r").encode("gb18030"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_every_encoding_gives_identical_text(seed: Path, encoding: str, tmp_path: Path) -> None:
    expected = read_document(seed).text
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(ENCODINGS[encoding](expected))
    doc = read_document(path)
    assert doc.text == expected
    assert "\ufeff" not in doc.text and "\r" not in doc.text


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_gbk_seed_reads_identically(seed: Path, tmp_path: Path) -> None:
    # GBK lacks a few characters the seeds contain (e.g. U+00A0): compare with what GBK keeps.
    expected = read_document(seed).text.encode("gbk", errors="replace").decode("gbk")
    path = tmp_path / "report.txt"
    path.write_bytes(expected.encode("gbk"))
    doc = read_document(path)
    assert doc.text == expected
    assert doc.encoding == "GB18030"


def test_utf8_with_one_stray_byte_stays_utf8() -> None:
    text = read_document(SEEDS[0]).text
    data = text.encode("utf-8")
    cut = data.index("统计".encode())  # between two characters
    doc = read_bytes(data[:cut] + b"\xff" + data[cut:], "stray.txt")
    assert doc.encoding == "UTF-8"
    assert title_of(SEEDS[0]) in squeeze(doc.text)
    assert doc.text.count("\ufffd") == 1 and len(doc.notes) == 1 and "1 处" in doc.notes[0]
    assert not read_document(SEEDS[0]).notes


def test_markdown_reads_as_text() -> None:
    doc = read_bytes("# 标题\n\n| 统计指标 | 单位 | 统计数 |\n".encode(), "r.md")
    assert doc.format == "txt"
    assert doc.text.startswith("# 标题")


# -------------------------------------------------------------------- generated formats

FORMATS = ("docx", "pdf", "html", "html-utf8")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_generated_format_carries_title_and_every_table_row(seed: Path, fmt: str, generated_docs) -> None:
    doc = read_document(generated_docs[(seed.name, fmt)])
    assert doc.format == fmt.split("-")[0]
    assert title_of(seed) in squeeze(doc.text)
    pdf = fmt == "pdf"
    lines = set(lines_of(doc, strip_trailing_tabs=pdf))
    for row in make_formats.expected_rows(seed):
        line = "\t".join(row)
        assert (line.rstrip("\t") if pdf else line) in lines, f"row missing: {line!r}"


@pytest.mark.parametrize("fmt", ("docx", "html", "html-utf8"))
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_table_grid_spans_are_exact(seed: Path, fmt: str, generated_docs) -> None:
    doc = read_document(generated_docs[(seed.name, fmt)])
    assert_grid_spans_exact(doc)
    rendered = [row for grid in doc.tables for row in grid_rows(grid)]
    for row in make_formats.expected_rows(seed):
        assert row in rendered


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_docx_merged_section_rows_appear_once(seed: Path, generated_docs) -> None:
    doc = read_document(generated_docs[(seed.name, "docx")])
    spans = [c for grid in doc.tables for c in grid.cells if c.colspan > 1]
    section_rows = [r for r in make_formats.expected_rows(seed) if len(r) > 1 and r[0] and not any(r[1:])]
    assert len(spans) == len(section_rows)  # the generator merges exactly those rows
    for cell in spans:
        line_start = doc.text.rfind("\n", 0, cell.span[0]) + 1
        line_end = doc.text.find("\n", cell.span[1])
        line = doc.text[line_start : line_end if line_end >= 0 else None]
        assert line == cell.text + "\t" * (cell.colspan - 1)


def test_docx_ignores_header_and_footer(generated_docs) -> None:
    doc = read_document(generated_docs[(SEEDS[0].name, "docx")])
    assert "不属于正文" not in doc.text


def test_html_drops_script_style_and_navigation(generated_docs) -> None:
    doc = read_document(generated_docs[(SEEDS[0].name, "html")])
    assert "不属于正文" not in doc.text  # every piece of noise the generator adds says so
    assert "font-family" not in doc.text
    assert doc.encoding == "GB18030"
    assert read_document(generated_docs[(SEEDS[0].name, "html-utf8")]).encoding == "UTF-8"


def test_html_header_rowspan_is_recorded(generated_docs) -> None:
    doc = read_document(generated_docs[(SEEDS[2].name, "html")])
    first = doc.tables[0] if "统计" in doc.tables[0].cells[0].text else next(
        g for g in doc.tables if "统计" in g.cells[0].text
    )
    head = [c for c in first.cells if c.row == 0]
    assert [c.rowspan for c in head] == [2, 2, 1]
    second = [c for c in first.cells if c.row == 1]
    assert [(c.column, c.text) for c in second] == [(2, "本年度")]
    line = doc.text[first.span[0] :].split("\n")[1]
    assert line == "\t\t本年度"


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_pdf_pages_and_page_breaks(seed: Path, generated_docs) -> None:
    doc = read_document(generated_docs[(seed.name, "pdf")])
    assert doc.pages is not None and doc.pages >= 2
    assert doc.text.count("\n\n") >= doc.pages - 1  # a blank line between pages
    assert not doc.tables  # PDF tables are text rows, not grids


def test_content_decides_over_extension(generated_docs) -> None:
    docx = generated_docs[(SEEDS[1].name, "docx")].read_bytes()
    pdf = generated_docs[(SEEDS[1].name, "pdf")].read_bytes()
    html = generated_docs[(SEEDS[1].name, "html")].read_bytes()
    assert read_bytes(docx, "report.pdf").format == "docx"
    assert read_bytes(pdf, "report.docx").format == "pdf"
    assert read_bytes(html, "exported.doc").format == "html"  # web "Word" files are HTML
    assert read_bytes(pdf, "no-extension").format == "pdf"


# ------------------------------------------------------------- hand-built edge layouts


def _docx_with_merges() -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=3, cols=3)
    values = [["统计指标", "单位", "统计数"], ["一、主动公开情况", "", ""], ["（一）主动公开数", "条", "66"]]
    for row, texts in zip(table.rows, values):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    table.cell(1, 0).merge(table.cell(1, 2))  # gridSpan
    a = table.cell(0, 2)
    a.add_paragraph("（本年度）")  # a two-paragraph cell
    # a vertical merge: the unit of row 2 continues down into a new row 3
    new_row = table.add_row()
    new_row.cells[0].text = "其中：规范性文件数"
    new_row.cells[2].text = "2"
    table.cell(2, 1).merge(table.cell(3, 1))
    # a content control around a paragraph after the table
    body = document.element.body
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>控件中的文字</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    body.insert(len(body) - 1, sdt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_grid_span_vmerge_and_content_controls() -> None:
    doc = read_bytes(_docx_with_merges(), "merged.docx")
    assert doc.text.split("\n") == [
        "前言",
        "统计指标\t单位\t统计数 （本年度）",
        "一、主动公开情况\t\t",
        "（一）主动公开数\t条\t66",
        "其中：规范性文件数\t\t2",
        "控件中的文字",
    ]
    assert_grid_spans_exact(doc)
    cells = {(c.row, c.column): c for c in doc.tables[0].cells}
    assert cells[(1, 0)].colspan == 3
    assert cells[(2, 1)].rowspan == 2 and (3, 1) not in cells


def test_docx_nested_table_is_read_as_content() -> None:
    import docx

    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "外框中的标题"
    inner = cell.add_table(rows=2, cols=2)
    for r, texts in enumerate([["统计指标", "统计数"], ["收到申请数", "12"]]):
        for c, text in enumerate(texts):
            inner.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    doc = read_bytes(out.getvalue(), "nested.docx")
    assert doc.text.split("\n") == ["外框中的标题", "统计指标\t统计数", "收到申请数\t12"]
    assert_grid_spans_exact(doc)


HTML_SPANS = """<html><head><meta charset="gbk"><title>不显示</title></head><body>
<p>　　正文第一段，网站发布信息 66 条。</p>
<table><tr><th rowspan="2">统计指标</th><th colspan="2">统计数</th></tr>
<tr><th>本年</th><th>上年</th></tr>
<tr><td colspan="3">一、主动公开情况</td></tr>
<tr><td rowspan="2">（一）收到申请数</td><td>12</td><td>10</td></tr>
<tr><td>3</td><td><p>1</p><p>2</p></td></tr>
</table><div>结尾&nbsp;&nbsp;文字<br>第二行</div></body></html>"""


def test_html_rowspan_colspan_grid() -> None:
    doc = read_bytes(HTML_SPANS.encode("gbk"), "spans.html")
    assert doc.text.split("\n") == [
        "正文第一段，网站发布信息 66 条。",
        "统计指标\t统计数\t",
        "\t本年\t上年",
        "一、主动公开情况\t\t",
        "（一）收到申请数\t12\t10",
        "\t3\t1 2",  # two paragraphs in a cell never glue into "12"
        "结尾 文字",
        "第二行",
    ]
    assert_grid_spans_exact(doc)
    cells = {(c.row, c.column): c for c in doc.tables[0].cells}
    assert (cells[(0, 0)].rowspan, cells[(0, 1)].colspan) == (2, 2)
    assert cells[(3, 0)].rowspan == 2 and (4, 0) not in cells


def test_html_charset_fallbacks() -> None:
    body = "<html><body><p>政府信息公开工作年度报告</p></body></html>"
    no_meta_gbk = read_bytes(body.encode("gbk"), "a.htm")
    assert no_meta_gbk.text == "政府信息公开工作年度报告" and no_meta_gbk.encoding == "GB18030"
    lying_meta = body.replace("<html>", '<html><meta charset="gb2312">').encode("utf-8")
    assert read_bytes(lying_meta, "b.html").text == "政府信息公开工作年度报告"
    latin_meta = body.replace("<html>", '<html><meta charset="iso-8859-1">').encode("gbk")
    assert read_bytes(latin_meta, "c.html").text == "政府信息公开工作年度报告"
    xml_declared = ('<?xml version="1.0" encoding="gb2312"?>' + body).encode("gbk")
    assert read_bytes(xml_declared, "d.html").text == "政府信息公开工作年度报告"


def test_pdf_turned_page_and_watermark_read_upright(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    make_formats._register_font()
    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.saveState()
    c.translate(300, 400)
    c.rotate(45)
    c.setFont(make_formats.FONT_NAME, 40)
    c.drawString(0, 0, "水印仅供参考")
    c.restoreState()
    c.saveState()
    c.translate(500, 100)
    c.rotate(90)  # a landscape table printed on a portrait page
    c.setFont(make_formats.FONT_NAME, 10)
    for k, (label, unit, value) in enumerate([("统计指标", "单位", "统计数"), ("收到申请数", "件", "12"), ("按时办结数", "件", "9")]):
        y = -20 * k
        c.drawString(0, y, label)
        c.drawString(200, y, unit)
        c.drawString(260, y, value)
    c.restoreState()
    c.save()
    doc = read_document(path)
    assert doc.text.split("\n") == ["统计指标\t单位\t统计数", "收到申请数\t件\t12", "按时办结数\t件\t9"]


def test_pdf_empty_middle_cell_keeps_columns(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    make_formats._register_font()
    path = tmp_path / "holes.pdf"
    c = canvas.Canvas(str(path))
    rows = [("统计指标", "单位", "统计数"), ("（一）收到申请数", "件", "12"), ("（续行说明）", "", "0"), ("1. 当面申请数", "件", "3")]
    for k, row in enumerate(rows):
        for x, text in zip((60, 300, 380), row):
            if text:
                c.setFont(make_formats.FONT_NAME, 10)
                c.drawString(x, 700 - 18 * k, text)
    c.save()
    assert read_document(path).text.split("\n") == ["\t".join(r) for r in rows]


def test_pdf_matrix_blank_cells_keep_their_columns(tmp_path: Path) -> None:
    """A header spanning several number columns defeats the block grid; the numbers of the
    complete rows (right-aligned here) still place a blank first, middle or last cell."""
    from reportlab.pdfgen import canvas

    make_formats._register_font()
    path = tmp_path / "matrix.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(make_formats.FONT_NAME, 10)
    rights = [300 + 45 * k for k in range(5)]  # right edges of five number columns
    c.drawString(60, 700, "情况")
    c.drawString(rights[0] - 20, 700, "申请人（跨五列的表头）")
    rows = [
        ("一、新收", ("12", "3", "0", "1", "16")),
        ("二、结转", ("", "7", "2", "0", "9")),
        ("三、办结", ("5", "1", "", "4", "10")),
        ("四、转下", ("130", "2", "0", "0", "")),
        ("五、其他", ("1", "0", "0", "0", "1")),
        ("六、合计", ("148", "13", "2", "5", "36")),
    ]
    for k, (label, numbers) in enumerate(rows, start=1):
        c.drawString(60, 700 - 18 * k, label)
        for right, text in zip(rights, numbers):
            if text:
                c.drawRightString(right, 700 - 18 * k, text)
    c.save()
    lines = read_document(path).text.split("\n")
    assert lines[0] == "情况\t申请人（跨五列的表头）"
    assert lines[1:] == ["\t".join((label, *numbers)) for label, numbers in rows]


def test_pdf_wrapped_narrative_is_rejoined(generated_docs) -> None:
    seed = SEEDS[2]
    doc = read_document(generated_docs[(seed.name, "pdf")])
    longest = max(
        (line for line in seed_text(seed).split("\n") if "\t" not in line and "|" not in line),
        key=len,
    ).strip()
    assert len(longest) > 120  # several PDF lines long
    assert squeeze(longest) in {squeeze(line) for line in doc.text.split("\n")}


# ------------------------------------------------------------- agreement and speed


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_extraction_agrees_with_the_txt(seed: Path, fmt: str, generated_docs) -> None:
    expected = extract_table(read_document(seed))
    doc = read_document(generated_docs[(seed.name, fmt)])
    got = extract_table(doc)
    assert got.template is not None and expected.template is not None
    assert got.template.id == expected.template.id
    assert {k: (v.raw, v.value) for k, v in got.values.items()} == {
        k: (v.raw, v.value) for k, v in expected.values.items()
    }
    for value in got.values.values():
        if value.span is not None:
            assert doc.text[value.span[0] : value.span[1]] == value.raw


def test_pdf_fake_bold_and_ellipsis(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    make_formats._register_font()
    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(make_formats.FONT_NAME, 14)
    for dx in (0, 0.3):  # a bold effect: the same text twice, a hair apart
        c.drawString(72 + dx, 700, "年度报告")
    c.setFont(make_formats.FONT_NAME, 8)
    c.drawString(72, 680, "银川市智慧城市管理...")
    c.save()
    assert read_document(path).text.split("\n") == ["年度报告", "银川市智慧城市管理..."]


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_audit_of_every_format_agrees_with_the_txt(seed: Path, generated_docs) -> None:
    expected = audit_file(seed)

    def summary(result) -> tuple:
        findings = sorted((f.rule, tuple(f.ids), str(f.severity)) for f in result.findings)
        return result.error, result.template_id, result.agency, result.year, findings

    for fmt in FORMATS:
        assert summary(audit_file(generated_docs[(seed.name, fmt)])) == summary(expected), fmt


def test_docx_automatic_numbering_is_printed() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    numbered("总体情况", 0)
    numbered("主动公开情况", 1)
    numbered("依申请公开情况", 1)
    numbered("存在的问题", 0)
    numbered("问题一", 1)
    document.add_paragraph("正文没有编号。")
    out = io.BytesIO()
    document.save(out)
    assert read_bytes(out.getvalue(), "numbered.docx").text.split("\n") == [
        "一、总体情况",
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "二、存在的问题",
        "（一）问题一",  # a deeper level restarts under a new heading
        "正文没有编号。",
    ]


def test_html_page_laid_out_with_a_table_reads_as_paragraphs() -> None:
    article = "".join(f"<p>第{k}段：本机关全年主动公开政府信息，依法依规答复申请，持续加强平台建设和监督保障工作。</p>" for k in range(8))
    page = (
        "<html><body><table><tr><td><a href='/'>栏目导航</a></td>"
        f"<td>{article}<table border='1'><tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>"
        "<tr><td>（一）收到申请数</td><td>件</td><td>12</td></tr></table></td></tr></table></body></html>"
    )
    doc = read_bytes(page.encode("utf-8"), "layout.html")
    lines = doc.text.split("\n")
    assert lines[0] == "栏目导航"
    assert lines[1].startswith("第0段：") and lines[8].startswith("第7段：")
    assert lines[9:] == ["统计指标\t单位\t统计数", "（一）收到申请数\t件\t12"]
    assert len(doc.tables) == 1


def test_html_two_column_layout_without_nesting_is_not_one_row() -> None:
    text = "本年度共收到政府信息公开申请十二件，均已按时办结并答复申请人，未发生行政复议和行政诉讼。" * 8
    page = f"<html><body><table><tr><td>导航</td><td><p>{text}</p><p>第二段。</p></td></tr></table></body></html>"
    doc = read_bytes(page.encode("utf-8"), "columns.html")
    assert doc.text.split("\n") == ["导航", text, "第二段。"]
    assert not doc.tables


def test_pdf_label_wrapped_around_a_centred_value_is_one_row(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    make_formats._register_font()
    path = tmp_path / "centred.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(make_formats.FONT_NAME, 10)

    def cells(y: float, label: str | None, unit: str | None, value: str | None) -> None:
        for x, text in ((60, label), (330, unit), (400, value)):
            if text:
                c.drawString(x, y, text)

    cells(700, "统计指标", "单位", "统计数")
    cells(680, "1. 当面申请数", "件", "0")
    # a two-line label; unit and value centred between its lines
    cells(660, "（一）主动公开政府信息数", None, None)
    cells(653, None, "条", "66")
    cells(646, "（不同渠道和方式公开相同信息计1条）", None, None)
    # a one-line label whose value sits lower in a tall cell
    cells(626, "（二）申请办结数", None, None)
    cells(619, None, "件", "12")
    cells(600, "2. 延期办结数", "件", "0")
    c.save()
    assert read_document(path).text.split("\n") == [
        "统计指标\t单位\t统计数",
        "1. 当面申请数\t件\t0",
        "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）\t条\t66",
        "（二）申请办结数\t件\t12",
        "2. 延期办结数\t件\t0",
    ]


def test_pdf_line_broken_before_a_long_address_is_rejoined(tmp_path: Path) -> None:
    url = "https://www.yinchuan.gov.cn/xxgk/zfxxgkndbg/2018/t20190131_1234567_index_report.html"
    first = "本报告电子版可在本机关门户网站查阅或下载，如有疑问请与办公室联系。" * 2 + "网址为" + url + "，欢迎查阅。"
    second = "第二段从新的一行开始。"
    path = tmp_path / "ragged.pdf"
    writer = make_formats._PdfWriter(path)
    writer.paragraph(first)
    writer.paragraph(second)
    writer.save()
    lines = read_document(path).text.split("\n")
    assert [squeeze(line) for line in lines] == [squeeze(first), squeeze(second)]
