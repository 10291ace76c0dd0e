"""Old-template (2008) table extraction on the five real seeds and realistic edits of them."""

from __future__ import annotations

import functools
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from expected_2008 import EXPECTED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.document import read_document
from core.document.model import Document
from core.forms.national_2008.extract import extract_2008
from core.forms.national_2008.schema import TEMPLATE_2008
from core.table.model import Extraction
from core.table.values import NON_NUMERIC

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED_NAMES = sorted(EXPECTED)


def load(name: str) -> Document:
    return read_document(FIXTURES / name)


def text_doc(text: str, name: str = "edited.txt") -> Document:
    return Document(text=text, source=name, format="txt")


def raws(extraction: Extraction) -> dict[str, str | None]:
    return {i: (extraction.values[i].raw if i in extraction.values else None) for i in TEMPLATE_2008.ids}


def table_lines(doc: Document, extraction: Extraction) -> tuple[str, str, str]:
    """(text before the table, the table, text after it)."""
    assert extraction.table_span is not None
    start, end = extraction.table_span
    return doc.text[:start], doc.text[start:end], doc.text[end:]


def assert_spans_exact(doc: Document, extraction: Extraction) -> None:
    for ev in extraction.values.values():
        assert ev.span is not None and ev.raw is not None
        assert doc.text[ev.span[0] : ev.span[1]] == ev.raw, ev.id
        assert ev.label_span is not None
        assert ev.label_span[0] < ev.label_span[1] <= ev.span[0] or ev.raw == "", ev.id


# --- the five seeds --------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_row_of_every_seed(name: str) -> None:
    doc = load(name)
    extraction = extract_2008(doc)
    assert extraction.template is TEMPLATE_2008
    assert raws(extraction) == EXPECTED[name]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_values_are_decimals_of_what_is_printed(name: str) -> None:
    extraction = extract_2008(load(name))
    for ev in extraction.values.values():
        assert ev.problem is None and not ev.uncertain
        assert ev.value == Decimal(ev.raw)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_spans_exact_ordered_and_inside_the_table(name: str) -> None:
    doc = load(name)
    extraction = extract_2008(doc)
    assert_spans_exact(doc, extraction)
    assert extraction.table_span is not None
    start, end = extraction.table_span
    assert "统计表" in doc.text[start : start + 80] or "统计指" in doc.text[start : start + 80]
    positions = [extraction.values[i].span for i in TEMPLATE_2008.ids if i in extraction.values]
    assert positions == sorted(positions)
    for span in positions:
        assert span is not None and start <= span[0] and span[1] <= end


@pytest.mark.parametrize("name", SEED_NAMES)
def test_each_value_sits_on_a_line_with_its_unit(name: str) -> None:
    """A wrapped label's stray second value (seed lines "数\\t/ \\\\\\t1") never wins."""
    doc = load(name)
    extraction = extract_2008(doc)
    for ev in extraction.values.values():
        unit = TEMPLATE_2008.get(ev.id).unit
        if unit is None:
            continue
        assert ev.span is not None
        line_start = doc.text.rfind("\n", 0, ev.span[0]) + 1
        line = doc.text[line_start : ev.span[1]]
        assert re.search(rf"(^|[\s|]){unit}[\s|]", line), (ev.id, line)


def test_a_value_printed_on_a_header_row_is_kept() -> None:
    hits = []
    for name in SEED_NAMES:
        extraction = extract_2008(load(name))
        hits += [(name, ev) for ev in extraction.values.values() if TEMPLATE_2008.get(ev.id).header]
    assert len(hits) == 1
    name, ev = hits[0]
    assert ev.id == "meetings" and ev.raw == "4" and ev.value == Decimal(4)
    assert EXPECTED[name]["meetings"] == "4"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_narrative_before_the_table_gives_nothing_even_with_table_like_lines(name: str) -> None:
    doc = load(name)
    extraction = extract_2008(doc)
    before, table, after = table_lines(doc, extraction)
    # A narrative that quotes rows of the form, as a PDF would print them, must stay prose.
    noise = "一、主动公开情况\n（一）收到申请数 件 99\n2.传真申请数\t件\t98\n"
    edited = extract_2008(text_doc(before + noise + table + after))
    assert raws(edited) == EXPECTED[name]


