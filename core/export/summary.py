"""The folder summary workbook: 汇总, 指标 (long form), 问题, and the cross-report analysis.

Written with XlsxWriter in constant-memory mode: each row goes to disk as it is written,
so memory stays flat however many reports the folder holds (a 1,000-report folder is
~65,000 indicator rows; bench/bench_batch.py compares it with openpyxl's write-only
mode). Every sheet declares its dimension, so openpyxl's read-only mode, pandas and
LibreOffice all size it. The 指标 sheet has one header row and no merged cells:
``pandas.read_excel(..., sheet_name="指标")`` and an Excel pivot table read it directly.

After the three data sheets come the analysis sheets of ``core.analysis`` (pandas):
机关对比 (with a chart of the indicators where most agencies stand out), 偏离明细, 逐年变化
(when the folder holds several years of one agency), 汇总核对 and 汇总构成 (when it holds a
whole county/city report with its parts) and 问题统计 (with a chart of findings by kind).

Strings from reports go through ``sanitize``: written as strings (never formulas), with
Excel's quote prefix when they would look like one. XlsxWriter's own temporary files go
to a private folder that is removed whatever happens; the finished file is moved onto
the target by ``core.export.target`` (a full disk or a locked target: a clear message,
the old file intact, no temporary file left).
"""

from __future__ import annotations

import io
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from core.batch import BatchRow
from core.export.layout import FONT_NAME, FONT_SIZE, header_footer_text, number
from core.export.sanitize import clean_text, needs_text_guard
from core.export.target import ExportError, save_atomically
from core.folders import relative_names
from core.schema.labels import short_label

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
CHART_ROWS = 15  # bars per chart: the top of each list
_ANALYSIS_WIDTHS = {
    "报告": 30, "报送单位": 24, "指标": 40, "指标编号": 26, "偏离的机关": 60, "说明": 50, "示例": 60, "规则编号": 30,
    "所属汇总": 30, "指标简称": 24, "问题类别": 18, "检查": 10, "偏离": 14, "结果": 9,
}
_PERCENT_COLUMNS = {"变化率"}


def report_names(rows: Sequence[BatchRow]) -> dict[str, str]:
    """Each path shown relative to the folder they share (names alone can repeat)."""
    return relative_names([r.path for r in rows])


def export_summary(
    rows: Iterable[BatchRow], out_path: str | os.PathLike[str], overwrite: bool = True, *, analysis: bool = True
) -> Path:
    """Write the summary workbook for a folder run, worst report first as the window lists
    them; ``ExportError`` (Chinese) when it cannot be written."""
    ordered = sorted(rows, key=lambda r: r.worst_first_key)
    return save_atomically(
        lambda tmp: build_summary(ordered, tmp, analysis=analysis), out_path, overwrite=overwrite, suffix=".xlsx"
    )


class _Book:
    """An XlsxWriter workbook with the project's formats and a guarded string writer."""

    def __init__(self, out: Any, tmpdir: str) -> None:
        base = {"font_name": FONT_NAME, "font_size": FONT_SIZE}
        self.wb = xlsxwriter.Workbook(out, {
            "constant_memory": True, "tmpdir": tmpdir,
            # a report's text is data: never a formula, a link or a number
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            # the book's own default: plain cells need no format of their own (a million cells)
            "default_format_properties": base,
        })
        self.plain = None
        self.guarded = self.wb.add_format({**base, "quote_prefix": True, "num_format": "@"})
        self.percent = self.wb.add_format({**base, "num_format": "0.0%"})
        self.header = self.wb.add_format({
            **base, "bold": True, "bg_color": "#D9E1F2", "align": "center", "valign": "vcenter", "text_wrap": True,
            "border": 1, "border_color": "#808080",
        })
        self._texts: dict[str, tuple[str, bool]] = {}
        self._print_columns: dict[str, int] = {}

    def text(self, raw: str) -> tuple[str, bool]:
        """(cleaned text, needs the quote prefix), cached: a summary repeats labels thousands of times."""
        known = self._texts.get(raw)
        if known is None:
            cleaned = clean_text(raw)
            known = self._texts[raw] = (cleaned, needs_text_guard(cleaned))
        return known

    def sheet(
        self, name: str, headers: Sequence[str], widths: Sequence[float], *, title: str,
        print_columns: int | None = None,
    ) -> Any:
        ws = self.wb.add_worksheet(name)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        ws.set_row(0, 30)
        ws.write_row(0, 0, headers, self.header)
        ws.freeze_panes(1, 1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
        ws.set_header(f"&C&9 {header_footer_text(title)}", {"margin": 0.3})
        ws.set_footer("&C&9第 &P 页，共 &N 页", {"margin": 0.3})
        self._print_columns[name] = print_columns or len(headers)
        return ws

    def write(self, ws: Any, row: int, values: Sequence[Any], percent: frozenset[int] = frozenset()) -> None:
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, str):
                text, guard = self.text(value)
                if text:
                    ws.write_string(row, col, text, self.guarded if guard else self.plain)
            elif isinstance(value, bool):
                ws.write_boolean(row, col, value, self.plain)
            else:
                number_value = float(value) if not isinstance(value, int) else value
                if isinstance(number_value, float) and not math.isfinite(number_value):
                    continue  # NaN: no value
                ws.write_number(row, col, number_value, self.percent if col in percent else self.plain)

    def finish(self, ws: Any, last_row: int, columns: int) -> None:
        ws.autofilter(0, 0, last_row, columns - 1)
        printed = self._print_columns.get(ws.name, columns)
        if printed < columns:  # ids and hashes are for screens, not paper
            ws.print_area(0, 0, last_row, printed - 1)


