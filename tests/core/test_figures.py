"""Figures in prose: exact spans, Chinese numerals, approximate wordings as ranges, noise."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.narrative.figures import INFINITY, find_figures, parse_chinese_numeral, unit_end

FIXTURES = Path(__file__).parents[1] / "fixtures"
D = Decimal


def one(text: str):
    found = find_figures(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("三十", 30), ("一百二十", 120), ("一百零五", 105),
     ("两千", 2000), ("两万三千", 23000), ("十万", 100000), ("一千二百三十四", 1234)],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "unit"),
    [
        ("受理政府信息公开申请 12 件", "12", 12, 12, "件"),
        ("共参加了两次培训", "两", 2, 2, "次"),
        ("发布信息十二条", "十二", 12, 12, "条"),
        ("开展一百二十次检查", "一百二十", 120, 120, "次"),
        ("发布信息1,200条", "1,200", 1200, 1200, "条"),
        ("发布信息１２条", "１２", 12, 12, "条"),
        ("解读文件 20 余件", "20 余", 21, 29, "件"),
        ("解读文件20余件", "20余", 21, 29, "件"),
        ("发布信息1千余条", "1千余", 1001, 1999, "条"),
        ("公开信息300多条", "300多", 301, 399, "条"),
        ("受理诉求7980多件", "7980多", 7981, 7989, "件"),
        ("已公开信息 2 万余条", "2 万余", 20001, 29999, "条"),
        ("开展十余次", "十余", 11, 19, "次"),
        ("近20个重点领域", "近20", 15, 19, "个"),
        ("约100人参加", "约100", 90, 110, "人"),
        ("培训600人次以上", "600人次以上", 600, INFINITY, "人次"),
        ("超过5小时", "超过5", 6, INFINITY, "小时"),
        ("不到150件", "不到150", 0, 149, "件"),
        ("不到0件", "不到0", 0, 0, "件"),
        ("占总数的89%", "89%", 89, 89, "%"),
        ("满意率74.52%", "74.52%", D("74.52"), D("74.52"), "%"),
        ("下降了近43%", "近43%", D("32.25"), 43, "%"),
        ("经费 22 万元", "22", 22, 22, "万元"),
        ("经费0.5万元", "0.5", D("0.5"), D("0.5"), "万元"),
    ],
)
def test_figures_and_ranges(sentence: str, text: str, low: Decimal, high: Decimal, unit: str) -> None:
    fig = one(sentence)
    assert fig.text == text
    assert sentence[fig.span[0]:fig.span[1]] == text
    assert (fig.low, fig.high, fig.unit) == (D(low), D(high), unit)
    assert fig.exact == (low == high)


def test_range_admits_inside_not_outside() -> None:
    fig = one("解读文件20余件")
    assert fig.admits(D(21)) and fig.admits(D(29))
    assert not fig.admits(D(20)) and not fig.admits(D(30)) and not fig.admits(D(73))


def test_unit_end_covers_the_unit_after_spaces() -> None:
    text = "全年在网站发布各类信息 1457 条、向市政府"
    fig = one(text)
    assert text[fig.span[0]:unit_end(text, fig)] == "1457 条"


@pytest.mark.parametrize(
    "noise",
    [
        "统计期限为2018年1月1日至2018年12月31日",
        "电话:0951-5556502;传真:0951—2078503",
        "邮编:750001",
        "(0951) 2078503",
        "银政办发〔2018〕102号",
        "银政办函 [2018] 48 号",
        "银政办发2018〔70〕号",
        "地址:银川市金凤区万寿路177号",
        "行政中心 7 楼 718 室",
        "网址 www.yinchuan.gov.cn 和 <http://www.yc12345.gov.cn/>",
        "电子邮箱:zhcs12345@163.com",
        "排名第5位，第二届研讨会，第一批项目",
        "图 1 出台通知；图6 办理",
        "1、预决算和审计信息公开",
        "(1) 脱贫攻坚领域",
        "“12345一号通”平台",
        "110报警服务平台",
        "“7·22 贺兰山洪水”",
        "“五公开”“四个一”",
        "自治区第十二次党代会和十九大精神",
        "FM90.5《民情热线》",
        "流水号2018061709999",
        "2019 政务公开工作要点",
        "《银川市2018年政务公开工作要点》",
        "一是统一思想，进一步加强",
    ],
)
def test_noise_is_not_a_figure(noise: str) -> None:
    assert find_figures(noise) == []


def test_every_seed_figure_has_an_exact_span() -> None:
    for path in sorted(FIXTURES.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        figures = find_figures(text)
        assert len(figures) > 20
        last = -1
        for fig in figures:
            assert text[fig.span[0]:fig.span[1]] == fig.text
            assert fig.span[0] > last  # reading order, no overlap
            last = fig.span[1] - 1
            assert fig.low <= fig.high


def test_seed_years_and_dates_are_never_figures() -> None:
    text = (FIXTURES / "000_1ef6b1c3b3b373a4.txt").read_text(encoding="utf-8")
    values = {fig.low for fig in find_figures(text) if fig.unit != "%"}
    assert D(2018) not in values and D(2017) not in values and D(2019) not in values
    assert D(750001) not in values and D(5556502) not in values


_ALPHABET = (
    "0123456789０１２３４５６７８９一二两三十百千万余多近约以上下左右超过不到第年月日号条件次篇个人人次名万元%％"
    "，。；、 \n\t-—·.,（）()《》“”@wwwhttp:/信息公开申请"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_any_text_gives_exact_ordered_spans(text: str) -> None:
    last = 0
    for fig in find_figures(text):
        assert text[fig.span[0]:fig.span[1]] == fig.text
        assert fig.span[0] >= last and fig.span[1] > fig.span[0]
        last = fig.span[1]
        assert fig.low <= fig.high
        assert unit_end(text, fig) >= fig.span[1]