# --- no table ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "一、主动公开情况\n本机关全年主动公开政府信息 1211 条。\n", "政府信息公开情况统计表\n（略）\n"],
)
def test_no_table_gives_no_template(text: str) -> None:
    extraction = extract_2008(text_doc(text))
    assert extraction.template is None and extraction.values == {}


def test_a_long_unrelated_table_under_a_header_is_no_table() -> None:
    rows = "\n".join(f"第{i}号登记事项\t件\t{i}" for i in range(5000))
    extraction = extract_2008(text_doc("统计指标\t单位\t统计数\n" + rows))
    assert extraction.template is None and extraction.values == {}


def test_narrative_alone_gives_no_template() -> None:
    doc = load(SEED_NAMES[0])
    extraction = extract_2008(doc)
    before, _, _ = table_lines(doc, extraction)
    assert extract_2008(text_doc(before)).template is None


# --- realistic edits of a seed ----------------------------------------------------------


@functools.cache
def seed_text(index: int = 0) -> str:
    return load(SEED_NAMES[index]).text


def swap(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced, failing loudly if the edit would silently do nothing."""
    assert old in text, old
    return text.replace(old, new)


def replace_line(text: str, old: str, new: str) -> str:
    """Replace the whole line that starts with ``old`` (exactly one such line)."""
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if line.startswith(old)]
    assert len(hits) == 1, (old, hits)
    lines[hits[0]] = new
    return "\n".join(lines)


def test_wrapped_labels_value_on_first_second_or_middle_line() -> None:
    text = seed_text(2)  # tab table, every label on one line
    text = replace_line(text, "危及国家安全", "危及国家安全、公共安全、经济\t\t\n安全和社会稳定\t件\t3")
    text = replace_line(text, "（一）收到申请数", "（一）收到\t件\t3\n申请数\t\t")
    text = replace_line(
        text,
        "(四) 政府信息公开专项经费",
        "(四) 政府信息公开专项经费(不包括用于政\t\t\n府公报编辑管理及政府网站建设维护等方面经\t万元\t1.5\n费)\t\t",
    )
    text = replace_line(
        text,
        "1. 专职人员数",
        "1. 专职人员数(不包括政府公报及政府\t,\t9\n网站工作人员数)\t人\t4",
    )
    doc = text_doc(text)
    extraction = extract_2008(doc)
    expected = dict(EXPECTED[SEED_NAMES[2]])
    expected.update(
        {
            "apply.answered.refused.security_stability": "3",
            "apply.received": "3",
            "org.budget": "1.5",
            "org.staff.full_time": "4",  # the value beside the unit, not the stray "9"
        }
    )
    assert raws(extraction) == expected
    assert_spans_exact(doc, extraction)
    assert any("9" in note for note in extraction.notes)


def test_note_line_with_a_stray_value_is_not_a_row() -> None:
    text = seed_text(2)
    text = replace_line(
        text, "（一）回应公众关注热点", "（一）回应公众关注热点或重大舆情数\t次\t9\n(不同方式回应同一热点或舆情计1次)\t\t9"
    )
    text = replace_line(text, "(一) 召开政府信息公开工作会议", "(一) 召开政府信息公开工作会议或专题会议\t次\t2\n数\t/ \\\t7")
    extraction = extract_2008(text_doc(text))
    assert raws(extraction) == EXPECTED[SEED_NAMES[2]]


def test_label_variants_and_cut_labels() -> None:
    text = seed_text(0)
    text = swap(text, "召开政府信息公开工作会议或专题会议数", "召开政府信息与政务公开工作会议或专题会议数")
    text = swap(text, "(不包括用于政府公报编辑管理及政府网站建设维护等方面经费)", "(不包括用于政府公报编辑管理及政府网站)")
    text = swap(text, "2. 传真申请数", "2、传真申请数")
    text = swap(text, "其中：主要负责同志参加新闻发布会次数", "其中:主要负责同志参加新闻发布会的次数")
    text = swap(text, "（一）维持具体行政行为数", "1.维持具体行政行为数")
    extraction = extract_2008(text_doc(text))
    assert raws(extraction) == EXPECTED[SEED_NAMES[0]]


def test_a_deleted_row_is_absent_and_the_rest_intact() -> None:
    name = SEED_NAMES[3]
    text = seed_text(3)
    text = replace_line(text, "| 2. 传真申请数", "")
    extraction = extract_2008(text_doc(text))
    expected = dict(EXPECTED[name])
    expected["apply.received.fax"] = None
    assert raws(extraction) == expected


def test_deleting_one_duplicate_label_keeps_the_other_in_its_place() -> None:
    text = seed_text(1)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "被依法纠错数" in line)
    lines[first] = ""
    text = "\n".join(lines)
    text = swap(text, "(二) 被依法纠错数\t件\t0", "(二) 被依法纠错数\t件\t7")
    extraction = extract_2008(text_doc(text))
    assert "review.corrected" not in extraction.values
    assert extraction.values["litigation.corrected"].raw == "7"


def test_duplicate_labels_resolve_by_position() -> None:
    text = seed_text(2)
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if "被依法纠错数" in line]
    assert len(hits) == 2
    lines[hits[0]] = lines[hits[0]][: -1] + "5"
    lines[hits[1]] = lines[hits[1]][: -1] + "7"
    extraction = extract_2008(text_doc("\n".join(lines)))
    assert extraction.values["review.corrected"].raw == "5"
    assert extraction.values["litigation.corrected"].raw == "7"


@pytest.mark.parametrize(
    ("printed", "value", "problem"),
    [
        ("无", None, NON_NUMERIC),
        ("/", None, NON_NUMERIC),
        ("不详", None, NON_NUMERIC),
        ("１２", Decimal(12), None),
        ("1,200", Decimal(1200), None),
        ("-3", Decimal(-3), None),
        ("", None, None),
    ],
)
def test_cell_values(printed: str, value: Decimal | None, problem: str | None) -> None:
    text = replace_line(seed_text(2), "2. 传真申请数", f"2. 传真申请数\t件\t{printed}")
    doc = text_doc(text)
    extraction = extract_2008(doc)
    ev = extraction.values["apply.received.fax"]
    assert (ev.raw, ev.value, ev.problem) == (printed, value, problem)
    assert ev.span is not None and doc.text[ev.span[0] : ev.span[1]] == printed
    assert extraction.values["apply.received.online"].raw == "0"


def test_decimal_budget_and_dash_on_header_rows() -> None:
    extraction = extract_2008(load(SEED_NAMES[0]))
    assert extraction.values["org.budget"].value == Decimal("0.5")
    extraction = extract_2008(load(SEED_NAMES[3]))  # "| 一、主动公开情况 | —— |  |"
    assert "active" not in extraction.values


def test_bracket_widths_swapped() -> None:
    name = SEED_NAMES[4]
    text = seed_text(4)
    swapped = text.translate(str.maketrans({"(": "（", ")": "）", "（": "(", "）": ")", ":": "：", "：": ":"}))
    assert swapped != text
    assert raws(extract_2008(text_doc(swapped))) == EXPECTED[name]


def _to_pipes(table: str) -> str:
    out = []
    for line in table.split("\n"):
        if "\t" in line:
            cells = (line.split("\t") + ["", ""])[:3]
            out.append("| " + " | ".join(cells) + " |")
            if "统计指标" in line.replace(" ", ""):
                out.append("|---|---|---|")
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("index", [0, 1, 2, 4])
def test_markdown_pipe_version_of_a_tab_table(index: int) -> None:
    doc = load(SEED_NAMES[index])
    before, table, after = table_lines(doc, extract_2008(doc))
    edited = text_doc(before + _to_pipes(table) + after)
    extraction = extract_2008(edited)
    assert raws(extraction) == EXPECTED[SEED_NAMES[index]]
    assert_spans_exact(edited, extraction)


def _to_pdf_lines(table: str) -> str:
    """Cells separated by single spaces, empty cells gone, as PDF text extraction gives."""
    out = []
    for line in table.split("\n"):
        if line.startswith("|"):
            if set(line) <= set("|-: "):
                continue
            line = "\t".join(c.strip() for c in line.strip().strip("|").split("|"))
        line = line.replace("<br>", "\n")
        out.append(" ".join(c for c in line.split("\t") if c.strip()))
    return "\n".join(out)


@pytest.mark.parametrize("index", range(5))
def test_pdf_like_single_space_lines(index: int) -> None:
    doc = load(SEED_NAMES[index])
    before, table, after = table_lines(doc, extract_2008(doc))
    edited = text_doc(before + _to_pdf_lines(table) + after)
    extraction = extract_2008(edited)
    assert raws(extraction) == EXPECTED[SEED_NAMES[index]]
    assert_spans_exact(edited, extraction)


def test_pdf_blank_value_and_wrapped_number_in_a_note() -> None:
    doc = load(SEED_NAMES[1])
    before, table, after = table_lines(doc, extract_2008(doc))
    pdf = _to_pdf_lines(table)
    # a note wrapped right after its number must not make the number a value
    pdf = swap(pdf, "相同信息计 1 条) 条 120", "相同信息计 1\n条) 条 120")
    pdf = swap(pdf, "2.传真申请数 件 0", "2.传真申请数 件")
    edited = text_doc(before + pdf + after)
    extraction = extract_2008(edited)
    assert extraction.values["active.total"].raw == "120"
    fax = extraction.values["apply.received.fax"]
    assert (fax.raw, fax.value) == ("", None)
    assert_spans_exact(edited, extraction)


def test_crlf_line_ends() -> None:
    name = SEED_NAMES[0]
    doc = text_doc(seed_text(0).replace("\n", "\r\n"))
    extraction = extract_2008(doc)
    assert raws(extraction) == EXPECTED[name]
    assert_spans_exact(doc, extraction)


def test_pdf_unit_and_value_on_their_own_line() -> None:
    doc = load(SEED_NAMES[2])
    before, table, after = table_lines(doc, extract_2008(doc))
    pdf = _to_pdf_lines(table)
    pdf = swap(pdf, "3. 网络申请数 件 0", "3. 网络申请数\n件 5")
    pdf = swap(pdf, "(一) 召开政府信息公开工作会议或专题会议数 次 2", "(一) 召开政府信息公开工作会议或专题\n会议数 次 2")
    edited = text_doc(before + pdf + after)
    extraction = extract_2008(edited)
    expected = dict(EXPECTED[SEED_NAMES[2]])
    expected["apply.received.online"] = "5"
    assert raws(extraction) == expected
    assert_spans_exact(edited, extraction)


def test_run_together_numbers_are_flagged_uncertain() -> None:
    doc = load(SEED_NAMES[3])
    before, table, after = table_lines(doc, extract_2008(doc))
    pdf = swap(_to_pdf_lines(table), "条 12838", "条 12 838")
    extraction = extract_2008(text_doc(before + pdf + after))
    ev = extraction.values["active.total"]
    assert ev.uncertain and ev.raw == "12"
    assert any("12" in note for note in extraction.notes)
    assert not extraction.values["active.gazette"].uncertain


def test_header_with_an_extra_column_and_no_title() -> None:
    doc = load(SEED_NAMES[1])
    _, table, _ = table_lines(doc, extract_2008(doc))
    lines = table.split("\n")
    assert "统计表" in lines[0]
    body = swap("\n".join(lines[1:]), "统计指标\t单位\t统计数", "统计指标\t单位\t统计数\t备注")
    extraction = extract_2008(text_doc("某单位2018年政府信息公开工作年度报告\n\n" + body))
    assert raws(extraction) == EXPECTED[SEED_NAMES[1]]


def test_table_without_header_row_starts_at_its_first_row() -> None:
    doc = load(SEED_NAMES[2])
    _, table, _ = table_lines(doc, extract_2008(doc))
    body = "\n".join(line for line in table.split("\n") if "统计" not in line).strip("\n")
    narrative = "三、政府信息主动公开情况\n全年主动公开政府信息 954 条。\n"
    edited = text_doc(narrative + body)
    extraction = extract_2008(edited)
    assert raws(extraction) == EXPECTED[SEED_NAMES[2]]
    assert extraction.table_span is not None and extraction.table_span[0] == len(narrative)


def test_a_dash_in_a_value_cell_is_no_value_but_the_row_is_present() -> None:
    text = replace_line(seed_text(2), "七、依申请公开信息收取的费用", "七、依申请公开信息收取的费用\t万元\t——")
    ev = extract_2008(text_doc(text)).values["fees.total"]
    assert (ev.raw, ev.value, ev.problem) == ("——", None, None)


def test_text_after_the_table_is_not_read() -> None:
    name = SEED_NAMES[2]
    doc = load(name)
    before, table, after = table_lines(doc, extract_2008(doc))
    table = replace_line(table, "2. 传真申请数", "")
    tail = "\n\n附注\n2. 传真申请数\t件\t5\n(二) 传真申请数 件 6\n"
    extraction = extract_2008(text_doc(before + table + after + tail))
    expected = dict(EXPECTED[name])
    expected["apply.received.fax"] = None
    assert raws(extraction) == expected


def test_value_before_unit_remarks_column_and_unit_inside_the_value() -> None:
    text = seed_text(2)
    text = replace_line(text, "3. 网络申请数", "3. 网络申请数\t3\t件")
    text = replace_line(text, "4. 信函申请数", "4. 信函申请数\t件\t2\t含转办1件")
    text = replace_line(text, "1. 当面申请数", "1. 当面申请数\t\t7件")
    doc = text_doc(text)
    extraction = extract_2008(doc)
    online, mail, in_person = (extraction.values[f"apply.received.{k}"] for k in ("online", "mail", "in_person"))
    assert (online.raw, online.value) == ("3", Decimal(3))
    assert (mail.raw, mail.value) == ("2", Decimal(2))
    assert (in_person.raw, in_person.value, in_person.problem) == ("7件", Decimal(7), None)
    assert_spans_exact(doc, extraction)


def test_pdf_lone_number_without_unit_is_the_value_unless_inside_a_note() -> None:
    doc = load(SEED_NAMES[4])
    before, table, after = table_lines(doc, extract_2008(doc))
    pdf = swap(_to_pdf_lines(table), "2. 传真申请数 件 0", "2. 传真申请数 4")
    pdf = swap(pdf, "4. 信函申请数 件 0", "4. 信函申请数 件 12 件")
    edited = text_doc(before + pdf + after)
    extraction = extract_2008(edited)
    assert extraction.values["apply.received.fax"].raw == "4"
    assert extraction.values["apply.received.mail"].raw == "12"
    # "(一) 主动公开政府信息数 条 245" / "(不同渠道和方式公开相同信息计1条)": the note's 1 is no value
    assert extraction.values["active.total"].raw == "245"
    assert_spans_exact(edited, extraction)


# --- the same tables as DOCX, HTML and PDF (generated from the seeds) -------------------

FORMATS = ("docx", "html", "pdf")
FORMAT_CASES = [(name, fmt) for name in SEED_NAMES for fmt in FORMATS]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    import sys

    sys.path.insert(0, str(FIXTURES))
    try:
        import make_formats
    finally:
        sys.path.remove(str(FIXTURES))
    out = tmp_path_factory.mktemp("formats")
    made: dict[tuple[str, str], Path] = {}
    for name in SEED_NAMES:
        stem = Path(name).stem
        made[(name, "docx")] = make_formats.make_docx(FIXTURES / name, out / f"{stem}.docx")
        made[(name, "html")] = make_formats.make_html(FIXTURES / name, out / f"{stem}.html")
        made[(name, "pdf")] = make_formats.make_pdf(FIXTURES / name, out / f"{stem}.pdf")
    return made


@pytest.mark.parametrize(("name", "fmt"), FORMAT_CASES)
def test_every_format_reads_like_the_text_seed(
    generated: dict[tuple[str, str], Path], name: str, fmt: str
) -> None:
    txt = extract_2008(load(name))
    doc = read_document(generated[(name, fmt)])
    assert doc.format == fmt
    extraction = extract_2008(doc)
    assert extraction.template is TEMPLATE_2008
    assert {i: ev.raw for i, ev in extraction.values.items()} == {i: ev.raw for i, ev in txt.values.items()}
    assert raws(extraction) == EXPECTED[name]
    assert_spans_exact(doc, extraction)
    assert extraction.table_span is not None
    positions = [extraction.values[i].span for i in TEMPLATE_2008.ids if i in extraction.values]
    assert positions == sorted(positions)
    assert all(extraction.table_span[0] <= p[0] and p[1] <= extraction.table_span[1] for p in positions if p)


# --- properties -------------------------------------------------------------------------


_TABLE_ALPHABET = st.sampled_from(list("统计指标单位数一二三（）()、.1234567890 \t|\n-—件条次万元其中：主动公开情况申请无"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_TABLE_ALPHABET, max_size=400))
def test_any_text_extracts_without_error_and_with_exact_spans(text: str) -> None:
    doc = text_doc(text)
    extraction = extract_2008(doc)
    if extraction.template is None:
        assert extraction.values == {}
        return
    assert_spans_exact(doc, extraction)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 7), min_size=200, max_size=200))
def test_spacing_and_bracket_noise_in_labels_changes_nothing(choices: list[int]) -> None:
    """Each tab row's label may get a space between every character and/or swapped bracket widths."""
    name = SEED_NAMES[2]
    lines = seed_text(2).split("\n")
    for i, line in enumerate(lines):
        choice = choices[i % len(choices)]
        if "\t" not in line or not choice & 1:
            continue
        label, rest = line.split("\t", 1)
        if choice & 2:
            label = " ".join(label)
        if choice & 4:
            label = label.translate(str.maketrans("（）()", "()（）"))
        lines[i] = label + "\t" + rest
    assert raws(extract_2008(text_doc("\n".join(lines)))) == EXPECTED[name]


def test_a_narrative_heading_like_the_first_row_is_not_the_start() -> None:
    """Without a header row the table starts at "一、主动公开情况" only where rows follow."""
    name = SEED_NAMES[2]
    doc = load(name)
    _, table, _ = table_lines(doc, extract_2008(doc))
    body = "\n".join(line for line in table.split("\n") if "统计" not in line).strip("\n")
    narrative = (
        "统计指标 单位 统计数\n"  # a stray header with no rows after it
        + "本机关认真落实政府信息公开条例的各项要求。\n" * 9
        + "一、主动公开情况\n"
        "本年度全年共收到申请 12 件\n"  # a PDF-wrapped sentence that ends like a row
        "全部按时办结。\n\n"
    )
    extraction = extract_2008(text_doc(narrative + body))
    assert raws(extraction) == EXPECTED[name]
    assert extraction.table_span is not None and extraction.table_span[0] == len(narrative)


def test_new_template_reports_have_no_old_table() -> None:
    reports = sorted((FIXTURES / "new_template").glob("*.txt"))
    if not reports:
        pytest.skip("no new-template fixtures in this checkout")
    for path in reports:
        assert extract_2008(read_document(path)).template is None, path.name


def _cells_of(line: str) -> list[str] | None:
    if line.lstrip().startswith("|"):
        if set(line.strip()) <= set("|-: "):
            return None
        return [c.strip().replace("<br>", "") for c in line.strip().strip("|").split("|")]
    return line.split("\t") if "\t" in line else None


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(range(len(SEED_NAMES))), st.booleans(), st.integers(0, 2**32 - 1))
def test_labels_wrapped_anywhere_read_the_same(index: int, pdf: bool, seed: int) -> None:
    """Cut long labels into 2-3 lines at random points, the row's cells on any one of them,
    as tab rows or as PDF text: every value still reads as in the seed."""
    rnd = random.Random(seed)
    doc = text_doc(seed_text(index))
    before, table, after = table_lines(doc, extract_2008(doc))
    out = []
    for line in table.split("\n"):
        cells = _cells_of(line)
        if cells is None:
            if not (line.strip() and set(line.strip()) <= set("|-: ")):
                out.append(line)
            continue
        label, rest = cells[0], (cells[1:] + ["", ""])[:2]
        parts = [label]
        if len(label) >= 10 and rnd.random() < 0.6:
            k = 2 if len(label) < 20 or rnd.random() < 0.6 else 3
            cuts = sorted(rnd.sample(range(4, len(label) - 1), k - 1))
            parts = [label[a:b] for a, b in zip([0, *cuts], [*cuts, len(label)])]
        at = rnd.randrange(len(parts))
        for i, part in enumerate(parts):
            row = [part, *(rest if i == at else ["", ""])]
            out.append(" ".join(c for c in row if c.strip()) if pdf else "\t".join(row))
    edited = text_doc(before + "\n".join(out) + after)
    extraction = extract_2008(edited)
    assert raws(extraction) == EXPECTED[SEED_NAMES[index]]
    assert_spans_exact(edited, extraction)


