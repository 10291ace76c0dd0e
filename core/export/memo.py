"""The 审核意见 memo: a short printable DOCX an office sends back to the reporting unit.

It lists the problems the auditor confirmed (or, when none is confirmed yet, the open
errors, said so plainly), each in office wording: where (table row or sentence), what
was published, and what it should be or why it cannot be right. Fonts are the ones
Word on a Chinese PC has under these names (宋体 title, 仿宋 body, GB/T 9704 sizes).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.export.target import ExportError, save_atomically

if TYPE_CHECKING:
    from core.rules.finding import Finding
    from core.session import AuditSession

__all__ = ["ExportError", "export_memo", "memo_items", "memo_title"]

TITLE_FONT, BODY_FONT = "宋体", "仿宋"
TITLE_PT, BODY_PT = 18, 16  # 小二 / 三号
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 23 -> 二十三 (memo item numbers; n < 100)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def memo_title(session: AuditSession) -> str:
    return f"关于{report_name(session)}的审核意见"


def report_name(session: AuditSession) -> str:
    """《银川市西夏区2018年政府信息公开工作年度报告》, or the file name when unknown."""
    r = session.result
    if r.agency and r.year:
        report = f"{r.agency}{r.year}年政府信息公开工作年度报告"
    elif r.agency:
        report = f"{r.agency}政府信息公开工作年度报告"
    else:
        report = Path(r.path).stem
    return f"《{report}》"


def selected_findings(session: AuditSession) -> tuple[list[Finding], bool]:
    """(findings, confirmed): confirmed problems, else the open errors (not yet confirmed)."""
    from core.rules.finding import Severity
    from core.session import CONFIRMED, OPEN

    confirmed = [f for f in session.findings if session.disposition(f.key).status == CONFIRMED]
    if confirmed:
        return confirmed, True
    return [
        f for f in session.findings if f.severity is Severity.ERROR and session.disposition(f.key).status == OPEN
    ], False


def _label(session: AuditSession, ident: str) -> str:
    table = session.table
    return table.label(ident) if table is not None and ident in table.template else ident


def _where(session: AuditSession, ident: str) -> str:
    """"统计表“（二）申请办结数”一行", or for a matrix cell "表三“…”行“自然人”栏"."""
    table = session.table
    if table is None or ident not in table.template:
        return f"统计表“{ident}”"
    d = table.template.get(ident)
    if d.row and d.column:
        for m in table.template.matrices:
            rows, cols = dict(m.rows), dict(m.columns)
            if d.row in rows and d.column in cols:
                return f"统计表“{m.title}”中“{rows[d.row]}”行“{cols[d.column]}”栏"
    return f"统计表“{d.label}”一行"


def _published(session: AuditSession, ident: str) -> str:
    from core.rules.base import fmt

    table = session.table
    found = table.published.get(ident) if table is not None else None
    if found is None:
        return "（未列出）"
    if found.value is not None:
        return fmt(found.value)
    return f"“{found.raw}”" if found.raw else "空白"


def _should_be(session: AuditSession, f: Finding) -> str:
    from core.rules.base import fmt
    from core.schema.labels import short_label

    corrected = [i for i in f.ids if session.is_corrected(i)]
    if corrected:
        parts = [f"“{short_label(_label(session, i))}”应为{fmt(session.value(i))}" for i in corrected]
        return "经核实，" + "，".join(parts) + "。"
    if f.suggestion is not None:
        return f"“{short_label(_label(session, f.suggestion.id))}”可能应为{fmt(f.suggestion.value)}，请核实后更正。"
    if f.kind.value == "narrative" and f.table is not None:
        return f"正文数字与统计表（{fmt(f.table)}）不一致，请核实二者并统一。"
    return "请核实后更正。"


def memo_item(session: AuditSession, f: Finding) -> str:
    """One problem in office wording (without its number)."""
    from core.schema.labels import short_label

    doc = session.result.document
    message = f.message.rstrip("。")
    if f.kind.value == "table" and f.ids:
        main = f.ids[0]
        where = f"{_where(session, main)}公布为{_published(session, main)}"
        others = [i for i in f.ids[1:] if session.table is not None and i in session.table.published]
        if others and len(others) <= 4:
            listed = "、".join(f"“{short_label(_label(session, i))}”为{_published(session, i)}" for i in others)
            where += f"（相关数据：{listed}）"
        text = f"{where}。{message}。{_should_be(session, f)}"
    elif f.kind.value == "narrative" and f.evidence and doc is not None:
        from core.export.layout import sentence_around

        sentence = sentence_around(doc.text, f.evidence[0].span)
        text = f"正文“{sentence}”一句：{message}。{_should_be(session, f)}"
    else:
        text = f"{message}。"
        if f.kind.value == "table":
            text += _should_be(session, f)
    note = session.disposition(f.key).note.strip()
    if note:
        text += f"审核意见：{note.rstrip('。')}。"
    return text


def memo_items(session: AuditSession) -> tuple[list[str], bool]:
    findings, confirmed = selected_findings(session)
    return [memo_item(session, f) for f in findings], confirmed


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)  # Word picks eastAsia for Chinese text: name it explicitly


def _paragraph(doc: Any, text: str, *, indent: bool = True, align: str | None = None, size: float = BODY_PT,
               font: str = BODY_FONT, bold: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from core.export.sanitize import clean_text

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28)  # fixed 28 pt: the usual official-document line pitch
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(p.add_run(clean_text(text).replace("\n", " ")), font, size, bold)
    return p


def build_memo(session: AuditSession) -> Any:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", BODY_FONT
    )

    r = session.result
    _paragraph(doc, memo_title(session), indent=False, align="center", size=TITLE_PT, font=TITLE_FONT, bold=True)
    _paragraph(doc, "", indent=False)
    _paragraph(doc, f"{r.agency or '报送单位'}：", indent=False)
    items, confirmed = memo_items(session)
    report = report_name(session)
    if not items:
        _paragraph(doc, f"经审核，你单位报送的{report}未发现需要更正的问题。")
    else:
        _paragraph(doc, f"经审核，你单位报送的{report}存在以下问题，请核实更正后重新报送：")
        if not confirmed:
            _paragraph(doc, "（以下为核对发现的错误，尚待审核人逐条确认。）")
        for n, text in enumerate(items, start=1):
            _paragraph(doc, f"{chinese_number(n) if n < 100 else n}、{text}")
    _paragraph(doc, "", indent=False)
    _paragraph(doc, f"审核人：{session.user}", indent=False, align="right")
    today = date.today()
    _paragraph(doc, f"{today.year}年{today.month}月{today.day}日", indent=False, align="right")
    return doc


def export_memo(session: AuditSession, out_path: str | os.PathLike[str], overwrite: bool = True) -> Path:
    """Write the memo DOCX; ``ExportError`` (Chinese) when it cannot be written."""
    if session.result.error is not None:
        raise ExportError(f"报告无法读取，不能生成审核意见：{session.result.error}")
    doc = build_memo(session)
    return save_atomically(doc.save, out_path, overwrite=overwrite, suffix=".docx")
