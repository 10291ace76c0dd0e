"""The formula-injection and control-character guard, through both workbook writers (openpyxl, XlsxWriter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.export.sanitize import clean_text, looks_like_formula, needs_text_guard, write_text

HOSTILE = [
    '=HYPERLINK("http://example.com","点击")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "  =1+1",
    "\t=1+1",
    "\r\n@SUM(A1)",
    "\u3000＝1+1",
    "#N/A",
    "123456789012345678",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_need_the_guard(text: str) -> None:
    assert needs_text_guard(clean_text(text))


@pytest.mark.parametrize("text", ["申请办结数", "0", "1,200", "（二）申请办结数", "a=b", "12-3", ""])
def test_ordinary_strings_are_left_alone(text: str) -> None:
    assert not looks_like_formula(text)


def test_control_characters_are_removed_and_line_ends_kept() -> None:
    assert clean_text("申请\x00办结\x07数\x1f\r\n下一行\x7f\ud800") == "申请办结数\n下一行"
    assert clean_text("a\tb") == "a\tb"


def test_openpyxl_round_trip_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    wb = openpyxl.Workbook()
    ws = wb.active
    for row, text in enumerate(HOSTILE, start=1):
        write_text(ws.cell(row=row, column=1), text)
    out = tmp_path / "guard.xlsx"
    wb.save(out)

    back = openpyxl.load_workbook(out).active
    for row, text in enumerate(HOSTILE, start=1):
        cell = back.cell(row=row, column=1)
        assert cell.data_type == "s", text
        assert cell.value == clean_text(text)
        assert cell.quotePrefix
    frame = pd.read_excel(out, header=None, dtype=str, keep_default_na=False)  # "#N/A" is text here
    assert list(frame[0]) == [clean_text(t) for t in HOSTILE]


def test_summary_writer_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    """The folder summary (XlsxWriter) writes a report's strings as strings, prefixed when
    they would look like a formula, and never turns one into a link or a number."""
    import openpyxl

    from core.batch import BatchRow, FindingRow
    from core.export.summary import build_summary

    rows = [BatchRow(path=str(tmp_path / "报告.txt"), agency="某局", year=2021, template="2021",
                     findings=tuple(FindingRow("warning", "narrative", "narrative.mismatch", (), text) for text in HOSTILE))]
    out = tmp_path / "summary.xlsx"
    build_summary(rows, str(out), analysis=False)
    back = openpyxl.load_workbook(out)["问题"]
    assert back.freeze_panes == "B2"
    messages = [back.cell(row=r, column=8) for r in range(2, back.max_row + 1)]
    assert [c.value for c in messages] == [clean_text(t) for t in HOSTILE]
    for cell in messages:
        assert cell.data_type == "s"
        assert cell.quotePrefix == needs_text_guard(cell.value)
