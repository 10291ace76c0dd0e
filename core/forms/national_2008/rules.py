"""The rules of the old 政府信息公开情况统计表 (spec: template-2008.md)."""

from __future__ import annotations

from decimal import Decimal

from core.rules.base import AtMostRule, SumRule, fmt, name, read_operands, table_finding
from core.rules.finding import Finding, Severity
from core.table.model import IndicatorTable

_REFUSED = "apply.answered.refused"

SUMS: tuple[SumRule, ...] = (
    SumRule(
        "sum.apply.received",
        "apply.received",
        tuple(f"apply.received.{c}" for c in ("in_person", "fax", "online", "mail")),
    ),
    SumRule("sum.apply.closed", "apply.closed", ("apply.closed.on_time", "apply.closed.extended")),
    SumRule(
        "sum.apply.answered",
        "apply.answered",
        tuple(
            f"apply.answered.{c}"
            for c in (
                "already_public",
                "granted",
                "partial",
                "refused",
                "not_this_agency",
                "nonexistent",
                "need_clarify",
                "other_channel",
            )
        ),
    ),
    SumRule(
        "sum.apply.answered.refused",
        _REFUSED,
        tuple(
            f"{_REFUSED}.{c}"
            for c in ("state_secret", "commercial_secret", "privacy", "security_stability", "not_gov_info", "other_law")
        ),
    ),
    SumRule("sum.review.total", "review.total", ("review.upheld", "review.corrected", "review.other")),
    SumRule(
        "sum.litigation.total",
        "litigation.total",
        ("litigation.upheld", "litigation.corrected", "litigation.other"),
    ),
    SumRule("sum.org.staff", "org.staff", ("org.staff.full_time", "org.staff.part_time")),
)

BOUNDS: tuple[AtMostRule, ...] = (
    AtMostRule("bound.active.normative_published", "active.normative_published", "active.total"),
    AtMostRule("bound.response.press_conf_principal", "response.press_conf_principal", "response.press_conf"),
    AtMostRule("bound.response.interviews_principal", "response.interviews_principal", "response.interviews"),
    AtMostRule(
        "bound.apply.closed",
        "apply.closed",
        "apply.received",
        Severity.WARNING,
        "旧表无上年结转栏，若含上年结转申请请核实",
    ),
    AtMostRule(
        "bound.apply.answered",
        "apply.answered",
        "apply.received",
        Severity.WARNING,
        "旧表无上年结转栏，若含上年结转申请请核实",
    ),
    AtMostRule(
        "soft.normative_published_vs_issued",
        "active.normative_published",
        "active.normative_issued",
        Severity.WARNING,
        "公开的规范性文件可能含往年制发的，请核实",
    ),
)

CHANNELS = ("active.gazette", "active.website", "active.weibo", "active.wechat", "active.other")
RESPONSES = ("response.press_conf", "response.interviews", "response.weibo_wechat", "response.other")
# The spec names these as proof that responses were made; an online interview alone is
# often a routine column, so it does not make a zero hotspot count suspicious.
RESPONDED = ("response.press_conf", "response.weibo_wechat", "response.other")


def _check_channels(table: IndicatorTable) -> list[Finding]:
    """An item is counted once whatever the channels: max(channel) <= total <= sum(channels)."""
    rule = "bound.active.total.channels"
    ids = ("active.total", *CHANNELS)
    if not all(table.present(i) for i in ids):
        return []
    ops = read_operands(table, ids)
    if not ops.complete:
        return []  # the blank or unreadable cell is its own finding
    total = ops.values["active.total"]
    known = values = [ops.values[c] for c in CHANNELS]
    biggest, summed = max(known), sum(known, Decimal(0))
    if biggest <= total <= summed:
        return []
    top = CHANNELS[values.index(biggest)]
    if total < biggest:
        message = (
            f"主动公开政府信息数为{fmt(total)}，小于{name(table, top)}{fmt(biggest)}"
            f"（同一信息多渠道公开只计1条，总数应在{fmt(biggest)}至{fmt(summed)}之间）"
        )
    else:
        message = (
            f"主动公开政府信息数为{fmt(total)}，大于各渠道合计{fmt(summed)}"
            f"（总数应在{fmt(biggest)}至{fmt(summed)}之间）"
        )
    expected = f"{fmt(biggest)}～{fmt(summed)}"
    return [table_finding(rule, Severity.ERROR, ids, message, table, expected=expected, found=fmt(total))]


def _soft_signals(table: IndicatorTable) -> list[Finding]:
    out: list[Finding] = []
    v = table.value

    hot = v("response.hotspots")
    responded = [r for r in RESPONDED if (v(r) or 0) > 0]
    if hot is not None and hot == 0 and responded:
        ids = ("response.hotspots", *responded)
        listing = "、".join(f"{name(table, r)}{fmt(v(r))}" for r in responded)
        out.append(
            table_finding("soft.hotspots_zero", Severity.WARNING, ids, f"回应公众关注热点数为0，但有回应记录（{listing}）", table)
        )
    if hot is not None and hot > 0 and all(v(r) == 0 for r in RESPONSES):
        ids = ("response.hotspots", *RESPONSES)
        out.append(
            table_finding(
                "soft.hotspots_without_response", Severity.WARNING, ids, f"回应公众关注热点数为{fmt(hot)}，但各回应渠道均为0", table
            )
        )

    received = v("apply.received")
    if received == 0:
        busy = [
            d.id
            for d in table.template.indicators
            if d.id.startswith("apply.") and not d.id.startswith("apply.received") and not d.header and (v(d.id) or 0) > 0
        ]
        if busy:
            ids = ("apply.received", *busy)
            listing = "、".join(f"{name(table, b)}{fmt(v(b))}" for b in busy[:4])
            out.append(
                table_finding(
                    "soft.apply_without_received", Severity.WARNING, ids, f"收到申请数为0，但其他依申请公开栏目有数（{listing}）", table
                )
            )

    trainees, trainings = v("meetings.trainees"), v("meetings.trainings")
    if trainees is not None and trainings is not None and trainees > 0 and trainings == 0:
        ids = ("meetings.trainees", "meetings.trainings")
        out.append(
            table_finding(
                "soft.trainees_without_trainings",
                Severity.WARNING,
                ids,
                f"接受培训人员数为{fmt(trainees)}人次，但举办培训班数为0（若为参加外单位培训请核实口径）",
                table,
            )
        )
    return out


def check_2008(table: IndicatorTable) -> list[Finding]:
    """The checks of the 2008 form beyond its exact rules (SUMS, BOUNDS: ``core.rules.exact``)."""
    findings = _check_channels(table)
    findings += _soft_signals(table)
    return findings
