"""Checks of the report's prose that need no table: its own totals, repeated passages,
the year of its improvement plans.

- ``narrative.list_sum`` (warning): a total the prose breaks into parts that do not add
  up ("共公布政府信息2599条（其中…）" whose parts make 2533; see ``core.narrative.lists``).
- ``narrative.repeated`` (warning): the same passage printed twice in a row (a paste
  slip: "…新闻发布会聚焦…新闻发布会").
- ``document.plan_year`` (warning): the improvement section plans measures for the
  report year itself ("2016年，我们将采取以下措施" in the 2016 report): text carried over
  from the year before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.document.model import Span
from core.narrative.lists import find_lists
from core.narrative.model import Figure
from core.rules.base import fmt
from core.rules.finding import Evidence, Finding, Kind, Severity

_MIN_REPEAT, _MAX_REPEAT = 10, 80  # characters of a passage printed twice in a row
_SHINGLE = 8
_IMPROVE = re.compile(r"(?:改进|整改|下一步|努力方向|工作计划|工作打算)")
_PLAN_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年\s*[，,]?\s*(?:我们|我局|我区|我市|我县|我委|我办|本机关|我单位|我镇|我街道)?\s*(?:将|要|拟|计划)"
)


def _han_count(text: str) -> int:
    """Chinese characters (CJK Unified Ideographs) in ``text``."""
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def _list_findings(text: str, ranges: Sequence[Span], figures: Sequence[Figure] | None) -> list[Finding]:
    findings = []
    for lo, hi in ranges:
        for found in find_lists(text, lo, hi, figures):
            total, parts = found.total.low, found.parts_sum
            if found.adds_up:
                continue
            unit = found.total.unit or ""
            listing = "+".join(fmt(p.low) for p in found.parts)
            start = max(lo, found.total.span[0] - 20)
            clause = re.split(r"[，,。；;：:\n（(）)]", text[start:found.total.span[0]])[-1]
            said = re.sub(r"\s+", "", clause + text[found.total.span[0]:found.total.span[1]])
            message = (
                f"正文称{said}{unit}，其后所列各项合计为{fmt(parts)}{unit}（{listing}），"
                f"{'多' if parts > total else '少'}{fmt(abs(parts - total))}{unit}"
            )
            evidence = (Evidence(found.total.span, text[found.total.span[0]:found.total.span[1]]),) + tuple(
                Evidence(p.span, text[p.span[0]:p.span[1]]) for p in found.parts
            )
            findings.append(Finding("narrative.list_sum", Kind.NARRATIVE, Severity.WARNING, (), message, evidence,
                                    claimed=fmt(total), table=parts))
    return findings


_CLAUSE_START = re.compile(r"(?:^|[，,。；;、：:（(“\n])\s*", re.M)


def _doubled(text: str, lo: int, hi: int) -> list[Span]:
    """Passages printed twice in a row ("XX"), a paste slip: from each clause start, the
    clause's first words seen again a passage's length later, with the whole passage."""
    found: list[Span] = []
    for m in _CLAUSE_START.finditer(text, lo, hi):
        start = m.end()
        if found and start < found[-1][1]:
            continue
        head = text[start:start + _SHINGLE]
        if len(head) < _SHINGLE:
            continue
        again = text.find(head, start + _MIN_REPEAT, min(hi, start + _MAX_REPEAT + _SHINGLE))
        if again < 0:
            continue
        length = again - start
        if text[start:again] == text[again:again + length] and again + length <= hi:
            found.append((start, again + length))
    return found


def _repeated(text: str, ranges: Sequence[Span]) -> list[Finding]:
    findings = []
    for lo, hi in ranges:
        for start, end in _doubled(text, lo, hi):
            passage = text[start:(start + end) // 2]
            if _han_count(passage) < 8:
                continue  # rules of dashes, runs of digits: not prose
            findings.append(Finding(
                "narrative.repeated", Kind.NARRATIVE, Severity.WARNING, (),
                f"同一段文字连续出现两次：“{passage.strip()}”，疑为复制粘贴时重复",
                (Evidence((start, end), text[start:end]),),
            ))
    return findings


def _plan_year(text: str, year: int | None) -> list[Finding]:
    if year is None:
        return []
    start = None
    for m in _IMPROVE.finditer(text):
        start = m.start() if start is None else start
    if start is None:
        return []
    findings = []
    for m in _PLAN_YEAR.finditer(text, start):
        if int(m.group(1)) == year:
            findings.append(Finding(
                "document.plan_year", Kind.DOCUMENT, Severity.WARNING, (),
                f"改进措施写作“{m.group().strip()}”，但这是{year}年度报告，改进措施应针对{year + 1}年，疑为沿用旧稿",
                (Evidence(m.span(), m.group()),),
            ))
    return findings


def check_text(
    text: str, narrative: Sequence[Span], year: int | None, figures: Sequence[Figure] | None = None
) -> list[Finding]:
    """The prose's own checks (``narrative``: the ranges of the text that are prose;
    ``figures``: its figures, when already found)."""
    return _list_findings(text, narrative, figures) + _repeated(text, narrative) + _plan_year(text, year)
