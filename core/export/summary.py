"""The folder summary workbook: 汇总 (one row per report), 指标 (long form), 问题.

The 指标 sheet is long form (one row per report x indicator) with a single header row
and no merged cells, so ``pandas.read_excel(..., sheet_name="指标")`` and an Excel pivot
table read it directly. A 1,000-report folder is ~65,000 indicator rows: the sheets are
streamed by ``xlsx_stream`` (openpyxl took ~17 s for them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from core.batch import BatchRow
from core.export.layout import number
from core.export.target import ExportError, save_atomically

__all__ = ["ExportError", "export_summary", "SUMMARY_HEADERS", "INDICATOR_HEADERS", "FINDING_HEADERS"]

SUMMARY_HEADERS = (
    "报告", "报送单位", "年度", "模板", "错误", "警告", "提示", "已确认问题", "更正数", "审核状态", "无法读取原因", "SHA-256",
)
_SUMMARY_WIDTHS = (34, 28, 7, 7, 7, 7, 7, 9, 8, 10, 60, 66)
INDICATOR_HEADERS = ("报告", "报送单位", "年度", "指标编号", "指标", "计量单位", "数值", "公布值", "状态")
_INDICATOR_WIDTHS = (34, 24, 7, 30, 50, 8, 10, 10, 9)
FINDING_HEADERS = ("报告", "报送单位", "年度", "严重程度", "类别", "规则", "指标编号", "问题说明", "建议", "处置")
_FINDING_WIDTHS = (34, 24, 7, 8, 10, 22, 30, 60, 24, 10)
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_LABELS = {"table": "统计表", "narrative": "正文与统计表", "document": "文档"}
DISPOSITION_LABELS = {"open": "待处理", "confirmed": "确认报告有误", "false_alarm": "误报"}


def report_names(rows: Sequence[BatchRow]) -> dict[str, str]:
    """Each path shown relative to the folder they share (names alone can repeat)."""
    paths = [os.path.abspath(r.path) for r in rows]
    if not paths:
        return {}
    try:
        base = os.path.commonpath([os.path.dirname(p) for p in paths])
    except ValueError:  # different drives on Windows
        return {r.path: r.path for r in rows}
    return {r.path: os.path.relpath(p, base) for r, p in zip(rows, paths)}


def export_summary(
    rows: Iterable[BatchRow], out_path: str | os.PathLike[str], overwrite: bool = True
) -> Path:
    """Write the summary workbook for a folder run; ``ExportError`` when it cannot be written."""
    ordered = sorted(rows, key=lambda r: (r.index, r.path))
    return save_atomically(lambda tmp: build_summary(ordered, tmp), out_path, overwrite=overwrite, suffix=".xlsx")


def build_summary(rows: Sequence[BatchRow], path: str) -> None:
    """Stream the three sheets to ``path`` (see ``xlsx_stream`` for why not openpyxl)."""
    from core.export.xlsx_stream import XlsxStream

    names = report_names(rows)
    with XlsxStream(path) as book:
        ws = book.sheet("汇总", SUMMARY_HEADERS, _SUMMARY_WIDTHS, title="年度报告审核汇总", print_columns=len(SUMMARY_HEADERS) - 1)
        for r in rows:
            ok = r.ok
            ws.append((
                names[r.path], r.agency, r.year, r.template,
                r.errors if ok else None, r.warnings if ok else None, r.infos if ok else None,
                r.confirmed if ok else None, r.corrections if ok else None,
                r.review if ok else "无法读取", r.error, r.sha256 or None,
            ))

        ws = book.sheet("指标", INDICATOR_HEADERS, _INDICATOR_WIDTHS, title="年度报告审核汇总：指标")
        for r in rows:
            name, agency, year = names[r.path], r.agency, r.year
            for i in r.indicators:
                if i.unit is None:
                    continue  # header rows carry no value: they would be empty pivot rows
                ws.append((name, agency, year, i.id, i.label, i.unit, number(i.value), number(i.published), i.status))

        ws = book.sheet("问题", FINDING_HEADERS, _FINDING_WIDTHS, title="年度报告审核汇总：问题")
        for r in rows:
            name, agency, year = names[r.path], r.agency, r.year
            for f in r.findings:
                ws.append((
                    name, agency, year, SEVERITY_LABELS.get(f.severity, f.severity), KIND_LABELS.get(f.kind, f.kind),
                    f.rule, ", ".join(f.ids), f.message, f.suggestion or None,
                    DISPOSITION_LABELS.get(f.disposition, f.disposition),
                ))
            if not r.ok:
                ws.append((name, agency, year, "错误", "文档", "document.unreadable", None, f"无法读取：{r.error}", None, None))
