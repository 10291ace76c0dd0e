"""The 审核意见 memo, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.audit import audit_file
from core.export.memo import export_memo, memo_title
from core.rules.base import fmt
from core.rules.finding import Severity
from core.session import CONFIRMED, FALSE_ALARM, AuditSession

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))


def _session_with_errors() -> AuditSession:
    for seed in SEEDS:
        session = AuditSession(audit_file(seed))
        errors = [f for f in session.findings if f.severity is Severity.ERROR and f.ids]
        if errors and len(session.findings) >= 2:
            return session
    pytest.skip("no seed has a table error")


def _read(path: Path) -> tuple[list[str], object]:
    import docx

    doc = docx.Document(str(path))
    return [p.text for p in doc.paragraphs], doc


def test_confirmed_problems_in_office_wording(tmp_path: Path) -> None:
    session = _session_with_errors()
    error = next(f for f in session.findings if f.severity is Severity.ERROR and f.ids and f.kind.value == "table")
    other = next(f for f in session.findings if f is not error)
    session.set_disposition(error.key, CONFIRMED, "请于五个工作日内更正")
    session.set_disposition(other.key, FALSE_ALARM, "")
    paragraphs, doc = _read(export_memo(session, tmp_path / "审核意见.docx"))

    assert paragraphs[0] == memo_title(session)
    assert session.result.agency in paragraphs[0] and str(session.result.year) in paragraphs[0]
    items = [p for p in paragraphs if p.startswith("一、")]
    assert len(items) == 1 and not any(p.startswith("二、") for p in paragraphs)
    item = items[0]
    main = error.ids[0]
    table = session.table
    assert f"“{table.label(main)}”一行公布为{fmt(table.published[main].value)}" in item
    assert error.message.rstrip("。") in item
    assert "请于五个工作日内更正" in item
    assert other.message not in "\n".join(paragraphs)  # a false alarm is never sent out
    assert any(p.startswith("审核人：") for p in paragraphs)

    section = doc.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.05 and abs(section.page_height.cm - 29.7) < 0.05
    title_run = doc.paragraphs[0].runs[0]
    body_run = doc.paragraphs[-3].runs[0] if doc.paragraphs[-3].runs else doc.paragraphs[3].runs[0]
    qn = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert title_run._element.rPr.rFonts.get(qn) == "宋体"
    assert body_run._element.rPr.rFonts.get(qn) == "仿宋"


def test_a_correction_says_what_the_value_should_be(tmp_path: Path) -> None:
    from decimal import Decimal

    session = _session_with_errors()
    error = next(f for f in session.findings if f.severity is Severity.ERROR and f.ids and f.kind.value == "table")
    target = error.ids[0]
    new = (session.value(target) or Decimal(0)) + 7
    session.set_disposition(error.key, CONFIRMED)
    session.set_value(target, new, "核实后")
    paragraphs, _ = _read(export_memo(session, tmp_path / "更正.docx"))
    body = "\n".join(paragraphs)
    from core.schema.labels import short_label

    assert any(f.key == error.key for f in session.findings)  # still wrong, now with the auditor's value
    assert f"“{short_label(session.table.label(target))}”应为{fmt(new)}" in body


def test_without_confirmations_the_open_errors_are_listed_and_said_to_be_unconfirmed(tmp_path: Path) -> None:
    session = _session_with_errors()
    errors = [f for f in session.findings if f.severity is Severity.ERROR]
    paragraphs, _ = _read(export_memo(session, tmp_path / "未确认.docx"))
    body = "\n".join(paragraphs)
    assert "尚待审核人逐条确认" in body
    for f in errors:
        assert f.message.rstrip("。") in body
    warnings = [f for f in session.findings if f.severity is Severity.WARNING]
    for f in warnings:
        assert f.message not in body


def test_a_clean_report_gets_a_no_problem_memo(tmp_path: Path) -> None:
    session = _session_with_errors()
    for f in list(session.findings):
        session.set_disposition(f.key, FALSE_ALARM, "")
    paragraphs, _ = _read(export_memo(session, tmp_path / "无问题.docx"))
    assert any("未发现需要更正的问题" in p for p in paragraphs)


def test_a_matrix_cell_is_named_by_its_table_row_and_column(tmp_path: Path) -> None:
    from core.rules.finding import Kind

    for path in sorted((ROOT / "tests" / "fixtures" / "new_template").glob("*.txt")):
        session = AuditSession(audit_file(path))
        table = session.table
        if table is None or not table.template.matrices:
            continue
        errors = [
            f
            for f in session.findings
            if f.kind is Kind.TABLE and f.severity is Severity.ERROR and f.ids and table.template.get(f.ids[0]).column
        ]
        if errors:
            break
    else:
        pytest.skip("no matrix-template fixture with a table error")
    d = table.template.get(errors[0].ids[0])
    matrix = next(m for m in table.template.matrices if d.row in dict(m.rows) and d.column in dict(m.columns))
    paragraphs, _ = _read(export_memo(session, tmp_path / "矩阵.docx"))
    item = next(p for p in paragraphs if p.startswith("一、"))
    assert f"“{matrix.title}”中“{dict(matrix.rows)[d.row]}”行“{dict(matrix.columns)[d.column]}”栏公布为" in item
