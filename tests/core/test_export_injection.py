"""A report carrying spreadsheet formulas in its text exports them as inert text."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.audit import audit_file
from core.export.excel import export_workbook
from core.export.memo import export_memo
from core.export.sanitize import looks_like_formula
from core.session import AuditSession

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
LINK = '=HYPERLINK("http://example.com/x","点击查看")'
AT_SUM = "@SUM(1+1)"


def _hostile_report(tmp_path: Path) -> tuple[Path, str]:
    """A seed with formulas put into a narrative sentence the audit flags and a table row label.

    Returns the path and the id of the row whose label was prefixed.
    """
    import re

    for seed in SEEDS:
        base = audit_file(seed)
        narrative = [f for f in base.findings if f.kind.value == "narrative" and f.evidence]
        if base.table is not None and narrative:
            break
    else:
        pytest.skip("no seed has a narrative finding")
    text = base.document.text
    # a table row that the extractor found: prefix its label cell with "@SUM(...)"
    ident = next(i for i, v in base.table.published.items() if v.span is not None and v.label_span is not None)
    label_line = text.rfind("\n", 0, base.table.published[ident].label_span[0]) + 1
    # the sentence holding a narrative finding's evidence: starts with "=HYPERLINK(...)"
    claim_at = narrative[0].evidence[0].span[0]
    ends = [m.end() for m in re.finditer(r"[。！？；\n]", text[:claim_at])]
    sentence = ends[-1] if ends else 0
    for at, inserted in sorted([(label_line, AT_SUM), (sentence, LINK)], reverse=True):
        text = text[:at] + inserted + text[at:]
    path = tmp_path / "含公式的报告.txt"
    path.write_text(text, encoding="utf-8")
    return path, ident


def test_formulas_in_a_report_stay_text_in_every_sheet(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    path, ident = _hostile_report(tmp_path)
    result = audit_file(path)
    assert result.error is None and result.table is not None
    assert ident in result.table.published  # the prefixed row is still read
    session = AuditSession(result)
    for f in session.findings[:1]:
        session.set_disposition(f.key, "confirmed", f"{AT_SUM} 请更正")
    out = export_workbook(session, tmp_path / "导出.xlsx")

    wb = openpyxl.load_workbook(out)
    seen: list[str] = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    # only our own check columns hold formulas, and they never carry report text
                    assert ws.title == "指标" and cell.column == 8, (ws.title, cell.coordinate, cell.value)
                    assert "HYPERLINK" not in cell.value and "@" not in cell.value
                elif isinstance(cell.value, str) and looks_like_formula(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
                    seen.append(cell.value)
    # the injected strings did reach the workbook, as text: the row's source line and
    # the flagged narrative sentence
    source = wb["指标"].cell(row=result.table.template.ids.index(ident) + 2, column=12).value
    assert source.startswith(AT_SUM)
    assert any(v.startswith(LINK) for v in seen), "the narrative sentence should be quoted in 问题"
    assert any(v.startswith(AT_SUM) for v in seen)
    frame = pd.read_excel(out, sheet_name="指标", dtype=str, keep_default_na=False)
    assert frame.loc[frame["指标编号"] == ident, "原文"].item().startswith(AT_SUM)

    memo = export_memo(session, tmp_path / "审核意见.docx", reviewer="审核人")
    import docx

    body = "\n".join(p.text for p in docx.Document(str(memo)).paragraphs)
    assert AT_SUM in body  # shown literally: Word has no formulas to fear, but nothing was lost
