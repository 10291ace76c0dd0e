"""Every analysis table of a folder run, computed once for the workbook and the window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from core.analysis.comparison import compare
from core.analysis.frames import PATH, plain_records, report_frame, value_frame
from core.analysis.rollup import rollup_checks, rollup_parts
from core.analysis.years import several_years, year_changes
from core.batch import BatchRow

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
RULE_COLUMNS = ["问题类别", "错误", "警告", "提示", "合计", "涉及报告数", "示例", "规则编号"]
# Rule id (or its leading part) -> the kind of problem in plain words, longest prefix first.
RULE_KINDS: dict[str, str] = {
    "sum": "分项合计不符", "t3.sum": "表三合计不符", "t3.row": "表三各列合计不符", "t3.note": "表三勾稽关系不符",
    "t4.sum": "表四合计不符", "bound": "分项与总数不符", "t2.bound": "表二分项与总数不符", "header.value": "标题行填了数",
    "row.missing": "统计表缺行", "value.blank": "空白单元格", "value.negative": "负数", "value.decimal": "非整数",
    "value.uncertain": "数字连写需核实", "value.unreadable": "无法识别的数值", "narrative.mismatch": "正文与统计表不符",
    "narrative.percent": "正文百分比不符", "narrative.conflict": "正文前后说法不一", "narrative.received": "正文收到申请数不符",
    "narrative.all_upheld": "正文称“均获维持”不符", "narrative.unassessable": "正文数字无法核对", "soft": "口径存疑",
    "document": "文档问题", "template": "模板与年度不符", "cross_year.carried": "上年结转不符",
    "cross_year.in_force": "现行有效件数不符", "cross_year.same_table": "统计表照搬上年", "cross_year.same_text": "正文照搬上年",
}


def rule_kind(rule: str) -> str:
    parts = rule.split(".")
    for n in range(len(parts), 0, -1):
        kind = RULE_KINDS.get(".".join(parts[:n]))
        if kind:
            return kind
    return "其他问题"


@dataclass(frozen=True)
class Table:
    """An analysis table as plain Python for a view: what to show and what to sort by."""

    name: str
    columns: list[str]
    display: list[tuple[str, ...]]
    sort_keys: list[tuple[float | str, ...]]
    paths: list[str | None]  # the report a row is about (opened on double-click), if any


@dataclass(frozen=True)
class FolderAnalysis:
    """The tables the 分析 tab and the summary workbook show for a folder of reports."""

    rules: pd.DataFrame  # 问题统计: findings by rule, most first
    stats: pd.DataFrame  # 机关对比: per indicator
    outliers: pd.DataFrame  # 偏离明细: per flagged report x indicator (has a path column)
    years: pd.DataFrame | None  # 逐年变化, None when no agency has two years in the folder
    rollup: pd.DataFrame | None  # 汇总核对, None when the folder holds no whole with its parts
    rollup_parts: pd.DataFrame | None

    def tables(self) -> dict[str, pd.DataFrame]:
        """Sheet name -> table, in the order the workbook and the window show them."""
        out = {"机关对比": self.stats, "偏离明细": self.outliers}
        if self.years is not None:
            out["逐年变化"] = self.years
        if self.rollup is not None:
            out["汇总核对"] = self.rollup
        out["问题统计"] = self.rules
        return out

    def view_tables(self) -> list[Table]:
        return [view_table(name, frame) for name, frame in self.tables().items()]


_RATIO_COLUMNS = {"数值", "最小值", "下四分位", "中位数", "上四分位", "最大值", "偏离下限", "偏离上限", "上年数值", "本年数值", "变化"}


def _shown(value: object, percent: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if percent:
            return f"{value:.1%}"
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value)


def view_table(name: str, frame: pd.DataFrame) -> Table:
    columns = [c for c in frame.columns if c != PATH]
    records = plain_records(frame[columns])
    ratio_rows = list(frame["单位"] == "比例") if "单位" in frame.columns else [False] * len(frame)
    numeric = [
        any(isinstance(r[i], (int, float)) and not isinstance(r[i], bool) for r in records) for i in range(len(columns))
    ]
    display, keys = [], []
    for record, is_ratio in zip(records, ratio_rows):
        display.append(tuple(
            _shown(v, (is_ratio and c in _RATIO_COLUMNS) or c == "变化率") for c, v in zip(columns, record)
        ))
        keys.append(tuple(
            (float(v) if isinstance(v, (int, float)) else float("-inf")) if numeric[i] else ("" if v is None else str(v))
            for i, v in enumerate(record)
        ))
    paths = list(frame[PATH]) if PATH in frame.columns else [None] * len(frame)
    return Table(name, columns, display, keys, paths)


def rule_counts(rows: Sequence[BatchRow]) -> pd.DataFrame:
    """Findings per kind of problem (false alarms left out), most first, with one example."""
    records = [
        (rule_kind(f.rule), f.rule, SEVERITY_LABELS.get(f.severity, f.severity), f.message, r.path)
        for r in rows for f in r.findings if f.disposition != "false_alarm"
    ]
    frame = pd.DataFrame.from_records(records, columns=["问题类别", "规则", "严重程度", "示例", PATH])
    if frame.empty:
        return pd.DataFrame(columns=RULE_COLUMNS)
    counts = frame.pivot_table(index="问题类别", columns="严重程度", values=PATH, aggfunc="size", fill_value=0)
    counts = counts.reindex(columns=["错误", "警告", "提示"], fill_value=0)
    counts["合计"] = counts.sum(axis=1)
    grouped = frame.groupby("问题类别")
    counts["涉及报告数"] = grouped[PATH].nunique()
    counts["示例"] = grouped["示例"].first()
    counts["规则编号"] = grouped["规则"].agg(lambda rules: "、".join(sorted(set(rules))[:6]))
    counts = counts.reset_index().sort_values(["合计", "问题类别"], ascending=[False, True], kind="stable")
    return counts[RULE_COLUMNS].reset_index(drop=True)


def analyse_folder(rows: Sequence[BatchRow]) -> FolderAnalysis:
    reports = report_frame(rows)
    values = value_frame(rows)
    comparison = compare(values, reports)
    years = None
    if several_years(reports):
        years = year_changes(values, reports, {r.path: r.sketch for r in rows})
    rollup = rollup_checks(values, reports)
    return FolderAnalysis(
        rules=rule_counts(rows),
        stats=comparison.stats,
        outliers=comparison.outliers,
        years=years,
        rollup=rollup if len(rollup) else None,
        rollup_parts=rollup_parts(reports) if len(rollup) else None,
    )