def test_a_missing_rows_stray_note_value_is_not_given_to_the_header_above() -> None:
    name = SEED_NAMES[4]  # "(一) 回应公众关注热点或重大舆情数\t次\t0" / "(不同方式…计1次)\t\t0"
    text = seed_text(4)
    lines = text.split("\n")
    hit = next(i for i, line in enumerate(lines) if line.startswith("(一) 回应公众关注热点"))
    assert lines[hit + 1].startswith("(不同方式回应") and lines[hit + 1].split("\t")[2] == "0"
    del lines[hit]
    extraction = extract_2008(text_doc("\n".join(lines)))
    expected = dict(EXPECTED[name])
    expected["response.hotspots"] = None
    assert raws(extraction) == expected


_NUMBERING = re.compile(r"^\s*(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[）)]\s*|(\d+)[.、．]\s*)")


def _restyle(label: str, rnd: random.Random) -> str:
    """Another agency's way of numbering the same row, or no numbering at all."""
    m = _NUMBERING.match(label)
    if not m:
        if label.startswith("其中"):
            return rnd.choice(["其中:", "其中：", "其中 ：", ""]) + re.sub(r"^其中[:：]\s*", "", label)
        return label
    body = label[m.end() :]
    top, sub, item = m.groups()
    if top:
        return rnd.choice([f"{top}、", f"{top}.", f"{top}．", ""]) + body
    if sub:
        return rnd.choice([f"（{sub}）", f"({sub})", f"({sub}) ", ""]) + body
    return rnd.choice([f"{item}.", f"{item}、", f"{item}．", f"({item})", ""]) + body


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(range(len(SEED_NAMES))), st.integers(0, 2**32 - 1))
def test_numbering_styles_and_dropped_numbering_read_the_same(index: int, seed: int) -> None:
    rnd = random.Random(seed)
    doc = text_doc(seed_text(index))
    before, table, after = table_lines(doc, extract_2008(doc))
    out = []
    for line in table.split("\n"):
        if "\t" in line:
            label, rest = line.split("\t", 1)
            line = _restyle(label, rnd) + "\t" + rest
        elif line.startswith("|") and not set(line) <= set("|-: "):
            cells = line.split("|")
            cells[1] = " " + _restyle(cells[1].strip(), rnd) + " "
            line = "|".join(cells)
        out.append(line)
    assert raws(extract_2008(text_doc(before + "\n".join(out) + after))) == EXPECTED[SEED_NAMES[index]]