def build_summary(rows: Sequence[BatchRow], path: str, *, analysis: bool = True) -> None:
    """Write every sheet to ``path``; XlsxWriter's temporary files never outlive the call.

    The rows stream through temporary files; the zip itself (a few MB) is assembled in
    memory and written to ``path`` in one go: XlsxWriter leaves its zip open when a write
    fails, and an open file on a full disk would complain again when collected.
    """
    tmpdir = tempfile.mkdtemp(prefix="nianbao-xlsx-")
    try:
        packed = _Buffer()
        book = _Book(packed, tmpdir)
        _data_sheets(book, rows)
        if analysis:
            _analysis_sheets(book, rows)
        try:
            book.wb.close()
        except XlsxWriterException as err:  # wraps the OSError of a full disk or a vanished folder
            cause = err.args[0] if err.args else err
            raise (cause if isinstance(cause, OSError) else OSError(str(cause))) from err
        with open(path, "wb") as out:
            out.write(packed.getbuffer())
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


class _Buffer(io.BytesIO):
    """Where the zip is assembled. Never closed by others: after a failed write XlsxWriter's
    zip still points here, and when it is collected it writes its directory and must not
    find a closed file (a confusing "Exception ignored" on the console)."""

    def close(self) -> None:
        pass


def _data_sheets(book: _Book, rows: Sequence[BatchRow]) -> None:
    names = report_names(rows)
    ws = book.sheet("汇总", SUMMARY_HEADERS, _SUMMARY_WIDTHS, title="年度报告审核汇总",
                    print_columns=len(SUMMARY_HEADERS) - 1)
    n = 0
    for n, r in enumerate(rows, start=1):
        ok = r.ok
        book.write(ws, n, (
            names[r.path], r.agency, r.year, r.template,
            r.errors if ok else None, r.warnings if ok else None, r.infos if ok else None,
            r.confirmed if ok else None, r.corrections if ok else None,
            r.review if ok else "无法读取", r.error, r.sha256 or None,
        ))
    book.finish(ws, n, len(SUMMARY_HEADERS))

    ws = book.sheet("指标", INDICATOR_HEADERS, _INDICATOR_WIDTHS, title="年度报告审核汇总：指标")
    n = 0
    write = book.write
    for r in rows:
        name, agency, year = names[r.path], r.agency, r.year
        for i in r.indicators:
            if i.unit is None:
                continue  # header rows carry no value: they would be empty pivot rows
            n += 1
            write(ws, n, (name, agency, year, i.id, i.label, i.unit, number(i.value), number(i.published), i.status))
    book.finish(ws, n, len(INDICATOR_HEADERS))

    ws = book.sheet("问题", FINDING_HEADERS, _FINDING_WIDTHS, title="年度报告审核汇总：问题")
    n = 0
    for r in rows:
        name, agency, year = names[r.path], r.agency, r.year
        for f in r.findings:
            n += 1
            write(ws, n, (
                name, agency, year, SEVERITY_LABELS.get(f.severity, f.severity), KIND_LABELS.get(f.kind, f.kind),
                f.rule, ", ".join(f.ids), f.message, f.suggestion or None,
                DISPOSITION_LABELS.get(f.disposition, f.disposition),
            ))
        if not r.ok:
            n += 1
            write(ws, n, (name, agency, year, "错误", "文档", "document.unreadable", None, f"无法读取：{r.error}", None, None))
    book.finish(ws, n, len(FINDING_HEADERS))


# ---- analysis sheets ----------------------------------------------------------------------


