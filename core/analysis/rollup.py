"""汇总核对: a 全县/全区/全市 report against the sum of its parts' reports in the same folder.

A report whose agency is a bare place name (``银川市西夏区``, ``清江区``, ``云岭市`` or the same
followed by 人民政府) is taken as the whole of that place. Every other report of the same
year whose agency names the place (``清江区白沙镇人民政府``, ``西夏区教育局``) is one of its
parts, assigned to the most specific whole that names it: a district's departments belong
to the district, and the district as a whole to its city.

For each figure of the request and review/litigation tables (表三/表四, or 依申请公开/复议/
诉讼 on the 2008 form) the whole is set against the sum of its parts: 一致, 不一致 with the
difference, or 无法核对 when a part lacks the figure (blank, another form, unreadable) or
a part known from another year of the folder has no report this year: those parts are
named, never guessed.
"""

from __future__ import annotations

import re

import pandas as pd

from core.analysis.frames import AGENCY, ID, LABEL, PATH, REPORT, VALUE, YEAR

_PLACE = re.compile(r"(?:[^\s省市县区旗盟州]{1,12}?(?:特别行政区|自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗))+")
_GOVERNMENT = re.compile(r"人民政府$")
_SEGMENT = re.compile(r"[^\s省市县区旗盟州]{1,12}?(?:特别行政区|自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗)")
ROLLUP_PREFIXES = ("t3.", "t4.", "apply.", "review.", "litigation.")
AGREE, DISAGREE, UNCHECKED = "一致", "不一致", "无法核对"
COLUMNS = [REPORT, AGENCY, YEAR, ID, LABEL, "全域数值", "各部分合计", "差额", "部分数", "结果", "说明", PATH]
PARTS_COLUMNS = [REPORT, AGENCY, YEAR, "所属汇总", PATH]


def place_of(agency: str | None) -> str | None:
    """"云岭市清江区" for 云岭市清江区 / 云岭市清江区人民政府; None for an office or a department."""
    if not agency:
        return None
    name = _GOVERNMENT.sub("", agency.strip())
    return name if _PLACE.fullmatch(name) else None


def _names(whole: str, agency: str) -> int:
    """How specifically ``agency`` names the place ``whole`` (0: not at all)."""
    if whole in agency:
        return len(whole) + 100
    last = _SEGMENT.findall(whole)[-1] if _SEGMENT.findall(whole) else whole
    return len(last) if len(last) >= 3 and last in agency else 0


def assign_parts(reports: pd.DataFrame) -> pd.DataFrame:
    """Every readable report with the whole it belongs to (``whole``: its path, or None)."""
    ok = reports[reports["ok"] & reports[AGENCY].notna()].copy()
    ok["place"] = ok[AGENCY].map(place_of)
    wholes = ok[ok["place"].notna()].drop_duplicates(["place", YEAR])
    by_year: dict[object, list[tuple[str, str]]] = {}
    for path, place, year in zip(wholes[PATH], wholes["place"], wholes[YEAR]):
        by_year.setdefault(year, []).append((path, place))
    owner: list[str | None] = []
    for path, agency, place, year in zip(ok[PATH], ok[AGENCY], ok["place"], ok[YEAR]):
        best: tuple[str, str] | None = None
        score = 0
        for w_path, w_place in by_year.get(year, ()):
            if w_path == path or w_place == place:
                continue
            s = _names(w_place, agency)
            if s > score or (s == score and s and best is not None and len(w_place) > len(best[1])):
                best, score = (w_path, w_place), s
        owner.append(best[0] if best is not None and score else None)
    ok["whole"] = owner
    return ok


def rollup_checks(values: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per whole report x 表三/表四 figure; empty when the folder holds no whole with parts."""
    assigned = assign_parts(reports)
    parts_of = assigned[assigned["whole"].notna()].drop_duplicates(["whole", "key"]).groupby("whole")
    if not len(parts_of):
        return pd.DataFrame(columns=COLUMNS)
    unreadable = int((~reports["ok"]).sum())
    wide = values[values[ID].str.startswith(ROLLUP_PREFIXES)].pivot_table(index=PATH, columns=ID, values=VALUE,
                                                                         aggfunc="first")
    out: list[dict[str, object]] = []
    for whole_path, parts in parts_of:
        whole = assigned[assigned[PATH] == whole_path].iloc[0]
        missing = _missing_parts(assigned, whole, parts)
        labels = values[values[PATH] == whole_path].drop_duplicates(ID).set_index(ID)[LABEL]
        ids = [i for i in labels.index if i.startswith(ROLLUP_PREFIXES)]
        for ident in ids:
            total = wide.at[whole_path, ident] if whole_path in wide.index and ident in wide.columns else float("nan")
            lacking = [
                p for p in parts.itertuples(index=False)
                if getattr(p, PATH) not in wide.index or ident not in wide.columns or pd.isna(wide.at[getattr(p, PATH), ident])
            ]
            known = [wide.at[getattr(p, PATH), ident] for p in parts.itertuples(index=False) if p not in lacking]
            row: dict[str, object] = {REPORT: whole[REPORT], AGENCY: whole[AGENCY], YEAR: whole[YEAR], ID: ident,
                                      LABEL: labels[ident], "全域数值": None if pd.isna(total) else float(total),
                                      "部分数": len(parts), PATH: whole_path}
            notes = []
            if lacking:
                notes.append("缺少该项数据：" + "、".join(_who(p) for p in lacking))
            if missing:
                notes.append("本年缺少报告：" + "、".join(missing))
            if pd.isna(total):
                notes.insert(0, "汇总报告中该项空白或缺失")
            if lacking or missing or pd.isna(total):
                row.update({"各部分合计": float(sum(known)) if known else None, "差额": None, "结果": UNCHECKED})
            else:
                summed = float(sum(known))
                row.update({"各部分合计": summed, "差额": float(total) - summed,
                            "结果": AGREE if float(total) == summed else DISAGREE})
            if unreadable:
                notes.append(f"文件夹中另有{unreadable}份报告无法读取，未计入")
            row["说明"] = "；".join(notes)
            out.append(row)
    return pd.DataFrame.from_records(out, columns=COLUMNS)


def rollup_parts(reports: pd.DataFrame) -> pd.DataFrame:
    """Which report was counted as a part of which whole (for the sheet's readers to check)."""
    assigned = assign_parts(reports)
    names = dict(zip(assigned[PATH], assigned[REPORT]))
    parts = assigned[assigned["whole"].notna()].copy()
    parts["所属汇总"] = parts["whole"].map(names)
    return parts[PARTS_COLUMNS].reset_index(drop=True)


def _who(part: object) -> str:
    return str(getattr(part, AGENCY) or getattr(part, REPORT))


def _missing_parts(assigned: pd.DataFrame, whole: pd.Series, parts: pd.DataFrame) -> list[str]:
    """Parts of this place seen in other years of the folder but without a report this year."""
    other_wholes = assigned[(assigned["place"] == whole["place"]) & (assigned[YEAR] != whole[YEAR])][PATH]
    elsewhere = assigned[assigned["whole"].isin(other_wholes)]
    present = set(parts["key"])
    return sorted({a for k, a in zip(elsewhere["key"], elsewhere[AGENCY]) if k not in present})
