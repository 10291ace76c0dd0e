"""Tables 二/三/四 of 2019/2021-format reports read from TXT, HTML, DOCX and PDF.

The reports are written in tests/fixtures/new_template/reports.py; make.py lays them out
as the official forms. ``expected`` states every printed cell independently of core.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from pathlib import Path

import pytest

from core.document import read_document
from core.document.model import Document
from core.forms import extract_table, national_2019, national_2021
from core.forms.matrix.extract import extract_matrix
from tests.fixtures.new_template import make
from tests.fixtures.new_template.reports import REPORTS

FIXTURES = Path(__file__).parents[1] / "fixtures"
NEW = FIXTURES / "new_template"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("new_template")
    for key in ("qingjiang_2022", "transport_2019", "qingjiang_2021"):
        report = REPORTS[key]
        make.make_html(report, out / f"{key}.html")
        make.make_docx(report, out / f"{key}.docx")
        make.make_pdf(report, out / f"{key}.pdf")
    return out


def extract_new(doc):  # type: ignore[no-untyped-def]
    """The matrix extractor over both national versions, as the registry runs it."""
    return extract_matrix(doc, (national_2019.FORM, national_2021.FORM))


def _check_cells(doc: Document, expected: dict[str, str]) -> None:
    extraction = extract_new(doc)
    assert extraction.template is not None
    checked = 0
    for ident, raw in expected.items():
        found = extraction.values.get(ident)
        assert found is not None, ident
        assert found.raw == raw, (ident, found.raw, raw)
        assert found.span is not None
        assert doc.text[found.span[0] : found.span[1]] == raw, ident
        assert not found.uncertain, ident
        if raw in ("", "—"):
            assert found.value is None, ident  # a blank is never 0
        else:
            assert found.value is not None and str(found.value) == raw, ident
        checked += 1
    assert checked == len(expected)


@pytest.mark.parametrize("key", ["qingjiang_2022", "qingjiang_2021", "transport_2019", "baisha_2021"])
def test_tab_text_every_cell_with_exact_span(key: str) -> None:
    report = REPORTS[key]
    doc = read_document(NEW / f"{key}.txt")
    extraction = extract_new(doc)
    assert extraction.template is not None and extraction.template.id == report.version
    _check_cells(doc, make.expected(report))


def test_markdown_pipe_table() -> None:
    report = REPORTS["qingjiang_2021"]
    doc = read_document(NEW / "qingjiang_2021.md")
    assert "| 一、本年新收政府信息公开申请数量 |  |  | 52 |" in doc.text
    assert extract_new(doc).template.id == "2021"  # type: ignore[union-attr]
    _check_cells(doc, make.expected(report))


@pytest.mark.parametrize("key", ["qingjiang_2022", "transport_2019"])
def test_rows_of_numbers_text(key: str) -> None:
    """Plain text: each row's labels on one line, its numbers (blank as —) on the next."""
    report = REPORTS[key]
    doc = read_document(NEW / f"{key}_rows.txt")
    assert extract_new(doc).template.id == report.version  # type: ignore[union-attr]
    expected = {k: (v if v else "—") for k, v in make.expected(report).items()}
    _check_cells(doc, expected)


@pytest.mark.parametrize("fmt", ["html", "docx"])
@pytest.mark.parametrize("key", ["qingjiang_2022", "transport_2019"])
def test_html_and_docx_with_spans_and_blank_cells(built: Path, key: str, fmt: str) -> None:
    report = REPORTS[key]
    doc = read_document(built / f"{key}.{fmt}")
    extraction = extract_new(doc)
    assert extraction.template is not None and extraction.template.id == report.version
    _check_cells(doc, make.expected(report))


@pytest.mark.parametrize("key", ["transport_2019", "qingjiang_2021"])
def test_pdf_every_cell(built: Path, key: str) -> None:
    report = REPORTS[key]
    doc = read_document(built / f"{key}.pdf")
    assert extract_new(doc).template.id == report.version  # type: ignore[union-attr]
    _check_cells(doc, make.expected(report))


def _check_blank_cells(doc: Document, blanks: list[str]) -> None:
    """Each blank table 三 cell is an empty span between its neighbours' spans on their line."""
    extraction = extract_new(doc)
    assert blanks
    assert not any("少于7列" in n for n in extraction.notes)
    for ident in blanks:
        row, column = ident.split("@")
        col = make.T3_COLUMN_IDS.index(column)
        cells = [extraction.values[f"{row}@{c}"] for c in make.T3_COLUMN_IDS]
        spans = [c.span for c in cells]
        assert all(span is not None for span in spans), ident
        start, end = spans[col]  # type: ignore[misc]
        assert start == end and cells[col].raw == "" and cells[col].value is None, ident
        if col > 0:
            assert spans[col - 1][1] + 1 == start, ident  # type: ignore[index]
        if col < len(spans) - 1:
            assert spans[col + 1][0] == start + 1, ident  # type: ignore[index]
        assert "\n" not in doc.text[spans[0][0] : spans[-1][1]], ident  # type: ignore[index]


def test_pdf_blank_cell_of_table_three_stays_blank(built: Path) -> None:
    """The PDF text layer has no glyph for an empty cell; the reader restores the column."""
    report = REPORTS["qingjiang_2022"]
    doc = read_document(built / "qingjiang_2022.pdf")
    expected = make.expected(report)
    _check_cells(doc, expected)
    _check_blank_cells(doc, [i for i, raw in expected.items() if i.startswith("t3.") and raw == ""])


