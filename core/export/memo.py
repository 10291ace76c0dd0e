"""The 审核意见 memo as a printable DOCX an office sends back to the reporting unit.

The words come from ``core.export.memo_text``; this module only lays them out the way
a Chinese office document looks (GB/T 9704): A4, 宋体 小二 title, 仿宋 三号 body on a
fixed 28 pt line pitch, 黑体 part headings numbered 一、二、…, items （一）（二）…, the
signature block (审核单位, 审核人, date) on the right.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from core.export.memo_text import MemoText, chinese_number, compose_memo
from core.export.sanitize import clean_text
from core.export.target import ExportError, save_atomically
from core.session import AuditSession

__all__ = ["ExportError", "build_memo", "export_memo"]

TITLE_FONT, HEADING_FONT, BODY_FONT = "宋体", "黑体", "仿宋"
TITLE_PT, BODY_PT = 18, 16  # 小二 / 三号
LINE_PITCH = Pt(28)  # the usual fixed line pitch of an official document


def _paragraph(
    doc: DocxDocument, text: str, *, indent: bool = True, align: str | None = None, size: float = BODY_PT,
    font: str = BODY_FONT, bold: bool = False,
) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing = LINE_PITCH
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(clean_text(text).replace("\n", " "))
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), font)  # Word picks eastAsia for Chinese text: name it explicitly
    return p


def build_memo(memo: MemoText) -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    _paragraph(doc, memo.title, indent=False, align="center", size=TITLE_PT, font=TITLE_FONT, bold=True)
    _paragraph(doc, "", indent=False)
    _paragraph(doc, f"{memo.addressee}：", indent=False)
    _paragraph(doc, memo.opening)
    for note in memo.notes:
        _paragraph(doc, note)
    for n, part in enumerate(memo.sections, start=1):
        _paragraph(doc, f"{chinese_number(n)}、{part.heading}", font=HEADING_FONT)
        for i, item in enumerate(part.items, start=1):
            _paragraph(doc, f"（{chinese_number(i)}）{item}")
    if memo.closing:
        _paragraph(doc, memo.closing)
    _paragraph(doc, "", indent=False)
    for line in memo.signature:
        _paragraph(doc, line, indent=False, align="right")
    return doc


def export_memo(
    session: AuditSession,
    out_path: str | os.PathLike[str],
    *,
    reviewer: str,
    unit: str = "",
    on: date | None = None,
    overwrite: bool = True,
) -> Path:
    """Write the memo DOCX; ``ExportError`` (Chinese) when it cannot be written."""
    if session.result.error is not None:
        raise ExportError(f"报告无法读取，不能生成审核意见：{session.result.error}")
    doc = build_memo(compose_memo(session, reviewer=reviewer, unit=unit, on=on))
    return save_atomically(doc.save, out_path, overwrite=overwrite, suffix=".docx")
