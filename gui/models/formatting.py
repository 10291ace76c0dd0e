"""Text for values and findings as the tables show them; parsing stays in ``core``."""

from __future__ import annotations

from decimal import Decimal

from core.narrative.figures import parse_chinese_numeral
from core.rules.base import fmt
from core.rules.finding import Finding, Kind, Severity
from core.table.values import UNITS, parse_value

SEVERITY_TEXT = {Severity.ERROR: "✗ 错误", Severity.WARNING: "! 警告", Severity.INFO: "i 提示"}
KIND_TEXT = {Kind.TABLE: "统计表", Kind.NARRATIVE: "正文", Kind.DOCUMENT: "文档"}


def value_text(value: Decimal | None) -> str:
    return "" if value is None else fmt(value)


class BadValue(ValueError):
    """What the auditor typed is not a number; the message is shown as is."""


def parse_user_value(text: str) -> tuple[bool, Decimal | None]:
    """(revert, value): blank text reverts to the published value; "空"/a dash means blank.
    A Chinese numeral reads as the engine reads the narrative ("十二" 12, "两" 2), and a
    unit after the number ("12件") is allowed."""
    stripped = text.strip()
    if not stripped:
        return True, None
    if stripped in {"空", "无", "（空）"}:
        return False, None
    number = next((stripped[: -len(u)].strip() for u in sorted(UNITS, key=len, reverse=True)
                   if stripped.endswith(u) and len(stripped) > len(u)), stripped)
    value, problem = parse_value(number)
    if problem:
        sign = -1 if number[:1] in "-－负" and len(number) > 1 else 1
        chinese = parse_chinese_numeral(number[1:] if sign < 0 else number)
        if chinese is None:
            raise BadValue(f"“{stripped}”不是数字")
        return False, Decimal(sign * chinese)
    return False, value


def value_feedback(text: str, signed: bool) -> tuple[str, bool]:
    """What the correction dialog says under the typed value, and whether it can be
    taken: how it reads, and a warning when a count goes negative."""
    try:
        revert, value = parse_user_value(text)
    except BadValue as err:
        return str(err), False
    if revert:
        return "留空：恢复报告公布的数值", True
    if value is None:
        return "该格将按“空白”处理", True
    note = f"将更正为 {fmt(value)}"
    if value < 0 and not signed:
        note += "（注意：这一行是计数，不应为负数）"
    return note, True


def severity_text(finding: Finding) -> str:
    return SEVERITY_TEXT[finding.severity]
