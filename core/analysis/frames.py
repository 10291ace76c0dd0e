"""The folder run as two DataFrames: one row per readable report, one per report x value.

Derived ratios (办结率, 复议/诉讼纠正率 ...) are computed here once, per form family, so the
2008 form and the 2019/2021 forms compare on the same footing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from core.batch import BatchRow
from core.cross_year import agency_key
from core.folders import relative_names

# Columns every analysis table carries to name its report; PATH is for the window only.
PATH, REPORT, AGENCY, YEAR = "path", "报告", "报送单位", "年度"
ID, LABEL, UNIT, VALUE = "指标编号", "指标", "单位", "数值"
RATIO_UNIT = "比例"


@dataclass(frozen=True, slots=True)
class Ratio:
    """A derived rate (办结率 ...): the sum of the numerator rows over the sum of the denominator rows."""

    id: str
    label: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]


# (2008 form, 2019/2021 forms): the same question asked of each form's own rows.
RATIOS: tuple[tuple[Ratio, Ratio], ...] = (
    (Ratio("ratio.closed", "依申请公开办结率（办结÷收到）", ("apply.closed",), ("apply.received",)),
     Ratio("ratio.closed", "依申请公开办结率（办结÷收到）", ("t3.result.total@total",),
           ("t3.new@total", "t3.carried_in@total"))),
    (Ratio("ratio.granted", "予以公开占办结的比例", ("apply.answered.granted",), ("apply.answered",)),
     Ratio("ratio.granted", "予以公开占办结的比例", ("t3.result.granted@total",), ("t3.result.total@total",))),
    (Ratio("ratio.review_corrected", "行政复议纠正率", ("review.corrected",), ("review.total",)),
     Ratio("ratio.review_corrected", "行政复议纠正率", ("t4.review.corrected",), ("t4.review.total",))),
    (Ratio("ratio.litigation_corrected", "行政诉讼纠正率", ("litigation.corrected",), ("litigation.total",)),
     Ratio("ratio.litigation_corrected", "行政诉讼纠正率", ("t4.lit_direct.corrected", "t4.lit_after_review.corrected"),
           ("t4.lit_direct.total", "t4.lit_after_review.total"))),
)
RATIO_IDS = tuple(old.id for old, _new in RATIOS)


def report_frame(rows: Sequence[BatchRow]) -> pd.DataFrame:
    """One row per report (readable or not): path, name, agency, year, form, counts."""
    names = relative_names([r.path for r in rows])
    records = [
        {PATH: r.path, REPORT: names[r.path], AGENCY: r.agency, YEAR: r.year, "模板": r.template,
         "key": agency_key(r.agency), "ok": r.ok, "错误": r.errors, "警告": r.warnings, "order": n}
        for n, r in enumerate(rows)
    ]
    frame = pd.DataFrame.from_records(
        records, columns=[PATH, REPORT, AGENCY, YEAR, "模板", "key", "ok", "错误", "警告", "order"]
    )
    frame[YEAR] = frame[YEAR].astype("Int64")
    return frame


def value_frame(rows: Sequence[BatchRow]) -> pd.DataFrame:
    """One row per report x indicator with a value (corrections applied), plus the ratios."""
    paths, ids, labels, units, values = [], [], [], [], []
    for r in rows:
        if not r.ok:
            continue
        for i in r.indicators:
            if i.unit is None or i.value is None:
                continue
            paths.append(r.path)
            ids.append(i.id)
            labels.append(i.label)
            units.append(i.unit)
            values.append(float(i.value))
    frame = pd.DataFrame({PATH: paths, ID: ids, LABEL: labels, UNIT: units, VALUE: values})
    return pd.concat([frame, ratio_frame(frame, rows)], ignore_index=True)


def ratio_frame(values: pd.DataFrame, rows: Sequence[BatchRow]) -> pd.DataFrame:
    """The derived ratios of each report whose form has their rows (denominator 0: no ratio)."""
    wide = values.pivot_table(index=PATH, columns=ID, values=VALUE, aggfunc="first")
    family = {r.path: ("2008" if r.template == "2008" else "matrix") for r in rows if r.ok}
    out = []
    for old, new in RATIOS:
        for form, ratio in (("2008", old), ("matrix", new)):
            needed = [*ratio.numerator, *ratio.denominator]
            if not set(needed) <= set(wide.columns):
                continue
            part = wide[[p in family and family[p] == form for p in wide.index]]
            top = part[list(ratio.numerator)].sum(axis=1, min_count=len(ratio.numerator))
            bottom = part[list(ratio.denominator)].sum(axis=1, min_count=len(ratio.denominator))
            ratio_values = (top / bottom.where(bottom > 0)).dropna()
            out.append(pd.DataFrame({PATH: ratio_values.index, ID: ratio.id, LABEL: ratio.label, UNIT: RATIO_UNIT,
                                     VALUE: ratio_values.to_numpy()}))
    if not out:
        return pd.DataFrame(columns=[PATH, ID, LABEL, UNIT, VALUE])
    return pd.concat(out, ignore_index=True)


def plain_records(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """The rows as tuples of Python values (numpy scalars unwrapped, missing values None)."""
    cleaned = frame.astype(object).where(frame.notna(), None)
    return [tuple(v.item() if hasattr(v, "item") else v for v in row) for row in cleaned.itertuples(index=False, name=None)]
