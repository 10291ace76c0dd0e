"""What the 审核意见 memo says, as plain text: the title, the addressee, the numbered items.

An office sends this memo back to the reporting unit, so every item is in its wording:
where (统计表 row, a cell of 表三/表四, or the sentence of the narrative), what was
published, and what it should be or why it cannot be right. Three parts, each present
only when it has items:

- 需更正的数据: every value the auditor corrected ("“X”公布为66，应为514（原因：…）"),
  even when the correction made the finding it answered disappear;
- 经核实的问题: every finding the auditor confirmed, with the auditor's note;
- 待核实的事项: the errors and warnings nobody has dealt with yet (listed, not hidden:
  the reporting unit is asked to check them). False alarms are never sent out.

No python-docx here (``core.export.memo`` lays the text out as a DOCX), so the window can
say what a memo would hold without loading it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from core.export.layout import sentence_around
from core.folders import relative_names
from core.rules.base import fmt
from core.rules.finding import Finding, Kind, Severity
from core.schema.labels import short_label
from core.session import CONFIRMED, OPEN, AuditSession

CLOSING = "请核实更正后重新报送。"
NO_AGENCY = "（报送单位未识别，请填写）"
BLANK_AS_ZERO_NOTE = "本次审核中，统计表的空白单元格按0处理。"
_DIGITS = "零一二三四五六七八九"
_PATH_SEPARATORS = re.compile(r"[\\/:]+")


@dataclass(frozen=True, slots=True)
class MemoSection:
    """A numbered part of the 审核意见 and its items."""

    heading: str  # "需更正的数据" (numbered 一、二、… when laid out)
    items: tuple[str, ...]  # each numbered （一）（二）…


@dataclass(frozen=True, slots=True)
class MemoText:
    """The 审核意见 as text, before any file format lays it out."""

    title: str
    addressee: str
    opening: str
    notes: tuple[str, ...]
    sections: tuple[MemoSection, ...]
    closing: str  # "" when there is nothing to correct or check
    signature: tuple[str, ...]  # 审核单位, 审核人 (each when known), the date

    @property
    def items(self) -> list[str]:
        return [item for s in self.sections for item in s.items]

    def lines(self) -> list[str]:
        """The memo as numbered plain-text paragraphs, in the order the DOCX prints them."""
        out = [self.title, f"{self.addressee}：", self.opening, *self.notes]
        for n, section in enumerate(self.sections, start=1):
            out.append(f"{chinese_number(n)}、{section.heading}")
            out += [f"（{chinese_number(i)}）{item}" for i, item in enumerate(section.items, start=1)]
        if self.closing:
            out.append(self.closing)
        return out + list(self.signature)


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 23 -> 二十三, 105 -> 105 (item numbers)."""
    if n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def report_name(session: AuditSession) -> str:
    """《云岭市清江区人民政府办公室2021年政府信息公开工作年度报告》 from the agency and year."""
    r = session.result
    year = f"{r.year}年" if r.year else ""
    return f"《{r.agency or ''}{year}政府信息公开工作年度报告》"


def memo_title(session: AuditSession) -> str:
    return f"关于{report_name(session)}的审核意见"


# ---- the parts of one item ---------------------------------------------------------------


def _label(session: AuditSession, ident: str) -> str:
    table = session.table
    return table.label(ident) if table is not None and ident in table.template else ident


def _short(session: AuditSession, ident: str) -> str:
    return short_label(_label(session, ident))


def _where(session: AuditSession, ident: str) -> str:
    """统计表“（二）申请办结数”, or for a matrix cell 统计表“三、…”中“自然人”栏“…”行."""
    table = session.table
    if table is None or ident not in table.template:
        return f"统计表“{ident}”"
    d = table.template.get(ident)
    if d.row and d.column:
        for m in table.template.matrices:
            rows, cols = dict(m.rows), dict(m.columns)
            if d.row in rows and d.column in cols:
                return f"统计表“{m.title}”中“{short_label(rows[d.row])}”行“{cols[d.column]}”栏"
    return f"统计表“{d.label}”"


def _published(session: AuditSession, ident: str) -> str:
    """公布为12 / 公布为“——” / 为空白 / 未列出 (always reads after the row's name)."""
    table = session.table
    found = table.published.get(ident) if table is not None else None
    if found is None:
        return "未列出"
    if found.value is not None:
        return f"公布为{fmt(found.value)}"
    return f"公布为“{found.raw}”" if found.raw else "为空白"


def _should_be(value: Decimal | None) -> str:
    return "应为空白" if value is None else f"应为{fmt(value)}"


def correction_item(session: AuditSession, ident: str) -> str:
    """“（二）申请办结数”公布为66，应为514（原因：与纸质原件核对）。"""
    reason = session.reasons.get(ident, "").strip().rstrip("。")
    text = f"{_where(session, ident)}{_published(session, ident)}，{_should_be(session.value(ident))}"
    return text + (f"（原因：{reason}）。" if reason else "。")


