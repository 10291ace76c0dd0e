"""机关对比: each indicator across the folder's reports, and the reports far outside the rest.

For every indicator (and derived ratio) held by at least ``MIN_REPORTS`` reports: the
quartiles and the median; a report is flagged when its value lies more than ``FAR``
interquartile ranges beyond the quartiles (Tukey's "far out"). Where most reports print
the same number (a spread of 0, typical of 复议/诉讼 counts), the spread is taken as
``MIN_SPREAD`` (one case, or ten percentage points for a ratio) so one agency with many
cases still stands out while ordinary rounding does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.frames import AGENCY, ID, LABEL, PATH, RATIO_UNIT, REPORT, UNIT, VALUE, YEAR

FAR = 3.0
MIN_REPORTS = 5
MIN_SPREAD = {"count": 1.0, RATIO_UNIT: 0.1}
NAMES_LISTED = 12  # 偏离的机关 column: the first few, then 等N个

STATS_COLUMNS = [ID, LABEL, UNIT, "报告数", "最小值", "下四分位", "中位数", "上四分位", "最大值", "偏离下限", "偏离上限",
                 "偏离机关数", "偏离的机关"]
OUTLIER_COLUMNS = [REPORT, AGENCY, YEAR, ID, LABEL, UNIT, VALUE, "下四分位", "中位数", "上四分位", "偏离", "偏离程度",
                   PATH]


@dataclass(frozen=True)
class Comparison:
    """Indicators compared across a folder's reports: their spread, and the reports far off it."""

    stats: pd.DataFrame  # one row per indicator, most flagged first
    outliers: pd.DataFrame  # one row per flagged report x indicator


def _who(frame: pd.DataFrame) -> pd.Series:
    """The agency, else the report's name (an unrecognised agency is still somebody)."""
    return frame[AGENCY].where(frame[AGENCY].notna() & (frame[AGENCY] != ""), frame[REPORT])


def compare(values: pd.DataFrame, reports: pd.DataFrame, *, far: float = FAR, min_reports: int = MIN_REPORTS) -> Comparison:
    """``values``/``reports`` as built by ``core.analysis.frames``."""
    if values.empty:
        return Comparison(pd.DataFrame(columns=STATS_COLUMNS), pd.DataFrame(columns=OUTLIER_COLUMNS))
    order = {ident: n for n, ident in enumerate(dict.fromkeys(values[ID]))}  # form order, ratios last
    grouped = values.groupby(ID, sort=False)[VALUE]
    stats = grouped.quantile([0.25, 0.5, 0.75]).unstack()
    stats.columns = ["下四分位", "中位数", "上四分位"]
    stats["报告数"] = grouped.count()
    stats["最小值"] = grouped.min()
    stats["最大值"] = grouped.max()
    first = values.drop_duplicates(ID).set_index(ID)
    stats[LABEL], stats[UNIT] = first[LABEL], first[UNIT]
    spread = (stats["上四分位"] - stats["下四分位"]).clip(
        lower=stats[UNIT].map(lambda u: MIN_SPREAD[RATIO_UNIT] if u == RATIO_UNIT else MIN_SPREAD["count"])
    )
    lower = stats["下四分位"] - far * spread
    # a count cannot fall below 0: a negative limit would only puzzle the reader
    stats["偏离下限"] = lower.where(stats["最小值"] < 0, lower.clip(lower=0))
    stats["偏离上限"] = stats["上四分位"] + far * spread
    stats = stats[stats["报告数"] >= min_reports]

    joined = values.merge(stats[["下四分位", "中位数", "上四分位", "偏离下限", "偏离上限"]], left_on=ID, right_index=True)
    joined["spread"] = joined[ID].map(spread)
    high, low = joined[VALUE] > joined["偏离上限"], joined[VALUE] < joined["偏离下限"]
    out = joined[high | low].copy()
    out["偏离"] = ["远高于其他机关" if h else "远低于其他机关" for h in high[high | low]]
    beyond = (out[VALUE] - out["上四分位"]).where(high[high | low], out["下四分位"] - out[VALUE])
    out["偏离程度"] = (beyond / out["spread"]).round(1)
    out = out.merge(reports[[PATH, REPORT, AGENCY, YEAR, "order"]], on=PATH)
    out["who"] = _who(out)
    out = out.sort_values(["偏离程度", "order"], ascending=[False, True], kind="stable")

    named = out.groupby(ID, sort=False).apply(_listed, include_groups=False) if len(out) else pd.Series(dtype=object)
    stats["偏离机关数"] = out.groupby(ID).size().reindex(stats.index, fill_value=0)
    stats["偏离的机关"] = named.reindex(stats.index).fillna("")
    stats[ID] = stats.index
    stats["_order"] = stats[ID].map(order)
    stats = stats.sort_values(["偏离机关数", "_order"], ascending=[False, True], kind="stable")
    out["_order"] = out[ID].map(order)
    out = out.sort_values(["_order", "偏离程度"], ascending=[True, False], kind="stable")
    return Comparison(stats[STATS_COLUMNS].reset_index(drop=True), out[OUTLIER_COLUMNS].reset_index(drop=True))


def _number(value: float) -> str:
    return f"{value:.0%}" if 0 <= value <= 1 and value != int(value) else f"{value:g}"


def _listed(group: pd.DataFrame) -> str:
    parts = [f"{who}（{_number(v)}）" for who, v in zip(group["who"], group[VALUE])]
    head = "；".join(parts[:NAMES_LISTED])
    return head + (f" 等{len(parts)}个" if len(parts) > NAMES_LISTED else "")
