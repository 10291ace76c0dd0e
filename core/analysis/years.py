"""逐年变化: one agency's reports of several years in the folder, compared year on year.

For each agency with reports of two or more years, each year is set against the nearest
earlier year in the folder:

- 变化幅度: a figure that at least doubled or fell by half (and moved by ``MIN_CHANGE`` or
  more), or a ratio that moved by ``RATIO_CHANGE`` or more;
- 结转不符 (consecutive years only): 上年结转 against last year's 结转下年度, per column;
- 现行有效件数 (consecutive years, both on the 2021 form): last year's 现行有效 + 本年制发 − 本年废止;
- 统计表相同: every figure the same as last year's (ten or more, not all zero);
- 正文相同: the prose mostly copied from last year's (``core.cross_year`` measure, estimated
  from the sketches the folder run keeps).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from core.analysis.frames import AGENCY, ID, LABEL, PATH, RATIO_UNIT, REPORT, VALUE, YEAR
from core.cross_year import SAME_TEXT_THRESHOLD, TextSketch, sketch_similarity
from core.forms.matrix.schema import COLUMN_NAMES, T3_COLUMNS

GROWTH = 2.0  # at least doubled, or halved
MIN_CHANGE = 10.0  # ... and moved by this much: 2 -> 5 is not news
RATIO_CHANGE = 0.3  # thirty percentage points
SAME_TABLE_MIN = 10

COLUMNS = [AGENCY, "上年", "本年", "检查", ID, LABEL, "上年数值", "本年数值", "变化", "变化率", "说明", REPORT, PATH]
_DOC_ROWS = (("regulations", "规章"), ("normative", "行政规范性文件"))


def year_changes(
    values: pd.DataFrame, reports: pd.DataFrame, sketches: Mapping[str, TextSketch | None] | None = None
) -> pd.DataFrame:
    """One row per notable change between an agency's consecutive reports in the folder."""
    ok = reports[reports["ok"] & reports["key"].notna() & reports[YEAR].notna()]
    ok = ok.drop_duplicates(["key", YEAR])  # a report saved twice (txt and docx) counts once
    several = ok.groupby("key")[YEAR].transform("nunique") > 1
    ok = ok[several].sort_values(["key", YEAR])
    by_path = {p: g.set_index(ID) for p, g in values[values[PATH].isin(ok[PATH])].groupby(PATH)}
    out: list[dict[str, object]] = []
    for _key, group in ok.groupby("key", sort=False):
        items = list(group.itertuples(index=False))
        for before, now in zip(items, items[1:]):
            prev = by_path.get(getattr(before, PATH))
            cur = by_path.get(getattr(now, PATH))
            if prev is None or cur is None:
                continue
            base = {AGENCY: getattr(now, AGENCY), "上年": int(getattr(before, YEAR)), "本年": int(getattr(now, YEAR)),
                    REPORT: getattr(now, REPORT), PATH: getattr(now, PATH)}
            consecutive = base["本年"] == base["上年"] + 1
            out += [{**base, **row} for row in _changes(prev, cur)]
            if consecutive:
                out += [{**base, **row} for row in _carried(prev, cur)]
                templates = (before.模板, now.模板)
                if templates == ("2021", "2021"):
                    out += [{**base, **row} for row in _in_force(prev, cur)]
            out += [{**base, **row} for row in _same_table(prev, cur)]
            if sketches is not None:
                out += [{**base, **row} for row in _same_text(sketches.get(getattr(before, PATH)),
                                                                sketches.get(getattr(now, PATH)))]
    frame = pd.DataFrame.from_records(out, columns=COLUMNS)
    return frame


