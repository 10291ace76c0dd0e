"""Narrative against table: do the figures the prose states agree with the table?

``check_claims`` turns the matched claims of ``core.narrative.find_claims`` into findings:

- ``narrative.mismatch`` (warning): the figure's range does not admit the table value
  (for "微博、微信…1080条" the sum of both rows; for "未收到申请" zero).
- ``narrative.conflict`` (warning): the prose states the same quantity twice with
  figures that cannot both be true (微信公众号推送信息15条 … 已推送各类信息36条). The
  finding also says which of them the table contradicts; those statements raise no
  mismatch of their own (one defect, one finding).
- ``narrative.percent`` (warning): "占…的N%" that the table values do not give, allowing
  for rounding or truncation to the printed precision (and ±1 for a whole percent). When
  the count before it is already wrong, the share is said inside that one finding.
- ``narrative.unassessable`` (info): the table row a claim speaks about is blank or
  missing, so the claim cannot be checked; never counted as consistent.

Unmatched claims (``ids == ()``) raise nothing: they are figures about other things.

A total the report left blank is compared through its parts when the form's sum rules
say what it adds up to (the 总计 column of table 三 left unfilled is common), and the
message says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from core.narrative.model import Claim
from core.rules.base import ExactRule, SumRule, fmt
from core.rules.finding import Evidence, Finding, Kind, Severity
from core.schema.labels import short_label
from core.table.model import IndicatorTable

_WS = str.maketrans("", "", " \t\u3000\r\n")


def _compact(text: str) -> str:
    return text.translate(_WS)


def _name(table: IndicatorTable, ids: Sequence[str]) -> str:
    names = [short_label(table.label(i)) for i in ids]
    if len(names) == 1:
        return names[0]
    rows = [n.removesuffix("·总计") for n in names]
    if len(rows) > 3:
        return f"{rows[0]}等{len(rows)}项合计"
    return "、".join(rows) + "合计"


def _unit(table: IndicatorTable, ids: Sequence[str]) -> str:
    return table.template.get(ids[0]).unit or ""


class _Reader:
    """Values for the narrative checks: a blank total is worked out from its parts."""

    def __init__(self, table: IndicatorTable, rules: Sequence[ExactRule]) -> None:
        self.table = table
        self.sums = [r for r in rules if isinstance(r, SumRule)]
        self.derived: set[str] = set()

    def value(self, ident: str) -> Decimal | None:
        table = self.table
        value = table.value(ident)
        if value is not None or not table.is_blank(ident):
            return value
        if table.blank_as_zero:
            return Decimal(0)
        for rule in self.sums:
            if rule.parent != ident:
                continue
            parts = [table.value(c) for c in rule.children]
            if all(p is not None or table.is_blank(c) for p, c in zip(parts, rule.children)):
                self.derived.add(ident)
                return sum((p for p in parts if p is not None), Decimal(0))
        return None

    def total(self, ids: Sequence[str]) -> Decimal | None:
        values = [v for i in ids if (v := self.value(i)) is not None]
        if not ids or len(values) < len(ids):
            return None
        return sum(values, Decimal(0))

    def note(self, ids: Sequence[str]) -> str:
        blank = [i for i in ids if i in self.derived]
        if not blank:
            return ""
        return "（表中" + "、".join(short_label(self.table.label(i)) for i in blank) + "空白，按各分项合计）"


def _evidence(claim: Claim) -> Evidence:
    return Evidence(span=claim.span, text=claim.text or claim.figure.text)


def _said(claim: Claim) -> str:
    return _compact(claim.text or claim.figure.text)


def _unassessable(claim: Claim, table: IndicatorTable, read: _Reader) -> Finding:
    ids = (*claim.ids, *claim.of)
    missing = [short_label(table.label(i)) for i in dict.fromkeys(ids) if read.value(i) is None]
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


def _check_count(claim: Claim, table: IndicatorTable, read: _Reader) -> Finding | None:
    value = read.total(claim.ids)
    if value is None:
        return _unassessable(claim, table, read)
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
        message=f"正文称{said}，统计表{_name(table, claim.ids)}为{fmt(value)}{unit}{read.note(claim.ids)}",
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


def _check_percent(claim: Claim, table: IndicatorTable, read: _Reader) -> Finding | None:
    part, whole = read.total(claim.ids), read.total(claim.of)
    if part is None or whole is None:
        return _unassessable(claim, table, read)
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
                 f"{_name(table, claim.of)}{fmt(whole)}计算应为{fmt(shown)}%{read.note((*claim.ids, *claim.of))}"),
        evidence=(_evidence(claim),),
        claimed=_compact(claim.figure.text),
        table=shown,
    )


def _overlap(a: Claim, b: Claim) -> bool:
    return a.figure.low <= b.figure.high and b.figure.low <= a.figure.high


def _conflicts(claims: Sequence[Claim], table: IndicatorTable, read: _Reader) -> list[tuple[Finding, list[Claim]]]:
    """Each conflict's finding, with the claims it covers."""
    groups: dict[tuple[tuple[str, ...], str], list[Claim]] = {}
    for claim in claims:
        if claim.ids and claim.kind in {"count", "zero"}:
            groups.setdefault((claim.ids, claim.subject), []).append(claim)
    found = []
    for (ids, _subject), group in groups.items():
        involved = [c for c in group if any(not _overlap(c, other) for other in group)]
        if not involved:
            continue
        value = read.total(ids)
        said = list(dict.fromkeys(_said(c) for c in involved))
        message = f"正文对{_name(table, ids)}前后说法不一：{'、'.join(said)}"
        if value is not None:
            off = list(dict.fromkeys(_said(c) for c in involved if not c.figure.admits(value)))
            against = "均与之不符" if off == said else f"“{'、'.join(off)}”与之不符"
            message += f"；统计表为{fmt(value)}{_unit(table, ids)}{read.note(ids)}，{against}"
        found.append((Finding(
            rule="narrative.conflict",
            kind=Kind.NARRATIVE,
            severity=Severity.WARNING,
            ids=ids,
            message=message,
            evidence=tuple(_evidence(c) for c in involved),
            claimed="；".join(_compact(c.figure.text) for c in involved),
            table=value,
        ), involved))
    return found


