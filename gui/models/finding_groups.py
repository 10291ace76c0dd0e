"""Findings grouped by cause: one rule (in plain words) at one row or column of a table.

A real report can raise a hundred findings that have a handful of causes: a column left
blank, eight rows the agency did not print. Grouped, the auditor sees the cause once,
with a count, and can dispose of the whole group with one note. Which line groups best
is read from the findings themselves: a cause that fills whole rows (a row missing in
every column) is grouped by row, one that runs down a column (a blank 总计 column) by
column. Pure data, no Qt; rule ids appear only in tooltips.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.rules.finding import Finding, Kind, Severity
from core.schema.labels import short_label
from core.schema.model import Matrix, Template

# Rule id prefix -> the cause in plain words; the first prefix a rule starts with wins.
FAMILIES: tuple[tuple[str, str], ...] = (
    ("blank.total", "合计栏未填写"),
    ("blank.cells", "空白单元格"),
    ("value.unreadable", "无法识别的数值"),
    ("value.negative", "负数"),
    ("value.decimal", "非整数"),
    ("value.uncertain", "拆分不确定的数值"),
    ("row.missing", "统计表缺行"),
    ("header.value", "标题行填了数值"),
    ("sum.", "分项合计不符"),
    ("bound.", "数量关系不符"),
    ("t2.bound.", "表二 公开数量关系"),
    ("t2.", "表二 勾稽关系"),
    ("t3.row.", "表三 申请人各栏合计不符"),
    ("t3.sum.", "表三 办理结果合计不符"),
    ("t3.note.", "表三 “第一项加第二项等于第三项加第四项”不成立"),
    ("t3.", "表三 勾稽关系"),
    ("t4.sum.", "表四 合计不符"),
    ("t4.", "表四 勾稽关系"),
    ("narrative.unassessable", "正文数字无法核对"),
    ("narrative.mismatch", "正文与统计表不一致"),
    ("narrative.conflict", "正文前后说法不一"),
    ("narrative.percent", "正文百分比不符"),
    ("narrative.list_sum", "正文合计与所列分项不符"),
    ("narrative.repeated", "正文重复的文字"),
    ("narrative.", "正文与统计表不符"),
    ("cross_year.", "与上年报告不符"),
    ("template.", "模板与年度"),
    ("ocr.doubtful", "识别存疑的数字"),
    ("document.", "文档问题"),
    ("soft.", "值得核实的情形"),
)
_KIND_NAMES = {Kind.TABLE: "统计表检查", Kind.NARRATIVE: "正文检查", Kind.DOCUMENT: "文档检查"}
_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def family_of(rule: str) -> str:
    """The rule's family: the prefix it shares with the rules of the same cause."""
    return next((prefix for prefix, _ in FAMILIES if rule == prefix or rule.startswith(prefix)), rule)


def family_name(family: str, kind: Kind = Kind.TABLE) -> str:
    return next((name for prefix, name in FAMILIES if prefix == family), _KIND_NAMES[kind])


_ITEM = re.compile(r"第[一二三四五六七八九十]+条第?([（(][一二三四五六七八九十]+[）)])项")


def table_name(matrix: Matrix) -> str:
    """表二（一）/ 表三 / 表四: the form's own names, short; the full title goes in tooltips."""
    name = _TABLE_NAMES.get(matrix.id.split(".")[0])
    if name is None:
        return short_label(matrix.title)
    item = _ITEM.search(matrix.title)
    return name + item.group(1).replace("(", "（").replace(")", "）") if item and "." in matrix.id else name


@dataclass(frozen=True)
class Cause:
    """What several findings have in common, named in plain words for the findings list."""

    key: str  # stable across re-audits: family + where
    family: str
    label: str  # plain words
    tip: str  # rule ids, for the tooltip

    @property
    def name(self) -> str:
        return self.label


@dataclass(frozen=True)
class Group:
    """Findings that share one cause, listed under it."""

    cause: Cause
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> Severity:
        return min((f.severity for f in self.findings), key=_SEVERITY_RANK.__getitem__)


def _cell(template: Template | None, ident: str) -> tuple[Matrix, str, str] | None:
    """(matrix, row id, column id) of a matrix cell id."""
    if template is None or ident not in template:
        return None
    d = template.get(ident)
    if d.row is None or d.column is None:
        return None
    for matrix in template.matrices:
        if any(r == d.row for r, _ in matrix.rows) and any(c == d.column for c, _ in matrix.columns):
            return matrix, d.row, d.column
    return None


def _line_label(matrix: Matrix, by: str, line: str, cause: str) -> str:
    names = dict(matrix.rows if by == "row" else matrix.columns)
    table = table_name(matrix)
    where = f"「{short_label(names.get(line, line))}」{'行' if by == 'row' else '列'}"
    return where if cause.startswith(table) else table + where


def group_findings(findings: Sequence[Finding], template: Template | None) -> list[Group]:
    """Groups in the order their first finding comes; a group may hold one finding."""
    by_family: dict[str, list[Finding]] = {}
    for finding in findings:
        by_family.setdefault(family_of(finding.rule), []).append(finding)
    keyed: dict[str, tuple[Cause, list[Finding]]] = {}
    order: list[str] = []
    for family, members in by_family.items():
        cells = {f.key: _cell(template, f.ids[0]) if f.ids else None for f in members}
        by = _best_line(members, cells)
        for finding in members:
            cell = cells[finding.key]
            name = family_name(family, finding.kind)
            if by and cell is not None:
                matrix, row, column = cell
                line = row if by == "row" else column
                key = f"{family}|{matrix.id}|{by}|{line}"
                label = f"{name} · {_line_label(matrix, by, line, name)}"
            else:
                key, label = family, name
            if key not in keyed:
                keyed[key] = (Cause(key, family, label, ""), [])
                order.append(key)
            keyed[key][1].append(finding)
    groups = []
    for key in order:
        cause, members = keyed[key]
        rules = sorted({f.rule for f in members})
        tip = "规则：" + "、".join(rules[:6]) + ("等" if len(rules) > 6 else "")
        groups.append(Group(Cause(cause.key, cause.family, cause.label, tip), tuple(members)))
    return groups


def _best_line(members: list[Finding], cells: dict[str, tuple[Matrix, str, str] | None]) -> str:
    """"row" or "column": the line whose groups are the fuller (a whole row missing is
    grouped by row, a blank column by column); "" when the findings are not about cells."""
    placed = [c for c in cells.values() if c is not None]
    if len(placed) < 2:
        return ""
    fill: dict[str, float] = {}
    for by in ("row", "column"):
        lines: dict[tuple[str, str], int] = {}
        for matrix, row, column in placed:
            line = (matrix.id, row if by == "row" else column)
            lines[line] = lines.get(line, 0) + 1
        sizes = {m.id: len(m.columns) if by == "row" else len(m.rows) for m, _, _ in placed}
        fill[by] = sum(count / max(sizes[matrix], 1) for (matrix, _), count in lines.items()) / len(lines)
    return "row" if fill["row"] >= fill["column"] else "column"
