"""Folders for the analysis tests, derived in tmp_path from the new-template fixture reports.

Each variant is the fixture report (tests/fixtures/new_template/reports.py) with its title
(agency, year) and a few printed numbers changed, laid out as text by make.py: so the
folders hold real-looking reports whose differences the tests know exactly.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.fixtures.new_template.make import text
from tests.fixtures.new_template.reports import BAISHA_2021, QINGJIANG_2021, QINGJIANG_2022, Report

AGENCIES = ("云岭市教育局", "云岭市民政局", "云岭市财政局", "云岭市水务局", "云岭市林业局", "云岭市文旅局")
OUTLIER, CORRECTED = AGENCIES[2], AGENCIES[4]


def write(report: Report, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or report.key}.txt"
    path.write_text(text(report), encoding="utf-8")
    return path


def retitled(report: Report, agency: str, year: int | None = None) -> Report:
    """The same report under another agency's (and year's) title and statistics period."""
    old_year = report.title.split("年政府")[0][-4:]
    new_year = str(year) if year else old_year
    intro = tuple(p.replace(old_year, new_year) for p in report.intro)
    return replace(report, key=f"{agency}_{new_year}", title=f"{agency}{new_year}年政府信息公开工作年度报告", intro=intro)


def comparison_folder(root: Path) -> Path:
    """Six city departments with the 清江区 2021 figures; 财政局 printed 行政处罚 2980 (ten
    times the rest), 林业局's one 行政复议 ended 纠正 instead of 维持 (纠正率 100% vs 0%)."""
    folder = root / "机关对比"
    for agency in AGENCIES:
        report = retitled(QINGJIANG_2021, agency)
        if agency == OUTLIER:
            report = replace(report, t2={**report.t2, "penalty": ("2980",)})
        if agency == CORRECTED:
            t4 = list(report.t4)
            t4[0], t4[1] = t4[1], t4[0]  # 行政复议: 结果维持 1 -> 结果纠正 1
            report = replace(report, t4=tuple(t4))
        write(report, folder)
    return folder


def _add(*cells: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(str(sum(int(c or 0) for c in column)) for column in zip(*cells))


def whole_of(year: int, parts: tuple[Report, ...], **changed: tuple[str, ...]) -> Report:
    """A 清江区 report of the whole district: tables 三/四 the sum of ``parts``' tables."""
    first = parts[0]
    t3 = {row: _add(*(p.t3[row] for p in parts)) for row in first.t3}
    t3.update(changed)
    return replace(
        retitled(first, "云岭市清江区", year), key=f"清江区全区_{year}", t3=t3, t4=_add(*(p.t4 for p in parts)),
    )


def rollup_folder(root: Path, *, slip: bool = False, blank_part: bool = False) -> Path:
    """清江区 2021 (whole) with its parts: the district office and 白沙镇; ``slip`` adds 3 to
    the whole's 本年新收·自然人, ``blank_part`` leaves 白沙镇's 本年新收·自然人 blank."""
    folder = root / "汇总核对"
    parts = (QINGJIANG_2021, BAISHA_2021)
    whole = whole_of(2021, parts)
    if slip:
        new = list(whole.t3["new"])
        new[0] = str(int(new[0]) + 3)
        whole = replace(whole, t3={**whole.t3, "new": tuple(new)})
    baisha = BAISHA_2021
    if blank_part:
        new = list(baisha.t3["new"])
        new[0] = ""
        baisha = replace(baisha, t3={**baisha.t3, "new": tuple(new)})
    write(whole, folder)
    write(QINGJIANG_2021, folder)
    write(baisha, folder)
    return folder


def years_folder(root: Path) -> Path:
    """清江区政府办公室 2021, 2022 as published, and a 2023 report copied from 2022 (table and
    text) with only the year changed; plus a 2020 report whose 行政许可 is 400 (1153 in 2021)."""
    folder = root / "逐年变化"
    write(QINGJIANG_2021, folder)
    write(QINGJIANG_2022, folder)
    write(retitled(QINGJIANG_2022, "云岭市清江区人民政府办公室", 2023), folder, "qingjiang_2023")
    earlier = retitled(QINGJIANG_2021, "云岭市清江区人民政府办公室", 2020)
    write(replace(earlier, t2={**earlier.t2, "licensing": ("400",)}), folder, "qingjiang_2020")
    return folder
