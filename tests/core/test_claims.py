"""Claims on the five real seeds: what each figure of the narrative is about, read as a
careful auditor would, and which figures must stay silent (about other things)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from core.audit import audit_document
from core.document import read_document
from core.document.model import Document
from core.forms import extract_table, get_form
from core.narrative import find_claims
from core.narrative.model import Claim
from core.table.model import Extraction

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED_NAMES = sorted(p.name for p in FIXTURES.glob("0*.txt"))


@cache
def seed(name: str) -> tuple[Document, Extraction, tuple[Claim, ...]]:
    doc = read_document(FIXTURES / name)
    extraction = extract_table(doc)
    return doc, extraction, tuple(find_claims(doc, extraction, get_form(extraction.template.id).patterns if extraction.template else None))


def compact(text: str) -> str:
    return "".join(text.split())


# (kind, ids, the figure as worded) for every claim tied to the table, in reading order.
MATCHED: dict[str, list[tuple[str, tuple[str, ...], str]]] = {
    "000_1ef6b1c3b3b373a4.txt": [
        ("count", ("active.total",), "1211"),  # 主动公开信息1211条 (table: 66)
        ("count", ("active.website",), "64"),  # 门户网站政务公开专栏公开64条
        ("count", ("active.website",), "1千余"),  # 部门网站共发布…信息1千余条
        ("count", ("active.weibo",), "159"),  # 中心微博发布、转发信息159条
        ("count", ("active.wechat",), "15"),  # 微信公众号推送信息15条
        ("zero", ("apply.received",), "未收到"),  # 未收到…依申请公开政府信息的申请
        ("zero", ("review.total",), "未出现"),  # 未出现…申请行政复议、提起行政诉讼
        ("zero", ("litigation.total",), "未出现"),
        ("count", ("active.wechat",), "36"),  # 微信公众号…已推送各类信息36条
        ("count", ("active.website",), "200余"),  # 通过部门网站公开信息200余条
        ("count", ("active.website",), "66"),  # 门户网站政务公开板块公开信息66条
    ],
    "001_b0a66c8402e0df51.txt": [
        ("count", ("active.total",), "120"),  # 通过政府网站和政务微博主动公开政府信息共120条
        ("count", ("active.website",), "107"),  # 其中通过政府网站常规公开信息107条
        ("percent", ("active.website",), "89%"),  # 占总数的89%
        ("count", ("active.weibo",), "13"),
        ("count", ("active.website",), "107"),  # 通过政府网站常规公开的107条信息
        ("count", ("response.interpretations",), "9"),  # 发布政策解读信息9条 (table: 8)
        ("count", ("apply.received",), "0"),  # 依申请公开信息0条
        ("zero", ("review.total",), "没有"),
        ("zero", ("litigation.total",), "未发生"),
    ],
    "002_8d7bd257c54a0421.txt": [
        ("count", ("active.website",), "94"),  # 通过宁夏政务服务网主动公开政府信息94条
        ("count", ("active.wechat",), "92"),  # 通过…微信公众号，发布各类政务服务信息92条
        ("zero", ("apply.received",), "未收到"),
        ("zero", ("review.total",), "未发生"),
        ("zero", ("litigation.total",), "未发生"),
        ("zero", ("complaints.total",), "无"),  # 无信息公开方面的举报
    ],
    "003_cfd7fc65b449dc9b.txt": [
        ("count", ("meetings.meetings",), "3"),  # 召开政府常务会议等 3 次会议
        ("count", ("active.total",), "12838"),
        ("count", ("active.gazette",), "45"),
        ("count", ("active.website",), "8400"),
        ("count", ("active.weibo", "active.wechat"), "1080"),  # 通过微博、微信…1080 条
        ("count", ("active.other",), "3313"),
        ("zero", ("review.total",), "未发生"),
        ("zero", ("litigation.total",), "未发生"),
        ("zero", ("complaints.total",), "未发生"),
        ("count", ("response.interpretations",), "20余"),  # 解读…文件 20 余件 (table: 73)
        ("count", ("apply.received",), "12"),
        ("count", ("apply.received.online",), "3"),
        ("percent", ("apply.received.online",), "25%"),
        ("count", ("apply.received.mail",), "8"),
        ("percent", ("apply.received.mail",), "67%"),
        ("zero", ("fees.total",), "未收取"),
        ("count", ("meetings.trainees",), "600"),  # 培训…600 人次
    ],
    "004_b19e0a271049421c.txt": [
        ("count", ("active.website",), "1457"),  # 网站发布各类信息 1457 条 (table: 245)
        ("count", ("active.website",), "245"),  # 向市政府门户网站推送…各类文件 245 条
        ("count", ("apply.received",), "2"),  # 办理本级依申请公开事项2件
        ("count", ("active.weibo",), "122"),  # 其中 2018 年发布微博 122 条
        ("count", ("active.wechat",), "193"),
        ("zero", ("org.units",), "没有设立"),
        ("zero", ("org.staff.full_time",), "没有配备"),
        ("zero", ("org.units",), "没有"),  # 没有专门的政务公开工作机构
    ],
}

# Figures about other things: found (the GUI shows them) but tied to no table row.
SILENT: dict[str, list[str]] = {
    "000_1ef6b1c3b3b373a4.txt": ["322件", "302件", "97%", "410余批次", "6800余人次", "600余篇", "10余篇", "13次",
                                 "485422件", "3200余件", "近43%", "1次"],  # 1次: a 2019 plan
    "001_b0a66c8402e0df51.txt": ["14件", "7件", "175件", "1001万余条", "100%", "两次", "26条", "16条", "7条", "20余家"],
    "002_8d7bd257c54a0421.txt": ["5381人次", "768条", "9次", "1件", "100余名", "2.5万项"],
    "003_cfd7fc65b449dc9b.txt": ["7177条", "5661条", "7980多件", "8000余件", "2万余条", "154件", "111条", "3名",
                                 "2个", "9个", "400余人", "8%", "90%", "11件", "30名"],
    "004_b19e0a271049421c.txt": ["837件", "356篇", "40余件", "40余条", "1000余份", "1858条", "12条", "9万余元",
                                 "100余名", "5件"],
}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_claims_tied_to_the_table(name: str) -> None:
    _, _, claims = seed(name)
    got = [(c.kind, c.ids, compact(c.figure.text)) for c in claims if c.ids]
    assert got == MATCHED[name]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_figures_about_other_things_stay_silent(name: str) -> None:
    doc, _, claims = seed(name)
    unmatched = {compact(c.text) for c in claims if not c.ids}
    for wording in SILENT[name]:
        assert wording in unmatched, wording
    for c in claims:
        if not c.ids:
            assert c.of == () and c.kind == "count"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_spans_exact_in_order_and_outside_the_table(name: str) -> None:
    doc, extraction, claims = seed(name)
    assert extraction.table_span is not None
    lo, hi = extraction.table_span
    starts = [c.span[0] for c in claims]
    assert starts == sorted(starts)
    for c in claims:
        assert doc.text[c.span[0]:c.span[1]] == c.text
        assert doc.text[c.figure.span[0]:c.figure.span[1]] == c.figure.text
        assert c.span[0] <= c.figure.span[0] and c.figure.span[1] <= c.span[1]
        assert c.span[1] <= lo or c.span[0] >= hi


def test_evidence_text_of_the_cli_example() -> None:
    doc, _, claims = seed("004_b19e0a271049421c.txt")
    website = [c for c in claims if c.ids == ("active.website",) and c.figure.text == "1457"]
    assert [c.text for c in website] == ["网站发布各类信息 1457 条"]


def test_cumulative_total_before_the_years_figure_is_silent() -> None:
    _, _, claims = seed("004_b19e0a271049421c.txt")
    cumulative = [c for c in claims if c.figure.text == "1858"]
    assert len(cumulative) == 1 and cumulative[0].ids == ()


def test_share_names_its_denominator() -> None:
    _, _, claims = seed("003_cfd7fc65b449dc9b.txt")
    shares = {c.figure.text: c.of for c in claims if c.kind == "percent"}
    assert shares == {"25%": ("apply.received",), "67%": ("apply.received",)}
    _, _, claims = seed("001_b0a66c8402e0df51.txt")
    assert [(c.figure.text, c.of) for c in claims if c.kind == "percent"] == [("89%", ("active.total",))]


def test_pasted_list_rows_give_no_claims() -> None:
    doc, _, claims = seed("001_b0a66c8402e0df51.txt")
    for c in claims:
        line_start = doc.text.rfind("\n", 0, c.span[0]) + 1
        line_end = doc.text.find("\n", c.span[0])
        assert "\t" not in doc.text[line_start:line_end]


def test_no_template_maps_nothing() -> None:
    doc, _, _ = seed("000_1ef6b1c3b3b373a4.txt")
    claims = find_claims(doc, Extraction(template=None))
    assert claims and all(not c.ids for c in claims)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_same_claims_from_docx_pdf_and_html(name: str, fmt: str, generated_docs) -> None:  # type: ignore[no-untyped-def]
    doc = read_document(generated_docs[(name, fmt)])
    claims = audit_document(doc).claims
    for c in claims:
        assert doc.text[c.span[0]:c.span[1]] == c.text
    got = [(c.kind, c.ids, compact(c.figure.text)) for c in claims if c.ids]
    assert got == MATCHED[name]
