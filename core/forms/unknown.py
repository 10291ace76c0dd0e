"""A statistical table of a form the engine does not know: say what was found.

Provinces have had their own simplified tables (Fujian's "2016年度 / 历年累计"), and the
national forms will change again. When no known form reads a document but it holds a
table titled as one (…政府信息公开情况统计表), the auditor is told plainly what the
table is and that its figures were not checked cell by cell, instead of "no table".
"""

from __future__ import annotations

import re

from core.rules.finding import Evidence, Finding, Kind, Severity

_TITLE = re.compile(r"[^\s。；，、：:]{0,30}政府信息公开(?:工作)?(?:情况)?(?:统计表|数据表)")
# Column heads such tables print: the year of the report, a running total, units ...
_COLUMNS = re.compile(r"\d{4}\s*年度|历年累计|累计数|上年度|本年度|计量单位|指标名称|统计指标|单位")


def unknown_form(text: str) -> Finding | None:
    title = None
    for m in _TITLE.finditer(text):
        title = m  # the table comes last in such reports: its title is the last mention
    if title is None:
        return None
    window = text[title.end():title.end() + 200]
    columns = list(dict.fromkeys(re.sub(r"\s+", "", c.group()) for c in _COLUMNS.finditer(window)))
    if not columns:
        return None
    name = re.sub(r"^[一二三四五六七八九十]+[、.．]\s*", "", title.group())
    return Finding(
        rule="document.unknown_form",
        kind=Kind.DOCUMENT,
        severity=Severity.WARNING,
        ids=(),
        message=(
            f"报告附的是“{name}”（栏目：{'、'.join(columns)}），不是国家统一的统计表格式"
            "（2008年版或2019/2021年格式），表内数字未逐项核对；正文中的合计和百分比仍已核对"
        ),
        evidence=(Evidence(title.span(), title.group()),),
    )
