"""Claims on short wordings: which clause decides what a figure counts, and when to stay silent."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.document.model import Document
from core.forms import get_form
from core.forms.national_2008.schema import TEMPLATE_2008
from core.narrative import CountPattern, PatternSet, find_claims
from core.narrative.model import Claim
from core.schema.model import IndicatorDef, Template
from core.table.model import Extraction


def claims_of(text: str, template: Template | None = TEMPLATE_2008, patterns: PatternSet | None = None) -> list[Claim]:
    if patterns is None and template is not None:
        patterns = get_form(template.id).patterns
    return find_claims(Document(text=text, source="t.txt", format="txt"), Extraction(template=template), patterns)


def matched(
    text: str, template: Template | None = TEMPLATE_2008, patterns: PatternSet | None = None
) -> list[tuple[str, tuple[str, ...], str]]:
    return [(c.kind, c.ids, c.figure.text) for c in claims_of(text, template, patterns) if c.ids]


@pytest.mark.parametrize(
    ("text", "ids", "figure"),
    [
        ("2018年全年通过网站、政务微博、政务微信等多种渠道，主动公开信息1211条。", ("active.total",), "1211"),
        ("通过政府网站和政务微博主动公开政府信息共120条。", ("active.total",), "120"),
        ("通过宁夏政务服务网主动公开政府信息94条。", ("active.website",), "94"),
        ("通过微博、微信主动公开政府信息 1080 条。", ("active.weibo", "active.wechat"), "1080"),
        ("通过政府公报公开政府信息 45 条。", ("active.gazette",), "45"),
        ("通过其他方式公开政府信息 3313 条。", ("active.other",), "3313"),
        ("中心微博发布、转发信息159条。", ("active.weibo",), "159"),
        ("通过“宁夏政务服务”微信公众号，发布各类政务服务信息92条。", ("active.wechat",), "92"),
        ("全年发布政策解读稿件十二篇。", ("response.interpretations",), "十二"),
        ("举办新闻发布会两次。", ("response.press_conf",), "两"),
        ("开展政府网站在线访谈3次。", ("response.interviews",), "3"),
        ("全年受理政府信息公开申请 12 件。", ("apply.received",), "12"),
        ("当面申请2件。", ("apply.received.in_person",), "2"),
        ("传真申请1件。", ("apply.received.fax",), "1"),
        ("网络申请 3 件。", ("apply.received.online",), "3"),
        ("信函申请 8 件。", ("apply.received.mail",), "8"),
        ("因政府信息公开申请行政复议2件。", ("review.total",), "2"),
        ("提起行政诉讼1件。", ("litigation.total",), "1"),
        ("收到信息公开方面的举报投诉3件。", ("complaints.total",), "3"),
        ("举办政务公开培训班5期。", ("meetings.trainings",), "5"),
        ("在辖区培训领导干部和业务人员 600 人次。", ("meetings.trainees",), "600"),
        ("召开政务公开专题会议4次。", ("meetings.meetings",), "4"),
        ("全区共有政务公开专职人员35名。", ("org.staff.full_time",), "35"),
        ("共设立政府信息查阅点11个。", ("org.reading_points",), "11"),
        ("制发规范性文件2件。", ("active.normative_issued",), "2"),
        ("安排政府信息公开专项经费 6 万元。", ("org.budget",), "6"),
        ("及时回应公众关注热点 9 次。", ("response.hotspots",), "9"),
    ],
)
def test_count_wordings(text: str, ids: tuple[str, ...], figure: str) -> None:
    assert matched(text) == [("count", ids, figure)]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("未收到相关单位及群众依申请公开政府信息的申请。", ("apply.received",)),
        ("全年未发生因信息公开申请行政复议的情况。", ("review.total",)),
        ("也未发生因政府信息公开提起行政诉讼的事项。", ("litigation.total",)),
        ("无信息公开方面的举报、查询、咨询等情况。", ("complaints.total",)),
        ("答复过程中未收取任何费用。", ("fees.total",)),
        ("银川经开区没有设立政务公开专门工作机构。", ("org.units",)),
        ("没有配备政务公开专职工作人员。", ("org.staff.full_time",)),
    ],
)
def test_zero_statements(text: str, ids: tuple[str, ...]) -> None:
    claims = [c for c in claims_of(text) if c.ids]
    assert [(c.kind, c.ids) for c in claims] == [("zero", ids)]
    claim = claims[0]
    assert claim.figure.low == claim.figure.high == 0
    assert text[claim.figure.span[0]:claim.figure.span[1]] == claim.figure.text


def test_review_and_suit_in_one_negation_do_not_count_as_an_application() -> None:
    text = "全年未发生因信息公开申请行政复议、提起行政诉讼、收到投诉举报情况。"
    assert {c.ids for c in claims_of(text) if c.ids} == {("review.total",), ("litigation.total",), ("complaints.total",)}


@pytest.mark.parametrize(
    "text",
    [
        "“12345”市民热线全年受理群众诉求 7980 多件，办结 7820 件，办结率98%。",
        "共收到市人大代表建议14件，均已及时办结。",
        "共答复“市长信箱”信件7件。",
        "共收到工单数量为175件。",
        "主动公开就业信息 111 条、重点工作信息 72 条。",
        "其中政务类信息 7177 条，动态信息 5661 条。",
        "微信公众号订阅量5381人次。",
        "2019年中心计划举办培训班3次。",
        "西夏区政务公开办公室配备专职人员 3 名。",
        "各镇街、政府各部门均配备专职人员 1 名。",
        "在市民大厅、图书馆建设政府信息查阅点 2 个。",
        "群众满意率74.52%。",
        "截至目前，累计发布政务微博 1858 条。",
    ],
)
def test_other_things_stay_silent(text: str) -> None:
    claims = claims_of(text)
    assert claims, "the figures are still returned"
    assert matched(text) == []


def test_breakdown_of_another_quantity_is_silent_but_own_family_is_not() -> None:
    text = "通过政府网站常规公开的107条信息均严格落实了要求，其中部门文件公开信息16条；政策解读公开信息7条。"
    assert matched(text) == [("count", ("active.website",), "107")]


def test_cumulative_total_followed_by_the_years_figure() -> None:
    text = "网站与微博链接,共发布政务微博 1858 条,粉丝 39943 位,其中 2018 年发布微博 122 条。"
    assert matched(text) == [("count", ("active.weibo",), "122")]


def test_share_of_the_figure_just_before() -> None:
    text = "网络申请 3 件，占申请总数的 25%，其他方式 1 件，占申请总数的 8%；主要涉及房屋拆迁的占 90%。"
    got = [(c.kind, c.ids, c.of, c.figure.text) for c in claims_of(text) if c.ids]
    assert got == [
        ("count", ("apply.received.online",), (), "3"),
        ("percent", ("apply.received.online",), ("apply.received",), "25%"),
    ]


def test_wrapped_line_inside_a_clause_is_not_a_boundary() -> None:
    text = "全年在网站发布各类信息 1457 条、向市政府门户网站推送政务信息和各类文\n\n件 245 条,经开区政务信息采用得分居第一。\n"
    claims = [c for c in claims_of(text) if c.ids]
    assert [(c.subject, c.figure.text) for c in claims] == [("网站公开信息", "1457"), ("门户网站公开信息", "245")]
    assert claims[0].text == "网站发布各类信息 1457 条"


def test_heading_line_is_a_boundary() -> None:
    text = "四、政府信息依申请公开情况\n\n网络申请 3 件。\n"
    assert matched(text) == [("count", ("apply.received.online",), "3")]


def test_only_ids_of_the_template_are_mapped() -> None:
    small = Template(id="2008", title="t", indicators=(IndicatorDef("active.total", "主动公开政府信息数", "条"),))
    text = "主动公开信息1211条，通过政府网站发布政府信息 8400 条。"
    assert matched(text, small) == [("count", ("active.total",), "1211")]
    assert matched(text, None) == []


def test_another_form_brings_its_own_patterns() -> None:
    template = Template(id="test-only", title="t", indicators=(IndicatorDef("t3.total@total", "本年新收政府信息公开申请数量", "件"),))
    patterns = PatternSet(counts=[
        CountPattern(("t3.total@total",), "新收申请", re.compile(r"新收[^，。；]*申请"), frozenset({"件"}))
    ])
    assert matched("本年度新收政府信息公开申请 25 件。", template, patterns) == [("count", ("t3.total@total",), "25")]
    assert matched("本年度新收政府信息公开申请 25 件。") == [("count", ("apply.received",), "25")]


_WORDS = ["主动公开信息", "通过政府网站", "微博、微信", "发布", "受理", "申请", "网络申请", "占申请总数的", "未收到", "未发生",
          "行政复议", "行政诉讼", "其中", "2018年", "12345热线", "共", "累计", "计划", "20余", "1千余", "两", "十二", "3",
          "89%", "条", "件", "次", "人次", "，", "。", "；", "\n", "\n\n", " ", "\t", "“", "”", "《", "》"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_any_wording_gives_exact_spans(words: list[str]) -> None:
    text = "".join(words)
    for c in claims_of(text):
        assert text[c.span[0]:c.span[1]] == c.text
        assert text[c.figure.span[0]:c.figure.span[1]] == c.figure.text
        assert c.span[0] <= c.figure.span[0] and c.figure.span[1] <= c.span[1]
        assert all(i in TEMPLATE_2008 for i in (*c.ids, *c.of))
        assert c.kind in {"count", "zero", "percent"} and (c.kind != "percent" or c.of)
