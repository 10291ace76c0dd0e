"""The corrected workbook of one report: 指标, 问题, 修改记录, 说明.

Reads only the ``AuditSession`` (the single source of truth) and writes plain
openpyxl features that Excel, WPS and LibreOffice all show the same way. Every number a
reader needs is a plain value: 公布值, 更正值, and also 分项合计 and 差额, computed here.
openpyxl cannot store a formula's result, so a reader without a calculation engine
(pandas, openpyxl, a preview pane) would see a formula cell as empty: the live formula
that lets the auditor watch the arithmetic in Excel/WPS sits in its own check column
(差额验算), beside the values it re-computes. Every string taken from the report goes
through ``sanitize``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

import core
from core.export.layout import FONT_NAME, FONT_SIZE, number, sentence_around, source_line
from core.export.sanitize import clean_text, write_text
from core.export.sheet_style import body_style, fit_row_heights, header_row, print_setup
from core.export.target import ExportError, save_atomically
from core.forms import get_form
from core.rules.base import SumRule, fmt
from core.rules.finding import Finding, Severity
from core.schema.labels import short_label
from core.session import DISPOSITION_LABELS, FALSE_ALARM, AuditSession

__all__ = ["ExportError", "export_workbook", "build_workbook", "INDICATOR_HEADERS"]

INDICATOR_HEADERS = (
    "指标编号", "指标", "单位", "公布值", "更正值", "分项合计", "差额", "差额验算\n（公式）", "状态", "更正原因", "问题说明", "原文",
)
_IND_WIDTHS = (20, 46, 6, 10, 10, 10, 8, 10, 8, 24, 40, 46)
_IND_WRAP = (2, 10, 11, 12)
VALUE_COLUMN = "E"  # the check formulas sum this column
SUM_COL, DIFF_COL, CHECK_COL, STATUS_COL, REASON_COL, MESSAGE_COL, SOURCE_COL = 6, 7, 8, 9, 10, 11, 12
_MESSAGES_SHOWN = 6  # a row taking part in more findings points to the 问题 sheet for the rest

ISSUE_HEADERS = (
    "序号", "严重程度", "类别", "规则", "涉及指标", "问题说明", "建议", "处置", "审核备注", "处置人", "处置时间", "原文依据", "指标编号",
)
_ISSUE_WIDTHS = (5, 8, 10, 18, 22, 44, 18, 11, 20, 9, 18, 36, 20)
_ISSUE_WRAP = (4, 5, 6, 7, 9, 12, 13)

HISTORY_HEADERS = ("序号", "时间", "操作人", "操作", "对象", "原值", "新值", "原因或备注", "编号")
_HISTORY_WIDTHS = (5, 18, 10, 7, 40, 12, 12, 36, 24)
_HISTORY_WRAP = (5, 8)  # not 9: the raw key is off the printed area and must not make rows tall

KIND_LABELS = {"table": "统计表", "narrative": "正文与统计表", "document": "文档"}
STATUS_STYLE = {  # fill, font colour: the usual Excel "bad / neutral / good" palette
    "有误": ("FFC7CE", "9C0006"),
    "待核实": ("FFEB9C", "9C5700"),
    "已更正": ("DDEBF7", "1F4E78"),
    "缺失": ("D9D9D9", "404040"),
    "无法核对": ("EDEDED", "595959"),
}
SEVERITY_STYLE = {"error": ("FFC7CE", "9C0006"), "warning": ("FFEB9C", "9C5700"), "info": ("EDEDED", "595959")}
CORRECTED_FILL = "FCE4D6"
STATUS_LEGEND = (
    ("一致", "该行参与的核对均相符"),
    ("已更正", "审核人已更正该值（批注中为原公布值）"),
    ("有误", "该行参与的核对有错误"),
    ("待核实", "该行参与的核对有疑问，需向报送单位核实"),
    ("缺失", "统计表中没有这一行"),
    ("无法核对", "该值空白或无法识别，相关核对无法进行"),
)


def export_workbook(
    session: AuditSession,
    out_path: str | os.PathLike[str],
    overwrite: bool = False,
    *,
    reviewer: str | None = None,
    unit: str = "",
) -> Path:
    """Write the corrected workbook; raise ``ExportError`` (Chinese) when it cannot be written.

    ``reviewer`` (审核人, default the session's user) and ``unit`` (审核单位) go in 说明.
    """
    if session.result.error is not None:
        raise ExportError(f"报告无法读取，不能导出：{session.result.error}")
    wb = build_workbook(session, reviewer=reviewer, unit=unit)
    return save_atomically(wb.save, out_path, overwrite=overwrite, suffix=".xlsx")


def build_workbook(session: AuditSession, *, reviewer: str | None = None, unit: str = "") -> Any:
    wb = Workbook()
    wb.remove(wb.active)
    title = _report_title(session)
    signer = (reviewer if reviewer is not None else session.user).strip()
    _indicator_sheet(wb.create_sheet("指标"), session, title, signer or "审核人")
    _issue_sheet(wb.create_sheet("问题"), session, title)
    _history_sheet(wb.create_sheet("修改记录"), session, title)
    _about_sheet(wb.create_sheet("说明"), session, title, signer, unit.strip())
    wb.active = 0
    return wb


# ---- helpers -------------------------------------------------------------------------


def _report_title(session: AuditSession) -> str:
    r = session.result
    name = Path(r.path).name
    who = "".join(x for x in (r.agency or "", f"{r.year}年" if r.year else "") if x)
    return f"{who}政府信息公开工作年度报告 审核表（{name}）" if who else f"审核表（{name}）"


def local_time(stamp: str) -> str:
    """"2026-11-21T21:05:33+08:00" -> "2026-11-21 21:05:33": what an auditor reads and sorts."""
    return stamp[:19].replace("T", " ") if len(stamp) >= 19 and stamp[10] == "T" else stamp


def _put_text(ws: Any, row: int, column: int, text: str | None) -> Any:
    return write_text(ws.cell(row=row, column=column), text)


def _style(cell: Any, fill: str, color: str | None = None, bold: bool = False) -> None:
    cell.fill = PatternFill("solid", fgColor=fill)
    cell.font = Font(name=FONT_NAME, size=FONT_SIZE, color=color, bold=bold)


def _level(session: AuditSession, ident: str) -> int:
    assert session.table is not None
    template = session.table.template
    depth, parent = 0, template.get(ident).parent
    while parent is not None and parent in template and depth < 6:
        depth += 1
        parent = template.get(parent).parent
    return depth


def _sum_parts(session: AuditSession) -> dict[str, list[tuple[str, ...]]]:
    """parent id -> the groups of ids its sum rules add up (the template's exact sum rules).

    Most totals have one group; the grand total of the 2019/2021 request table (t3) has two,
    its row across the applicant types and its column down the results.
    """
    assert session.table is not None
    rules = get_form(session.table.template.id).exact_rules
    groups: dict[str, list[tuple[str, ...]]] = {}
    for r in rules:
        if isinstance(r, SumRule):
            groups.setdefault(r.parent, []).append(r.children)
    return groups


def difference_formula(row: int, sums: Sequence[str]) -> str:
    """更正值 minus each group's ``sum_formula``: the first difference that is not zero, else 0."""
    value, totals = f"{VALUE_COLUMN}{row}", [f.lstrip("=") for f in sums]
    checked = f"{value}-{totals[-1]}"
    for total in reversed(totals[:-1]):
        checked = f"IF({value}-{total}<>0,{value}-{total},{checked})"
    return f'=IF(ISBLANK({value}),"",{checked})'


def group_sums(session: AuditSession, groups: Sequence[Sequence[str]]) -> list[Decimal]:
    """What each group's =SUM computes from the 更正值 column (blank cells add nothing)."""
    return [sum((session.value(p) or Decimal(0) for p in g), Decimal(0)) for g in groups]


def difference(value: Decimal | None, sums: Sequence[Decimal]) -> Decimal | None:
    """The value ``difference_formula`` computes: blank for a blank total."""
    if value is None:
        return None
    return next((value - s for s in sums if value - s != 0), Decimal(0))


def sum_formula(rows: Sequence[int], column: str = VALUE_COLUMN) -> str:
    """=SUM over the given rows, consecutive rows folded into ranges: =SUM(E12:E15,E20)."""
    ordered = sorted(set(rows))
    runs: list[tuple[int, int]] = []
    for r in ordered:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    parts = [f"{column}{a}" if a == b else f"{column}{a}:{column}{b}" for a, b in runs]
    return f"=SUM({','.join(parts)})"


def _short(session: AuditSession, ident: str) -> str:
    table = session.table
    if table is None or ident not in table.template:
        return ident
    return short_label(table.label(ident))


def _messages(session: AuditSession, ident: str, status: str) -> str:
    """The findings this row takes part in (false alarms left out), one per line."""
    messages = list(dict.fromkeys(
        f.message for f in session.findings_for(ident) if session.disposition(f.key).status != FALSE_ALARM
    ))
    if status == "缺失" and not messages:
        return "统计表中没有这一行"
    shown = messages[:_MESSAGES_SHOWN]
    if len(messages) > len(shown):
        shown.append(f"等共{len(messages)}条，见“问题”表")
    return "\n".join(shown)


# ---- 指标 -----------------------------------------------------------------------------


def _indicator_sheet(ws: Any, session: AuditSession, title: str, author: str) -> None:
    header_row(ws, 1, INDICATOR_HEADERS, _IND_WIDTHS)
    table = session.table
    text = session.result.document.text if session.result.document is not None else ""
    last = 1
    if table is not None:
        indicators = table.template.indicators
        row_of = {d.id: i for i, d in enumerate(indicators, start=2)}
        parts_of = _sum_parts(session)
        for r, d in enumerate(indicators, start=2):
            last = r
            ws.cell(row=r, column=1, value=d.id)
            ws.cell(row=r, column=2, value=d.label).alignment = Alignment(
                horizontal="left", indent=_level(session, d.id), vertical="top", wrap_text=True
            )
            if d.header:
                ws.cell(row=r, column=2).font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
            ws.cell(row=r, column=3, value=d.unit)
            found = table.published.get(d.id)
            published = found.value if found else None
            if published is not None:
                ws.cell(row=r, column=4, value=number(published))
            elif found is not None and found.raw:
                _put_text(ws, r, 4, found.raw)  # what was printed ("——", "若干"): shown, not guessed
            status = session.status(d.id)
            if not d.header:
                ws.cell(row=r, column=5, value=number(session.value(d.id)))
            groups = [g for g in parts_of.get(d.id, ()) if all(p in row_of for p in g)]
            if groups:
                sums = group_sums(session, groups)
                ws.cell(row=r, column=SUM_COL, value=number(sums[0]))
                ws.cell(row=r, column=DIFF_COL, value=number(difference(session.value(d.id), sums)))
                formulas = [sum_formula([row_of[p] for p in g]) for g in groups]
                ws.cell(row=r, column=CHECK_COL, value=difference_formula(r, formulas))
                if len(formulas) > 1:
                    listed = "；".join(f"第{i}组 {f}" for i, f in enumerate(formulas, start=1))
                    note = Comment(f"本格是{len(formulas)}组分项各自的合计（{listed}）。“分项合计”为第1组之和；"
                                   "“差额”与“差额验算”依次核对每一组，显示第一个不为零的差额。", "年报审核台")
                    note.width, note.height = 320, 110
                    ws.cell(row=r, column=CHECK_COL).comment = note
            _put_text(ws, r, STATUS_COL, status)
            _put_text(ws, r, REASON_COL, session.reasons.get(d.id, "") if session.is_corrected(d.id) else "")
            _put_text(ws, r, MESSAGE_COL, _messages(session, d.id, status) if status not in ("", "一致") else "")
            _put_text(ws, r, SOURCE_COL, source_line(text, found.span if found else None))
        body_style(ws, range(2, last + 1), len(INDICATOR_HEADERS), wrap=_IND_WRAP,
                   numeric=(4, 5, SUM_COL, DIFF_COL, CHECK_COL))
        for r, d in enumerate(indicators, start=2):
            status = ws.cell(row=r, column=STATUS_COL).value
            if status in STATUS_STYLE:
                _style(ws.cell(row=r, column=STATUS_COL), *STATUS_STYLE[status])
            if session.is_corrected(d.id):
                cell = ws.cell(row=r, column=5)
                _style(cell, CORRECTED_FILL, "833C0B", bold=True)
                found = table.published.get(d.id)
                was = fmt(found.value) if found and found.value is not None else (found.raw or "（空）") if found else "（无此行）"
                note = f"原公布值：{was}"
                if session.reasons.get(d.id):
                    note += f"\n更正原因：{session.reasons[d.id]}"
                comment = Comment(clean_text(note), author)
                comment.width, comment.height = 240, 90
                cell.comment = comment
            ws.cell(row=r, column=1).font = Font(name=FONT_NAME, size=8, color="808080")
            if ws.cell(row=r, column=CHECK_COL).value is not None:
                ws.cell(row=r, column=CHECK_COL).font = Font(name=FONT_NAME, size=FONT_SIZE, color="1F4E78")
        fit_row_heights(ws, range(2, last + 1), _IND_WIDTHS, _IND_WRAP)
        # a non-zero difference is the arithmetic error the auditor is looking for
        for col in (DIFF_COL, CHECK_COL):
            letter = _col(col)
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{last}",
                CellIsRule(operator="notEqual", formula=["0"], font=Font(color="9C0006", bold=True)),
            )
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{_col(len(INDICATOR_HEADERS))}{last}"
    print_setup(ws, title=title)
    ws.print_area = f"B1:{_col(SOURCE_COL)}{last}"  # the id column is for machines, not for paper


def _col(n: int) -> str:
    return str(get_column_letter(n))


# ---- 问题 -----------------------------------------------------------------------------


def _evidence_text(session: AuditSession, f: Finding) -> str:
    doc = session.result.document
    if not f.evidence:
        return ""
    if f.kind.value == "table" and doc is not None:
        lines = [source_line(doc.text, e.span, limit=120) for e in f.evidence]
        return "\n".join(dict.fromkeys(x for x in lines if x))
    if doc is not None:
        return "\n".join(dict.fromkeys(sentence_around(doc.text, e.span) for e in f.evidence))
    return "\n".join(dict.fromkeys(e.text for e in f.evidence))


def _issue_sheet(ws: Any, session: AuditSession, title: str) -> None:
    header_row(ws, 1, ISSUE_HEADERS, _ISSUE_WIDTHS)
    r = 1
    for n, f in enumerate(session.findings, start=1):
        r = n + 1
        d = session.disposition(f.key)
        ws.cell(row=r, column=1, value=n)
        _put_text(ws, r, 2, f.severity.label)
        _put_text(ws, r, 3, KIND_LABELS.get(f.kind.value, f.kind.value))
        _put_text(ws, r, 4, f.rule)
        _put_text(ws, r, 5, "、".join(_short(session, i) for i in f.ids))
        _put_text(ws, r, 6, f.message)
        if f.suggestion is not None:
            _put_text(ws, r, 7, f"{_short(session, f.suggestion.id)}可能应为{fmt(f.suggestion.value)}")
        _put_text(ws, r, 8, DISPOSITION_LABELS.get(d.status, d.status))
        _put_text(ws, r, 9, d.note)
        _put_text(ws, r, 10, d.user)
        _put_text(ws, r, 11, local_time(d.at))
        _put_text(ws, r, 12, _evidence_text(session, f))
        _put_text(ws, r, 13, ", ".join(f.ids))
    body_style(ws, range(2, r + 1), len(ISSUE_HEADERS), wrap=_ISSUE_WRAP, numeric=(1,))
    for row in range(2, r + 1):
        f = session.findings[row - 2]
        _style(ws.cell(row=row, column=2), *SEVERITY_STYLE[f.severity.value])
    fit_row_heights(ws, range(2, r + 1), _ISSUE_WIDTHS, _ISSUE_WRAP)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{_col(len(ISSUE_HEADERS))}{r}"
    print_setup(ws, title=title)
    ws.print_area = f"A1:L{r}"


# ---- 修改记录 ------------------------------------------------------------------------


def _history_target(session: AuditSession, target: str, by_key: dict[str, Finding]) -> str:
    table = session.table
    if table is not None and target in table.template:
        return table.label(target)
    f = by_key.get(target)
    if f is not None:
        return f"问题：{f.message}"
    rule, _, rest = target.partition("|")
    ids = [i for i in rest.split("|", 1)[0].split(",") if i]
    involved = "、".join(_short(session, i) for i in ids[:4]) + ("等" if len(ids) > 4 else "")
    return f"问题（{rule}：{involved}；当前已不存在）" if involved else f"问题（{rule}，当前已不存在）"


def _history_value(entry_action: str, text: str | None) -> str | None:
    if entry_action in ("dispose", "restore") or (text in DISPOSITION_LABELS):
        return DISPOSITION_LABELS.get(text or "", text)
    return text


def _history_sheet(ws: Any, session: AuditSession, title: str) -> None:
    header_row(ws, 1, HISTORY_HEADERS, _HISTORY_WIDTHS)
    by_key = {f.key: f for f in session.findings}
    r = 1
    for n, h in enumerate(session.history, start=1):
        r = n + 1
        ws.cell(row=r, column=1, value=n)
        _put_text(ws, r, 2, local_time(h.at))
        _put_text(ws, r, 3, h.user)
        _put_text(ws, r, 4, h.action_label)
        _put_text(ws, r, 5, _history_target(session, h.target, by_key))
        dispose = h.target not in (session.table.template if session.table is not None else ())
        _put_text(ws, r, 6, _history_value(h.action, h.old) if dispose else h.old)
        _put_text(ws, r, 7, _history_value(h.action, h.new) if dispose else h.new)
        _put_text(ws, r, 8, h.reason)
        _put_text(ws, r, 9, h.target)
    if r == 1:
        _put_text(ws, 2, 5, "（无修改）")
        r = 2
    body_style(ws, range(2, r + 1), len(HISTORY_HEADERS), wrap=_HISTORY_WRAP, numeric=(1,))
    fit_row_heights(ws, range(2, r + 1), _HISTORY_WIDTHS, _HISTORY_WRAP)
    ws.freeze_panes = "A2"
    print_setup(ws, title=title)
    ws.print_area = f"A1:H{r}"


# ---- 说明 -----------------------------------------------------------------------------


def about_rows(session: AuditSession, reviewer: str = "", unit: str = "") -> list[tuple[str, str]]:
    r = session.result
    doc = r.document
    table = session.table
    counts = {s: sum(1 for f in r.findings if f.severity is s) for s in Severity}
    rows = [
        ("报告文件", Path(r.path).name),
        ("文件路径", str(r.path)),
        ("SHA-256", doc.sha256 if doc is not None else ""),
        ("模板", f"{table.template.id}（{table.template.title}）" if table is not None else "未识别"),
        ("报送单位", r.agency or "未识别"),
        ("报告年度", str(r.year) if r.year else "未识别"),
        ("审核工具", f"年报审核台 {core.__version__}"),
        ("导出时间", datetime.now().astimezone().isoformat(timespec="seconds")),
        ("审核人", reviewer or session.user),
        ("审核单位", unit or "（未填写）"),
        ("空白按0处理", "是：统计表中的空白单元格按0参与核对" if session.blank_as_zero
         else "否：空白单元格不等于0，涉及空白的核对为“无法核对”"),
        ("更正数", str(len(table.corrections)) if table is not None else "0"),
        (
            "问题数",
            f"错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}",
        ),
        ("核对列", "“分项合计”为各分项“更正值”之和，“差额”为“更正值”减“分项合计”，非零即合计不符（均为数值）。"
                 "“差额验算”是同一差额的实时公式，在 Excel/WPS 中改动“更正值”即重新计算。"
                 "一格同时是几组分项的合计时（如申请处理情况表的总计），差额依次核对每一组（见该格批注）。"),
        ("更正原因与问题说明", "“更正原因”是审核人更正该值时填写的原因；“问题说明”是该行涉及的核对问题（误报不列）。"),
    ]
    rows += [(f"状态：{k}", v) for k, v in STATUS_LEGEND]
    notes: Iterable[str] = list(doc.notes if doc is not None else ()) + list(
        r.extraction.notes if r.extraction is not None else ()
    )
    rows += [("读取说明", n) for n in notes]
    return rows


def _about_sheet(ws: Any, session: AuditSession, title: str, reviewer: str, unit: str) -> None:
    widths = (16, 90)
    header_row(ws, 1, ("项目", "内容"), widths)
    rows = about_rows(session, reviewer, unit)
    for r, (key, value) in enumerate(rows, start=2):
        _put_text(ws, r, 1, key)
        _put_text(ws, r, 2, value)
    last = len(rows) + 1
    body_style(ws, range(2, last + 1), 2, wrap=(2,))
    fit_row_heights(ws, range(2, last + 1), widths, (2,))
    ws.freeze_panes = "A2"
    print_setup(ws, title=title, landscape=False)