def _suggestion(session: AuditSession, f: Finding) -> str:
    fix = f.suggestion
    if fix is None or session.is_corrected(fix.id):
        return ""
    return f"“{_short(session, fix.id)}”可能应为{fmt(fix.value)}，请核实。"


def finding_item(session: AuditSession, f: Finding) -> str:
    """One finding: where, what was published, what is wrong, the suggestion, the note."""
    message = f.message.rstrip("。")
    doc = session.result.document
    table = session.table
    if f.kind is Kind.TABLE and f.ids and table is not None and f.ids[0] in table.template:
        main = f.ids[0]
        text = f"{_where(session, main)}{_published(session, main)}"
        others = [i for i in f.ids[1:] if i in table.published]
        if others and len(others) <= 4:
            listed = "、".join(f"“{_short(session, i)}”{_published(session, i)}" for i in others)
            text += f"（相关数据：{listed}）"
        text += f"。{message}。"
    elif f.kind is Kind.NARRATIVE and f.evidence and doc is not None:
        sentence = sentence_around(doc.text, f.evidence[0].span)
        text = f"正文“{sentence}”一句：{message}。"
    else:
        text = f"{message}。"
    text += _suggestion(session, f)
    note = session.disposition(f.key).note.strip().rstrip("。")
    if note:
        text += f"审核意见：{note}。"
    return text


# ---- the memo ----------------------------------------------------------------------------


def corrected_ids(session: AuditSession) -> list[str]:
    """Corrected rows in the form's order."""
    table = session.table
    if table is None:
        return []
    return [d.id for d in table.template.indicators if d.id in table.corrections]


def confirmed_findings(session: AuditSession) -> list[Finding]:
    return [f for f in session.findings if session.disposition(f.key).status == CONFIRMED]


def open_findings(session: AuditSession) -> list[Finding]:
    """Errors and warnings not yet confirmed or dismissed (notes and 提示 are left out)."""
    return [
        f for f in session.findings
        if f.severity in (Severity.ERROR, Severity.WARNING) and session.disposition(f.key).status == OPEN
    ]


def compose_memo(session: AuditSession, *, reviewer: str, unit: str = "", on: date | None = None) -> MemoText:
    """The memo's text for the session as it stands (corrections, dispositions, notes)."""
    sections = []
    corrections = tuple(correction_item(session, i) for i in corrected_ids(session))
    if corrections:
        sections.append(MemoSection("需更正的数据", corrections))
    confirmed = tuple(finding_item(session, f) for f in confirmed_findings(session))
    if confirmed:
        sections.append(MemoSection("经核实的问题", confirmed))
    pending = tuple(finding_item(session, f) for f in open_findings(session))
    if pending:
        sections.append(MemoSection("待核实的事项", pending))

    report = report_name(session)
    if not sections:
        opening = f"经审核，你单位报送的{report}未发现需要更正的问题。"
    elif corrections or confirmed:
        opening = f"经审核，你单位报送的{report}存在以下问题："
    else:
        opening = f"经审核，你单位报送的{report}有以下事项需要核实："
    notes = (BLANK_AS_ZERO_NOTE,) if session.blank_as_zero and sections else ()
    signature = tuple(
        line for line in (f"审核单位：{unit.strip()}" if unit.strip() else "",
                          f"审核人：{reviewer.strip()}" if reviewer.strip() else "",
                          chinese_date(on or date.today()))
        if line
    )
    return MemoText(
        title=memo_title(session),
        addressee=session.result.agency or NO_AGENCY,
        opening=opening,
        notes=notes,
        sections=tuple(sections),
        closing=CLOSING if sections else "",
        signature=signature,
    )


MEMO_SUFFIX = "_审核意见.docx"


def memo_file_name(report_path: str) -> str:
    """报告名_审核意见.docx, the default beside or for the report."""
    return f"{Path(report_path).stem}{MEMO_SUFFIX}"


def memo_names(paths: Sequence[str]) -> dict[str, str]:
    """A distinct memo file name for each report of a folder run, all in one output folder.

    Reports in sub-folders keep the sub-folder in the name (乙区_报告_审核意见.docx); a
    report saved in two formats (报告.txt, 报告.docx) gets its format added to tell them apart.
    """
    relative = relative_names(list(paths))
    stems = {p: _PATH_SEPARATORS.sub("_", os.path.splitext(relative[p])[0]) for p in paths}
    counts = Counter(stems.values())
    names: dict[str, str] = {}
    taken: set[str] = set()
    for p in paths:
        stem = stems[p]
        if counts[stem] > 1:
            stem += f"（{Path(p).suffix.lstrip('.').lower() or '无扩展名'}）"
        name, n = f"{stem}{MEMO_SUFFIX}", 2
        while name in taken:  # still the same: number them
            name, n = f"{stem}（{n}）{MEMO_SUFFIX}", n + 1
        taken.add(name)
        names[p] = name
    return names
