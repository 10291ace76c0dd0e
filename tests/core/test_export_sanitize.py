"""The formula-injection and control-character guard, through both workbook writers."""

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


def test_streaming_writer_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    import openpyxl

    from core.export.xlsx_stream import XlsxStream

    out = tmp_path / "stream.xlsx"
    with XlsxStream(str(out)) as book:
        ws = book.sheet("表", ("文本", "数"), (30, 8))
        for n, text in enumerate(HOSTILE):
            ws.append((text, n))
    back = openpyxl.load_workbook(out)["表"]
    assert back.freeze_panes == "B2"
    for row, text in enumerate(HOSTILE, start=2):
        cell = back.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value == clean_text(text) and cell.quotePrefix
        assert back.cell(row=row, column=2).value == row - 2