def _analysis_sheets(book: _Book, rows: Sequence[BatchRow]) -> None:
    from core.analysis.folder import analyse_folder  # pandas: loaded when a summary is written

    result = analyse_folder(rows)
    stats = result.stats.copy()
    stats["指标简称"] = stats["指标"].map(short_label)
    _frame_sheet(book, "机关对比", stats, title="各机关指标对比（四分位）",
                 chart=_flagged_chart, ratio_rows=stats["单位"] == "比例")
    _frame_sheet(book, "偏离明细", result.outliers, title="远离其他机关的数值",
                 ratio_rows=result.outliers["单位"] == "比例")
    if result.years is not None:
        _frame_sheet(book, "逐年变化", result.years, title="同一机关逐年变化")
    if result.rollup is not None:
        _frame_sheet(book, "汇总核对", result.rollup, title="全域报告与各部分报告之和")
    if result.rollup_parts is not None:
        _frame_sheet(book, "汇总构成", result.rollup_parts, title="汇总核对所计入的报告")
    _frame_sheet(book, "问题统计", result.rules, title="各类问题数量", chart=_rules_chart)


def records(frame: Any) -> list[tuple[Any, ...]]:
    from core.analysis.frames import plain_records

    return plain_records(frame)


def _frame_sheet(
    book: _Book, name: str, frame: Any, *, title: str, chart: Callable[[_Book, Any, Any], None] | None = None,
    ratio_rows: Any = None,
) -> None:
    """One DataFrame as a plain sheet (the window-only path column left out)."""
    columns = [c for c in frame.columns if c != "path"]
    widths = [_ANALYSIS_WIDTHS.get(c, max(8, min(14, 2 * len(c) + 2))) for c in columns]
    ws = book.sheet(name, columns, widths, title=title)
    ratio_cols = frozenset(
        i for i, c in enumerate(columns)
        if c in {"数值", "最小值", "下四分位", "中位数", "上四分位", "最大值", "偏离下限", "偏离上限", "上年数值", "本年数值", "变化"}
    )
    always = frozenset(i for i, c in enumerate(columns) if c in _PERCENT_COLUMNS)
    flags = list(ratio_rows) if ratio_rows is not None else [False] * len(frame)
    n = 0
    for n, (values, is_ratio) in enumerate(zip(records(frame[columns]), flags), start=1):
        book.write(ws, n, values, always | ratio_cols if is_ratio else always)
    book.finish(ws, n, len(columns))
    if chart is not None and n:
        chart(book, ws, frame.assign(_row=range(1, n + 1)).reset_index(drop=True))


def _flagged_chart(book: _Book, ws: Any, frame: Any) -> None:
    flagged = frame[frame["偏离机关数"] > 0].head(CHART_ROWS)
    if flagged.empty:
        return
    columns = [c for c in frame.columns if c not in ("path", "_row")]
    label_col, count_col = columns.index("指标简称"), columns.index("偏离机关数")
    last = int(flagged["_row"].max())
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": "偏离机关数",
        "categories": ["机关对比", 1, label_col, last, label_col],
        "values": ["机关对比", 1, count_col, last, count_col],
        "fill": {"color": "#C0504D"},
        "data_labels": {"value": True},
    })
    _style_chart(chart, "远离其他机关最多的指标（机关数）")
    ws.insert_chart(1, len(columns) + 1, chart, {"x_scale": 1.6, "y_scale": 1.8})


def _rules_chart(book: _Book, ws: Any, frame: Any) -> None:
    last = min(len(frame), CHART_ROWS)
    chart = book.wb.add_chart({"type": "bar", "subtype": "stacked"})
    for col, (label, color) in enumerate((("错误", "#C0504D"), ("警告", "#F79646"), ("提示", "#A5A5A5")), start=1):
        chart.add_series({
            "name": label,
            "categories": ["问题统计", 1, 0, last, 0],
            "values": ["问题统计", 1, col, last, col],
            "fill": {"color": color},
        })
    _style_chart(chart, "各类问题数量")
    ws.insert_chart(1, len([c for c in frame.columns if c not in ("path", "_row")]) + 1, chart,
                    {"x_scale": 1.6, "y_scale": 1.8})


def _style_chart(chart: Any, title: str) -> None:
    font = {"name": FONT_NAME, "size": 9}
    chart.set_title({"name": title, "name_font": {"name": FONT_NAME, "size": 12, "bold": True}})
    chart.set_x_axis({"num_font": font, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_y_axis({"num_font": font, "reverse": True})  # the first (largest) row on top
    chart.set_legend({"position": "bottom", "font": font})
