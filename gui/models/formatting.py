"""Text for values and findings as the tables show them; parsing stays in ``core``."""

from __future__ import annotations

from decimal import Decimal

from core.rules.base import fmt
from core.rules.finding import Finding, Kind, Severity
from core.table.values import parse_value

SEVERITY_TEXT = {Severity.ERROR: "✗ 错误", Severity.WARNING: "! 警告", Severity.INFO: "i 提示"}
KIND_TEXT = {Kind.TABLE: "统计表", Kind.NARRATIVE: "正文", Kind.DOCUMENT: "文档"}


def value_text(value: Decimal | None) -> str:
    return "" if value is None else fmt(value)


class BadValue(ValueError):
    """What the auditor typed is not a number; the message is shown as is."""


def parse_user_value(text: str) -> tuple[bool, Decimal | None]:
    """(revert, value): blank text reverts to the published value; "空"/a dash means blank."""
    stripped = text.strip()
    if not stripped:
        return True, None
    if stripped in {"空", "无", "（空）"}:
        return False, None
    value, problem = parse_value(stripped)
    if problem:
        raise BadValue(f"“{stripped}”不是数字")
    return False, value


def severity_text(finding: Finding) -> str:
    return SEVERITY_TEXT[finding.severity]