@pytest.mark.parametrize("col", [0, 3, 6])
def test_pdf_blank_first_middle_and_last_cell_of_table_three(tmp_path: Path, col: int) -> None:
    """Blanks at either end of a row too: the numbers of the full rows fix the columns."""
    base = REPORTS["qingjiang_2021"]
    rows = ("granted", "not_held", "carried_out")
    t3 = dict(base.t3)
    for row in rows:
        t3[row] = tuple("" if k == col else v for k, v in enumerate(t3[row]))
    report = dataclasses.replace(base, t3=t3)  # a fixture report (a stdlib dataclass)
    path = make.make_pdf(report, tmp_path / "blanks.pdf")
    doc = read_document(path)
    expected = make.expected(report)
    _check_cells(doc, expected)
    blanks = [f"{make.T3_IDS[row]}@{make.T3_COLUMN_IDS[col]}" for row in rows]
    assert all(expected[i] == "" for i in blanks)
    _check_blank_cells(doc, blanks)


def test_run_together_digits_recovered() -> None:
    report = REPORTS["baisha_2021"]
    doc = read_document(NEW / "baisha_2021_web.txt")
    assert "一、本年新收政府信息公开申请数量230 000023" in doc.text
    extraction = extract_new(doc)
    assert extraction.template is not None and extraction.template.id == "2021"
    expected = make.expected(report)
    for ident, raw in expected.items():
        found = extraction.values[ident]
        assert found.raw == raw and doc.text[found.span[0] : found.span[1]] == raw, ident  # type: ignore[index]
    # table 三 rows such as 110000011 (11|0|…|11 or 1|10|…|11) are settled by the column identities
    assert not any(extraction.values[i].uncertain for i in expected if i.startswith("t3."))
    new = extraction.values["t3.new@natural"]
    assert (new.raw, doc.text[new.span[1] : new.span[1] + 1]) == ("23", "0")  # type: ignore[index]


def test_ambiguous_split_is_flagged_uncertain() -> None:
    """"行政规范性文件5237": 5|2|37, 5|23|7 and 52|3|7 all fit; nothing decides between them."""
    doc = read_document(NEW / "baisha_2021_web.txt")
    extraction = extract_new(doc)
    cells = [extraction.values[f"t2.normative.{c}"] for c in ("issued", "repealed", "in_force")]
    assert all(c.uncertain for c in cells)
    assert not extraction.values["t2.regulations.issued"].uncertain  # "000": one way only
    assert any("存疑" in n for n in extraction.notes)


def test_uncertain_when_identities_do_not_decide() -> None:
    """A table 四 row "1010011…" that two cuts satisfy (10|1|0|0|11 and 1|0|10|0|11)."""
    doc = read_document(NEW / "baisha_2021_web.txt")
    assert doc.text.count("000000000000000") == 1
    text = doc.text.replace("000000000000000", "10100110000000000", 1)
    extraction = extract_new(replace(doc, text=text))
    review = {m: extraction.values[f"t4.review.{m}"] for m in ("upheld", "corrected", "other", "pending", "total")}
    assert review["total"].raw == "11" and not review["total"].uncertain  # both cuts agree
    assert not review["pending"].uncertain
    assert review["upheld"].uncertain and review["corrected"].uncertain and review["other"].uncertain
    assert not extraction.values["t4.lit_direct.total"].uncertain
    assert any("存疑" in n for n in extraction.notes)


def test_detection_uses_what_is_printed_not_the_year() -> None:
    doc = read_document(NEW / "transport_2019.txt")
    relabelled = replace(doc, text=doc.text.replace("2019年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"))
    extraction = extract_new(relabelled)
    assert extraction.template is not None and extraction.template.id == "2019"


def test_seeds_are_not_new_templates(seed_paths: list[Path]) -> None:
    assert seed_paths
    for path in seed_paths:
        doc = read_document(path)
        assert extract_new(doc).template is None, path.name
        best = extract_table(doc)
        assert best.template is None or best.template.id == "2008", path.name


def test_extract_table_picks_the_new_template() -> None:
    doc = read_document(NEW / "qingjiang_2022.txt")
    assert extract_table(doc).template.id == "2021"  # type: ignore[union-attr]


def test_wrapped_labels_keep_their_numbers() -> None:
    """A long label wrapped by the page: its numbers on the first or on the second line."""
    doc = read_document(NEW / "qingjiang_2021.txt")
    text = doc.text
    first = "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t"
    second = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t"
    assert first in text and second in text
    text = text.replace(first, "1．申请人无正当理由逾期不补正、行政机关不再\n处理其政府信息公开申请\t", 1)
    text = text.replace(second, "（二）部分公开（区分处理的，只计\t", 1)
    text = text.replace("\t4\t1\t0\t0\t0\t0\t5\n", "\t4\t1\t0\t0\t0\t0\t5\n这一情形，不计其他情形）\n", 1)
    wrapped = replace(doc, text=text)
    expected = make.expected(REPORTS["qingjiang_2021"])
    _check_cells(wrapped, expected)


def test_cells_separated_by_spaces_only() -> None:
    """PDF text without column tabs: label and numbers on one line, single spaces between."""
    doc = read_document(NEW / "qingjiang_2021.txt")
    lines = [" ".join(c for c in line.split("\t") if c) if "\t" in line else line for line in doc.text.split("\n")]
    spaced = replace(doc, text="\n".join(lines))
    assert "一、本年新收政府信息公开申请数量 52 4 0 0 2 0 58" in spaced.text
    assert "\t" not in spaced.text
    _check_cells(spaced, make.expected(REPORTS["qingjiang_2021"]))
