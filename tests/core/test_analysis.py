"""The cross-report analysis (pandas) on folders derived from the fixture reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_folders import (
    AGENCIES,
    CORRECTED,
    OUTLIER,
    comparison_folder,
    rollup_folder,
    write,
    years_folder,
)

from core.analysis.folder import analyse_folder, rule_kind
from core.analysis.rollup import AGREE, DISAGREE, UNCHECKED, place_of
from core.batch import audit_folder


def _analyse(folder: Path):  # type: ignore[no-untyped-def]
    return analyse_folder(list(audit_folder([folder], workers=1)))


def test_an_agency_far_above_the_rest_is_flagged_and_only_it(tmp_path: Path) -> None:
    result = _analyse(comparison_folder(tmp_path))
    stats = result.stats.set_index("指标编号")
    penalty = stats.loc["t2.penalty.decisions"]
    assert penalty["报告数"] == len(AGENCIES) and penalty["中位数"] == 298
    assert penalty["偏离机关数"] == 1 and penalty["偏离的机关"] == f"{OUTLIER}（2980）"
    flagged = result.outliers[result.outliers["指标编号"] == "t2.penalty.decisions"]
    assert list(flagged["报送单位"]) == [OUTLIER] and list(flagged["偏离"]) == ["远高于其他机关"]
    assert flagged["path"].item().endswith(".txt") and Path(flagged["path"].item()).exists()
    # figures every department printed alike: nobody stands out
    assert stats.loc["t3.new@total", "偏离机关数"] == 0
    assert result.stats["偏离机关数"].iloc[0] >= result.stats["偏离机关数"].iloc[-1]  # most flagged first


def test_review_correction_rate_compares_agencies(tmp_path: Path) -> None:
    result = _analyse(comparison_folder(tmp_path))
    rate = result.outliers[result.outliers["指标编号"] == "ratio.review_corrected"]
    assert list(rate["报送单位"]) == [CORRECTED] and rate["数值"].item() == 1.0
    stats = result.stats.set_index("指标编号")
    assert stats.loc["ratio.review_corrected", "指标"] == "行政复议纠正率"
    assert stats.loc["ratio.closed", "报告数"] == len(AGENCIES)
    assert 0.9 < stats.loc["ratio.closed", "中位数"] <= 1


def test_no_year_or_rollup_tables_when_the_folder_has_none(tmp_path: Path) -> None:
    result = _analyse(comparison_folder(tmp_path))
    assert result.years is None and result.rollup is None
    assert list(result.tables()) == ["机关对比", "偏离明细", "问题统计"]


def test_years_of_one_agency_changes_carry_overs_and_copies(tmp_path: Path) -> None:
    result = _analyse(years_folder(tmp_path))
    years = result.years
    assert years is not None
    checks = {(r["上年"], r["本年"], r["检查"]) for _, r in years.iterrows()}
    assert (2021, 2022, "结转不符") in checks  # the 2022 report carries in 4, 2021 carried out 5
    assert (2022, 2023, "统计表相同") in checks and (2022, 2023, "正文相同") in checks
    grown = years[(years["检查"] == "变化幅度") & (years["指标编号"] == "t2.licensing.decisions")]
    assert list(zip(grown["上年"], grown["上年数值"], grown["本年数值"])) == [(2020, 400, 1153)]
    assert not ((years["上年"] == 2021) & (years["检查"].isin(["统计表相同", "正文相同"]))).any()
    assert list(result.tables())[:3] == ["机关对比", "偏离明细", "逐年变化"]


def test_rollup_whole_equals_its_parts(tmp_path: Path) -> None:
    result = _analyse(rollup_folder(tmp_path))
    rollup = result.rollup
    assert rollup is not None and set(rollup["报送单位"]) == {"云岭市清江区"}
    assert set(rollup["结果"]) == {AGREE}
    assert set(rollup["部分数"]) == {2}
    ids = set(rollup["指标编号"])
    assert {"t3.new@total", "t3.result.total@total", "t4.review.total"} <= ids
    assert not any(i.startswith("t2.") for i in ids)
    parts = result.rollup_parts
    assert sorted(parts["报送单位"]) == ["云岭市清江区人民政府办公室", "清江区白沙镇人民政府"]


def test_rollup_names_the_difference(tmp_path: Path) -> None:
    rollup = _analyse(rollup_folder(tmp_path, slip=True)).rollup.set_index("指标编号")
    row = rollup.loc["t3.new@natural"]
    assert row["结果"] == DISAGREE and row["差额"] == 3
    assert rollup.loc["t3.new@commercial", "结果"] == AGREE


def test_rollup_says_it_cannot_check_rather_than_guess(tmp_path: Path) -> None:
    rollup = _analyse(rollup_folder(tmp_path, blank_part=True)).rollup.set_index("指标编号")
    row = rollup.loc["t3.new@natural"]
    assert row["结果"] == UNCHECKED and "清江区白沙镇人民政府" in row["说明"]
    assert row["差额"] is None or row["差额"] != row["差额"]  # no difference is made up


def test_rollup_names_a_part_missing_this_year(tmp_path: Path) -> None:
    from analysis_folders import whole_of

    from tests.fixtures.new_template.reports import QINGJIANG_2022

    folder = rollup_folder(tmp_path)
    write(whole_of(2022, (QINGJIANG_2022,)), folder)  # 2022: the whole and the office only
    write(QINGJIANG_2022, folder)
    rollup = _analyse(folder).rollup
    later = rollup[rollup["年度"] == 2022]
    assert set(later["结果"]) == {UNCHECKED}
    assert later["说明"].str.contains("本年缺少报告：清江区白沙镇人民政府").all()
    assert set(rollup[rollup["年度"] == 2021]["结果"]) == {AGREE}


@pytest.mark.parametrize(("agency", "place"), [
    ("银川市西夏区", "银川市西夏区"), ("云岭市清江区人民政府", "云岭市清江区"), ("清江区", "清江区"),
    ("云岭市清江区人民政府办公室", None), ("清江区白沙镇人民政府", None), ("云岭市交通运输局", None), (None, None),
])
def test_which_agencies_stand_for_a_whole_place(agency: str | None, place: str | None) -> None:
    assert place_of(agency) == place


def test_rule_kinds_are_plain_chinese() -> None:
    assert rule_kind("t3.row.result.granted") == "表三各列合计不符"
    assert rule_kind("sum.apply.received") == "分项合计不符"
    assert rule_kind("cross_year.same_text") == "正文照搬上年"
    assert rule_kind("something.new") == "其他问题"