def test_pdf_unit_and_value_run_together_and_numbers_inside_notes() -> None:
    name = SEED_NAMES[1]
    doc = text_doc(seed_text(1))
    before, table, after = table_lines(doc, extract_2008(doc))
    pdf = _to_pdf_lines(table)
    for old, new in [
        ("3.网络申请数 件 0", "3.网络申请数 件0"),
        ("4.信函申请数 件 0", "4.信函申请数 0件"),
        ("信息计 1 条) 条 120", "信息计 1条\n) 条 120"),
        ("舆情计 1 次) 次 0", "舆情计 1 次\n) 次 0"),
    ]:
        assert pdf.count(old) == 1, old
        pdf = pdf.replace(old, new)
    edited = text_doc(before + pdf + after)
    extraction = extract_2008(edited)
    assert raws(extraction) == EXPECTED[name]
    assert_spans_exact(edited, extraction)
    online = extraction.values["apply.received.online"]
    assert online.span is not None and edited.text[online.span[0] - 1 : online.span[1]] == "件0"


def test_a_serial_number_column_before_the_label() -> None:
    name = SEED_NAMES[0]
    doc = text_doc(seed_text(0))
    before, table, after = table_lines(doc, extract_2008(doc))
    rows = [
        ("序号\t" if "统计指" in line else f"{n}\t") + line if "\t" in line else line
        for n, line in enumerate(table.split("\n"), 1)
    ]
    edited = text_doc(before + "\n".join(rows) + after)
    extraction = extract_2008(edited)
    assert raws(extraction) == EXPECTED[name]
    label_span = extraction.values["active.total"].label_span
    assert label_span is not None and edited.text[label_span[0] : label_span[1]].startswith("（一）")
