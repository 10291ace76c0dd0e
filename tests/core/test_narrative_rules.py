"""Narrative rules: mismatch, conflict, percent, unassessable; on built claims and on the seeds."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from core.audit import evaluate
from core.document import read_document
from core.forms import extract_table, get_form
from core.forms.national_2008.schema import TEMPLATE_2008
from core.narrative import find_claims
from core.narrative.model import Claim, Figure
from core.rules.finding import Finding, Kind, Severity
from core.rules.narrative import check_claims
from core.table.model import ExtractedValue, IndicatorTable

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED_NAMES = sorted(p.name for p in FIXTURES.glob("0*.txt"))
D = Decimal


def table_of(**values: int | str | None) -> IndicatorTable:
    published = {}
    for key, value in values.items():
        ident = key.replace("__", ".")
        published[ident] = ExtractedValue(
            id=ident, raw=None if value is None else str(value), value=None if value is None else D(str(value)), span=(0, 1)
        )
    return IndicatorTable(TEMPLATE_2008, published)


def claim(text: str, low: int | str, high: int | str | None = None, ids: tuple[str, ...] = ("active.total",),
          kind: str = "count", of: tuple[str, ...] = (), subject: str = "主动公开信息", at: int = 100) -> Claim:
    hi = low if high is None else high
    fig = Figure(text=text, span=(at, at + len(text)), low=D(str(low)), high=D(str(hi)), unit="%" if kind == "percent" else "条")
    return Claim(figure=fig, ids=ids, span=(at - 6, at + len(text) + 1), subject=subject, kind=kind, of=of,
                 text=f"主动公开信息{text}条")


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# --- mismatch -------------------------------------------------------------------------


def test_consistent_claim_raises_nothing() -> None:
    assert check_claims([claim("120", 120)], table_of(active__total=120)) == []


def test_mismatch_carries_the_wording_the_value_and_the_evidence() -> None:
    c = claim("1211", 1211)
    [f] = check_claims([c], table_of(active__total=66))
    assert (f.rule, f.kind, f.severity) == ("narrative.mismatch", Kind.NARRATIVE, Severity.WARNING)
    assert f.ids == ("active.total",)
    assert f.claimed == "1211" and f.table == D(66)
    assert f.message == "正文称主动公开信息1211条，统计表主动公开政府信息数为66条"
    assert [(e.span, e.text) for e in f.evidence] == [(c.span, c.text)]


def test_approximate_figure_is_a_range() -> None:
    c = claim("20余", 21, 29, ids=("response.interpretations",), subject="政策解读")
    assert check_claims([c], table_of(response__interpretations=25)) == []
    [f] = check_claims([c], table_of(response__interpretations=73))
    assert f.rule == "narrative.mismatch" and f.claimed == "20余" and f.table == D(73)
    assert rules_of(check_claims([c], table_of(response__interpretations=20))) == ["narrative.mismatch"]


def test_combined_claim_is_compared_with_the_sum() -> None:
    c = claim("1080", 1080, ids=("active.weibo", "active.wechat"), subject="微博微信公开信息")
    assert check_claims([c], table_of(active__weibo=620, active__wechat=460)) == []
    [f] = check_claims([c], table_of(active__weibo=600, active__wechat=460))
    assert f.table == D(1060) and f.ids == ("active.weibo", "active.wechat")
    assert "合计为1060条" in f.message


def test_zero_statement_against_a_count() -> None:
    c = claim("未收到", 0, ids=("apply.received",), kind="zero", subject="收到申请")
    assert check_claims([c], table_of(apply__received=0)) == []
    [f] = check_claims([c], table_of(apply__received=3))
    assert f.rule == "narrative.mismatch" and f.table == D(3) and "收到申请数为3件" in f.message


def test_missing_table_value_is_unassessable_not_consistent() -> None:
    c = claim("1211", 1211)
    for table in (table_of(), table_of(active__total=None)):
        [f] = check_claims([c], table)
        assert (f.rule, f.severity, f.assessable) == ("narrative.unassessable", Severity.INFO, False)
        assert f.evidence[0].span == c.span and "无法核对" in f.message


def test_correction_is_seen() -> None:
    table = table_of(active__total=66)
    c = claim("1211", 1211)
    assert rules_of(check_claims([c], table)) == ["narrative.mismatch"]
    table.corrections["active.total"] = D(1211)
    assert check_claims([c], table) == []


def test_unmatched_claims_raise_nothing() -> None:
    c = claim("7980多", 7981, 7989, ids=())
    assert check_claims([c], table_of(active__total=1)) == []


# --- percent --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "part", "whole", "ok"),
    [
        ("25%", 3, 12, True),
        ("67%", 8, 12, True),  # 66.67 rounded
        ("66%", 8, 12, True),  # 66.67 truncated
        ("89%", 107, 120, True),  # 89.17
        ("90%", 107, 120, True),  # a whole percent within 1
        ("88%", 107, 120, False),
        ("50%", 3, 12, False),
        ("51.85%", 14, 27, True),  # 51.851...
        ("51.8%", 14, 27, True),  # truncated to one decimal
        ("51.86%", 14, 27, False),
        ("51.84%", 14, 27, False),
        ("５１．８６％", 14, 27, False),  # full-width: still two decimals
    ],
)
def test_percent_rounding_and_truncation(printed: str, part: int, whole: int, ok: bool) -> None:
    value = D(printed.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%")).rstrip("%"))
    c = claim(printed, value, ids=("apply.received.online",), kind="percent", of=("apply.received",), subject="网络申请占比")
    findings = check_claims([c], table_of(apply__received=whole, apply__received__online=part))
    assert rules_of(findings) == ([] if ok else ["narrative.percent"])
    if not ok:
        assert findings[0].ids == ("apply.received.online", "apply.received")


def test_percent_of_zero_or_missing_is_unassessable() -> None:
    c = claim("25%", 25, ids=("apply.received.online",), kind="percent", of=("apply.received",))
    for table in (table_of(apply__received=0, apply__received__online=0), table_of(apply__received__online=3)):
        assert rules_of(check_claims([c], table)) == ["narrative.unassessable"]


# --- conflict -------------------------------------------------------------------------


def test_same_quantity_stated_twice_incompatibly() -> None:
    first = claim("15", 15, ids=("active.wechat",), subject="微信公开信息", at=100)
    second = claim("36", 36, ids=("active.wechat",), subject="微信公开信息", at=500)
    findings = check_claims([first, second], table_of(active__wechat=36))
    # one defect, one finding: the statement the table contradicts is named in the conflict
    [conflict] = findings
    assert conflict.rule == "narrative.conflict"
    assert [e.span for e in conflict.evidence] == [first.span, second.span]
    assert conflict.claimed == "15；36" and conflict.severity is Severity.WARNING
    assert conflict.message.endswith("统计表为36条，“主动公开信息15条”与之不符")


def test_a_conflict_whose_statements_both_miss_the_table_says_so_once() -> None:
    first = claim("1千余", 1001, 1999, ids=("active.website",), subject="部门网站公开信息", at=100)
    second = claim("200余", 201, 299, ids=("active.website",), subject="部门网站公开信息", at=500)
    third = claim("70", 70, ids=("active.website",), subject="网站公开信息", at=900)  # another subject
    findings = check_claims([first, second, third], table_of(active__website=66))
    assert [(f.rule, f.claimed) for f in findings] == [("narrative.conflict", "1千余；200余"), ("narrative.mismatch", "70")]
    assert findings[0].message.endswith("统计表为66条，均与之不符")
    # with the row blank there is no table value to hold them against: the conflict alone
    blank = check_claims([first, second], table_of(active__total=5))
    assert "统计表" not in next(f for f in blank if f.rule == "narrative.conflict").message


def test_compatible_or_differently_scoped_statements_do_not_conflict() -> None:
    approx = claim("200余", 201, 299, ids=("active.website",), subject="部门网站公开信息", at=100)
    exact = claim("245", 245, ids=("active.website",), subject="部门网站公开信息", at=300)
    portal = claim("66", 66, ids=("active.website",), subject="门户网站公开信息", at=500)
    findings = check_claims([approx, exact, portal], table_of(active__website=66))
    assert "narrative.conflict" not in rules_of(findings)


# --- the seeds ------------------------------------------------------------------------


@cache
def seed_findings(name: str) -> tuple[Finding, ...]:
    doc = read_document(FIXTURES / name)
    extraction = extract_table(doc)
    table = IndicatorTable(extraction.template, extraction.values)
    patterns = get_form(extraction.template.id).patterns if extraction.template else None
    return tuple(check_claims(find_claims(doc, extraction, patterns), table))


EXPECTED: dict[str, set[tuple[str, tuple[str, ...], str]]] = {
    "000_1ef6b1c3b3b373a4.txt": {
        ("narrative.mismatch", ("active.total",), "1211"),  # table 66
        # each conflict names the statement the table contradicts (64; both; 15): no mismatch of their own
        ("narrative.conflict", ("active.website",), "64；66"),  # table 66
        ("narrative.conflict", ("active.website",), "1千余；200余"),  # 部门网站, table 66
        ("narrative.conflict", ("active.wechat",), "15；36"),  # table 36
    },
    "001_b0a66c8402e0df51.txt": {("narrative.mismatch", ("response.interpretations",), "9")},  # table 8
    "002_8d7bd257c54a0421.txt": set(),
    "003_cfd7fc65b449dc9b.txt": {("narrative.mismatch", ("response.interpretations",), "20余")},  # table 73
    "004_b19e0a271049421c.txt": {("narrative.mismatch", ("active.website",), "1457")},  # table 245
}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_findings(name: str) -> None:
    got = {(f.rule, f.ids, f.claimed) for f in seed_findings(name)}
    assert got == EXPECTED[name]
    assert len(seed_findings(name)) == len(EXPECTED[name])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_evidence_is_exact(name: str) -> None:
    doc = read_document(FIXTURES / name)
    for f in seed_findings(name):
        assert f.kind is Kind.NARRATIVE and f.evidence
        for e in f.evidence:
            assert doc.text[e.span[0]:e.span[1]] == e.text


def test_cli_example_message() -> None:
    [f] = seed_findings("004_b19e0a271049421c.txt")
    assert f.message == "正文称网站发布各类信息1457条，统计表政府网站公开政府信息数为245条"
    assert f.table == D(245) and [e.text for e in f.evidence] == ["网站发布各类信息 1457 条"]


def test_evaluate_includes_the_narrative_rules() -> None:
    doc = read_document(FIXTURES / "001_b0a66c8402e0df51.txt")
    extraction = extract_table(doc)
    table = IndicatorTable(extraction.template, extraction.values)
    findings = evaluate(table, find_claims(doc, extraction, get_form(extraction.template.id).patterns if extraction.template else None))
    assert [f.claimed for f in findings if f.rule == "narrative.mismatch"] == ["9"]
