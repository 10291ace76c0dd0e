"""Narrative against table: do the figures the prose states agree with the table?

``check_claims`` turns the matched claims of ``core.narrative.find_claims`` into findings:

- ``narrative.mismatch`` (warning): the figure's range does not admit the table value
  (for "微博、微信…1080条" the sum of both rows; for "未收到申请" zero).
- ``narrative.conflict`` (warning): the prose states the same quantity twice with
  figures that cannot both be true (微信公众号推送信息15条 … 已推送各类信息36条).
- ``narrative.percent`` (warning): "占…的N%" that the table values do not give, allowing
  for rounding or truncation to the printed precision (and ±1 for a whole percent).
- ``narrative.unassessable`` (info): the table row a claim speaks about is blank or
  missing, so the claim cannot be checked; never counted as consistent.

Unmatched claims (``ids == ()``) raise nothing: they are figures about other things.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from core.narrative.model import Claim
from core.rules.base import fmt
from core.rules.finding import Evidence, Finding, Kind, Severity
from core.schema.labels import short_label
from core.table.model import IndicatorTable

_WS = str.maketrans("", "", " \t\u3000\r\n")


def _compact(text: str) -> str:
    return text.translate(_WS)


def _name(table: IndicatorTable, ids: Sequence[str]) -> str:
    names = [short_label(table.label(i)) for i in ids]
    return names[0] if len(names) == 1 else "与".join(names) + "合计"


def _unit(table: IndicatorTable, ids: Sequence[str]) -> str:
    return table.template.get(ids[0]).unit or ""


def _total(table: IndicatorTable, ids: Sequence[str]) -> Decimal | None:
    values = [v for i in ids if (v := table.value(i)) is not None]
    if not ids or len(values) < len(ids):
        return None
    return sum(values, Decimal(0))


def _evidence(claim: Claim) -> Evidence:
    return Evidence(span=claim.span, text=claim.text or claim.figure.text)


def _said(claim: Claim) -> str:
    return _compact(claim.text or claim.figure.text)


def _unassessable(claim: Claim, table: IndicatorTable) -> Finding:
    ids = (*claim.ids, *claim.of)
    missing = [short_label(table.label(i)) for i in dict.fromkeys(ids) if table.value(i) is None]
    return Finding(
        rule="narrative.unassessable",
        kind=Kind.NARRATIVE,
        severity=Severity.INFO,
        ids=tuple(dict.fromkeys(ids)),
        message=f"正文称{_said(claim)}，但统计表{'、'.join(missing)}缺失或无法识别，无法核对",
        evidence=(_evidence(claim),),
        claimed=_compact(claim.figure.text),
        assessable=False,
    )


def _check_count(claim: Claim, table: IndicatorTable) -> Finding | None:
    value = _total(table, claim.ids)
    if value is None:
        return _unassessable(claim, table)
    if claim.figure.admits(value):
        return None
    unit = _unit(table, claim.ids)
    said = _said(claim)
    if claim.kind == "zero":
        said = f"{said}（即{claim.subject}为0）"
    return Finding(
        rule="narrative.mismatch",
        kind=Kind.NARRATIVE,
        severity=Severity.WARNING,
        ids=claim.ids,
        message=f"正文称{said}，统计表{_name(table, claim.ids)}为{fmt(value)}{unit}",
        evidence=(_evidence(claim),),
        claimed=_compact(claim.figure.text),
        table=value,
    )


def _percent_ok(figure_low: Decimal, figure_high: Decimal, exact: bool, printed: str, pct: Decimal) -> bool:
    printed = printed.replace("．", ".")
    decimals = len(printed.split(".")[1].rstrip("%％ 以上下左右")) if "." in printed else 0
    ulp = Decimal(1).scaleb(-decimals)
    if not exact:
        return figure_low - ulp <= pct <= figure_high + ulp
    rounded = pct.quantize(ulp, rounding=ROUND_HALF_UP)
    truncated = pct.quantize(ulp, rounding=ROUND_DOWN)
    if figure_low in (rounded, truncated):
        return True
    # a whole percent is often rounded loosely (25%+67%+8% made to add up to 100%)
    return decimals == 0 and abs(pct - figure_low) <= 1


def _check_percent(claim: Claim, table: IndicatorTable) -> Finding | None:
    part, whole = _total(table, claim.ids), _total(table, claim.of)
    if part is None or whole is None:
        return _unassessable(claim, table)
    if whole == 0:
        return Finding(
            rule="narrative.unassessable",
            kind=Kind.NARRATIVE,
            severity=Severity.INFO,
            ids=(*claim.ids, *claim.of),
            message=f"正文称{_said(claim)}，但统计表{_name(table, claim.of)}为0，无法核对比例",
            evidence=(_evidence(claim),),
            claimed=_compact(claim.figure.text),
            assessable=False,
        )
    pct = part * 100 / whole
    if _percent_ok(claim.figure.low, claim.figure.high, claim.figure.exact, _compact(claim.figure.text), pct):
        return None
    shown = pct.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Finding(
        rule="narrative.percent",
        kind=Kind.NARRATIVE,
        severity=Severity.WARNING,
        ids=(*claim.ids, *claim.of),
        message=(f"正文称{_said(claim)}，按统计表{_name(table, claim.ids)}{fmt(part)}、"
                 f"{_name(table, claim.of)}{fmt(whole)}计算应为{fmt(shown)}%"),
        evidence=(_evidence(claim),),
        claimed=_compact(claim.figure.text),
        table=shown,
    )


def _overlap(a: Claim, b: Claim) -> bool:
    return a.figure.low <= b.figure.high and b.figure.low <= a.figure.high


def _conflicts(claims: Sequence[Claim], table: IndicatorTable) -> list[Finding]:
    groups: dict[tuple[tuple[str, ...], str], list[Claim]] = {}
    for claim in claims:
        if claim.ids and claim.kind in {"count", "zero"}:
            groups.setdefault((claim.ids, claim.subject), []).append(claim)
    found = []
    for (ids, _subject), group in groups.items():
        involved = [c for c in group if any(not _overlap(c, other) for other in group)]
        if not involved:
            continue
        value = _total(table, ids)
        said = "、".join(dict.fromkeys(_said(c) for c in involved))
        found.append(Finding(
            rule="narrative.conflict",
            kind=Kind.NARRATIVE,
            severity=Severity.WARNING,
            ids=ids,
            message=f"正文对{_name(table, ids)}前后说法不一：{said}",
            evidence=tuple(_evidence(c) for c in involved),
            claimed="；".join(_compact(c.figure.text) for c in involved),
            table=value,
        ))
    return found


def check_claims(claims: Sequence[Claim], table: IndicatorTable) -> list[Finding]:
    """Findings for the matched claims, in reading order; unmatched claims are ignored."""
    findings: list[Finding] = []
    for claim in claims:
        if not claim.ids:
            continue
        if any(i not in table.template for i in (*claim.ids, *claim.of)):
            continue  # a claim made for another template's rows: nothing to compare
        result = _check_percent(claim, table) if claim.kind == "percent" else _check_count(claim, table)
        if result is not None:
            findings.append(result)
    findings.extend(_conflicts(claims, table))
    findings.sort(key=lambda f: min((e.span[0] for e in f.evidence), default=0))
    return findings
