"""How each kind of marked span looks, declared once for the text, the legend and the tables.

Severity never relies on colour alone (colour-blind auditors, grey-scale printouts):
errors are bold with a wavy underline, warnings have a dotted underline, uncovered
figures a dashed one, and corrected values get an outline box drawn by the report view.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat


class Mark(IntEnum):
    """Kinds of marked span; a higher value is painted on top of a lower one."""

    VALUE = 1  # a table value that every check accepts
    CLAIM = 2  # a narrative phrase tied to a table row
    UNCOVERED = 3  # a narrative figure no check could tie to the table
    INFO = 4  # a value a check could not assess
    WARNING = 5
    ERROR = 6


COLORS = {
    Mark.VALUE: "#dfe6f1",
    Mark.CLAIM: "#d6e9fb",
    Mark.UNCOVERED: "#ececec",
    Mark.INFO: "#eef2e0",
    Mark.WARNING: "#ffe08a",
    Mark.ERROR: "#f7a8a8",
}
UNDERLINES = {
    Mark.VALUE: ("#8a94a6", QTextCharFormat.UnderlineStyle.NoUnderline),
    Mark.CLAIM: ("#3b7dd8", QTextCharFormat.UnderlineStyle.NoUnderline),
    Mark.UNCOVERED: ("#555555", QTextCharFormat.UnderlineStyle.DashUnderline),
    Mark.INFO: ("#7a8a3a", QTextCharFormat.UnderlineStyle.DotLine),
    Mark.WARNING: ("#a86a00", QTextCharFormat.UnderlineStyle.DotLine),
    Mark.ERROR: ("#c00000", QTextCharFormat.UnderlineStyle.WaveUnderline),
}
LABELS = {
    Mark.VALUE: "统计表数值",
    Mark.CLAIM: "已核对的正文数字",
    Mark.UNCOVERED: "未核对的正文数字",
    Mark.INFO: "无法核对",
    Mark.WARNING: "警告",
    Mark.ERROR: "错误",
}
CORRECTED_COLOR = "#1a8f3c"  # outline around a value the auditor corrected
CORRECTED_LABEL = "已更正"

# Status cell of the indicator table: (symbol, background) so the text carries the meaning.
STATUS_STYLE = {
    "有误": ("✗", COLORS[Mark.ERROR]),
    "待核实": ("!", COLORS[Mark.WARNING]),
    "已更正": ("✎", "#cdeed6"),
    "缺失": ("—", "#e4e4e4"),
    "无法核对": ("?", COLORS[Mark.INFO]),
    "一致": ("✓", ""),
    "": ("", ""),
}


def char_format(mark: Mark) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(COLORS[mark]))
    color, style = UNDERLINES[mark]
    if style != QTextCharFormat.UnderlineStyle.NoUnderline:
        fmt.setUnderlineStyle(style)
        fmt.setUnderlineColor(QColor(color))
    if mark is Mark.ERROR:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QColor("#7a0000"))
    return fmt


def legend_html() -> str:
    """The legend above the report text, in the same styles as the marks themselves."""
    css = {
        Mark.ERROR: "font-weight:bold; text-decoration:underline; color:#7a0000",
        Mark.WARNING: "text-decoration:underline",
        Mark.CLAIM: "",
        Mark.UNCOVERED: "text-decoration:underline",
        Mark.VALUE: "",
    }
    chips = [
        f'<span style="background:{COLORS[m]}; {style}">&nbsp;{LABELS[m]}&nbsp;</span>' for m, style in css.items()
    ]
    chips.insert(2, f'<span style="border:1px solid {CORRECTED_COLOR}; color:{CORRECTED_COLOR}">&nbsp;□ {CORRECTED_LABEL}&nbsp;</span>')
    return "&nbsp; ".join(chips)


def status_text(status: str) -> str:
    symbol = STATUS_STYLE.get(status, ("", ""))[0]
    return f"{symbol} {status}".strip()


def status_brush(status: str) -> QColor | None:
    color = STATUS_STYLE.get(status, ("", ""))[1]
    return QColor(color) if color else None


ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