def _v(frame: pd.DataFrame, ident: str) -> float | None:
    if ident not in frame.index:
        return None
    value = frame.at[ident, VALUE]
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _changes(prev: pd.DataFrame, cur: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for ident in cur.index.intersection(prev.index):
        a, b = _v(prev, ident), _v(cur, ident)
        if a is None or b is None or a == b:
            continue
        ratio = cur.at[ident, "单位"] == RATIO_UNIT
        if ratio:
            notable = abs(b - a) >= RATIO_CHANGE
        else:
            grown = b >= a * GROWTH if a > 0 else b > 0
            shrunk = a >= b * GROWTH if b > 0 else a > 0
            notable = abs(b - a) >= MIN_CHANGE and (grown or shrunk)
        if not notable:
            continue
        rate = (b - a) / a if a else None
        note = (f"由{a:.0%}变为{b:.0%}" if ratio else
                f"由{a:g}变为{b:g}" + (f"（{rate:+.0%}）" if rate is not None else "（上年为0）"))
        rows.append({"检查": "变化幅度", ID: ident, LABEL: cur.at[ident, LABEL], "上年数值": a, "本年数值": b,
                     "变化": b - a, "变化率": rate, "说明": note + "，请核实"})
    return rows


def _carried(prev: pd.DataFrame, cur: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for column, _ in T3_COLUMNS:
        name = COLUMN_NAMES[column]
        now_in, then_out = _v(cur, f"t3.carried_in@{column}"), _v(prev, f"t3.carried_out@{column}")
        if now_in is None or then_out is None or now_in == then_out:
            continue
        ident = f"t3.carried_in@{column}"
        rows.append({"检查": "结转不符", ID: ident, LABEL: cur.at[ident, LABEL], "上年数值": then_out,
                     "本年数值": now_in, "变化": now_in - then_out, "变化率": None,
                     "说明": f"{name}列：上年结转{now_in:g}件，上年报告结转下年度为{then_out:g}件"})
    return rows


def _in_force(prev: pd.DataFrame, cur: pd.DataFrame) -> list[dict[str, object]]:
    rows = []
    for row, name in _DOC_ROWS:
        before, issued = _v(prev, f"t2.{row}.in_force"), _v(cur, f"t2.{row}.issued")
        repealed, now = _v(cur, f"t2.{row}.repealed"), _v(cur, f"t2.{row}.in_force")
        if before is None or issued is None or repealed is None or now is None:
            continue
        expected = before + issued - repealed
        if expected == now:
            continue
        ident = f"t2.{row}.in_force"
        rows.append({"检查": "现行有效件数", ID: ident, LABEL: cur.at[ident, LABEL], "上年数值": before, "本年数值": now,
                     "变化": now - before, "变化率": None,
                     "说明": f"现行有效{name}应为上年{before:g}+本年制发{issued:g}−本年废止{repealed:g}={expected:g}件，"
                             f"报告为{now:g}件"})
    return rows


def _same_table(prev: pd.DataFrame, cur: pd.DataFrame) -> list[dict[str, object]]:
    common = [i for i in cur.index.intersection(prev.index) if cur.at[i, "单位"] != RATIO_UNIT]
    pairs = [(_v(prev, i), _v(cur, i)) for i in common]
    known = [(a, b) for a, b in pairs if a is not None and b is not None]
    if len(known) < SAME_TABLE_MIN or any(a != b for a, b in known) or all(b == 0 for _, b in known):
        return []
    return [{"检查": "统计表相同", ID: "", LABEL: "", "上年数值": None, "本年数值": None, "变化": 0.0, "变化率": None,
             "说明": f"统计表{len(known)}项数据与上年报告完全相同，可能照搬上年数据"}]


def _same_text(before: TextSketch | None, now: TextSketch | None) -> list[dict[str, object]]:
    if before is None or now is None or now.size < 200:
        return []
    share = sketch_similarity(before, now)
    if share < SAME_TEXT_THRESHOLD:
        return []
    return [{"检查": "正文相同", ID: "", LABEL: "", "上年数值": None, "本年数值": None, "变化": None, "变化率": share,
             "说明": f"正文约{share:.0%}与上年报告相同（不计数字），可能照搬上年报告"}]


def several_years(reports: pd.DataFrame) -> bool:
    """Does the folder hold two or more years of any one agency?"""
    ok = reports[reports["ok"] & reports["key"].notna() & reports[YEAR].notna()]
    return bool((ok.groupby("key")[YEAR].nunique() > 1).any())