def _merge_shares(findings: list[tuple[Claim, Finding]]) -> list[Finding]:
    """A share of a count that is already wrong is said in the count's own finding."""
    by_span = {claim.span: finding for claim, finding in findings if finding.rule == "narrative.mismatch"}
    out: list[Finding] = []
    for claim, finding in findings:
        if finding.rule == "narrative.percent":
            count_span = (claim.span[0], claim.figure.span[0])
            head = next((f for span, f in by_span.items() if span[0] == claim.span[0] and span[1] <= count_span[1]), None)
            if head is not None:
                merged = replace(
                    head,
                    message=f"{head.message}；{finding.message.replace('正文称', '其后称', 1)}",
                    evidence=(*head.evidence, *finding.evidence),
                    ids=tuple(dict.fromkeys((*head.ids, *finding.ids))),
                )
                out[out.index(head)] = merged
                by_span = {k: (merged if v is head else v) for k, v in by_span.items()}
                continue
        out.append(finding)
    return out


def check_claims(claims: Sequence[Claim], table: IndicatorTable, rules: Sequence[ExactRule] = ()) -> list[Finding]:
    """Findings for the matched claims, in reading order; unmatched claims are ignored.

    ``rules``: the form's exact rules, which say what a blank total adds up to.
    """
    read = _Reader(table, rules)
    conflicts = _conflicts(claims, table, read)
    # A statement in a conflict is checked against the table there, not in a finding of its own.
    covered = {claim.span for _, involved in conflicts for claim in involved}
    found: list[tuple[Claim, Finding]] = []
    for claim in claims:
        if not claim.ids or claim.span in covered:
            continue
        if any(i not in table.template for i in (*claim.ids, *claim.of)):
            continue  # a claim made for another template's rows: nothing to compare
        check = _check_percent if claim.kind == "percent" else _check_count
        result = check(claim, table, read)
        if result is not None:
            found.append((claim, result))
    findings = _merge_shares(found)
    findings.extend(finding for finding, _ in conflicts)
    findings.sort(key=lambda f: min((e.span[0] for e in f.evidence), default=0))
    return findings
