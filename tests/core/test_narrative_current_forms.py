"""What the prose of a 2019/2021-form report says, tied to the right combination of cells.

Each sentence is the kind published reports print (the first from a real one: 上海市政府办公厅
2019, tests/fixtures/real). A figure is compared with the sum of the rows it names, and a
share with the total of 办理结果.
"""

from __future__ import annotations

import pytest

from core.document.model import Document
from core.forms import get_form, get_template
from core.narrative import find_claims
from core.table.model import Extraction

DENIED = tuple(f"t3.result.denied.{r}@total" for r in (
    "state_secret", "law_forbidden", "security_stability", "third_party", "internal_affairs", "process_info",
    "enforcement_file", "admin_query"))
UNABLE = tuple(f"t3.result.unable.{r}@total" for r in ("not_held", "needs_creation", "unclear"))
NOT_PROCESSED = tuple(f"t3.result.not_processed.{r}@total" for r in (
    "petition", "duplicate", "publication", "mass_repetitive", "confirm_reissue"))
OTHER_2021 = tuple(f"t3.result.other.{r}@total" for r in ("no_correction", "unpaid_fee", "other"))


def claims(text: str, form: str = "2021") -> list[tuple[str, str, tuple[str, ...]]]:
    doc = Document(text=text, source="t.txt", format="txt")
    found = find_claims(doc, Extraction(template=get_template(form)), get_form(form).patterns)
    return [(c.kind, c.figure.text, c.ids) for c in found if c.ids]


def test_granted_and_partial_together_with_their_share() -> None:
    got = claims("予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%。", "2019")
    assert got[0] == ("count", "258", ("t3.result.granted@total", "t3.result.partial@total"))
    assert got[1] == ("percent", "33.9%", ("t3.result.granted@total", "t3.result.partial@total"))
    assert got[2] == ("count", "35", DENIED)
    assert got[3][0] == "percent" and got[3][2] == DENIED


@pytest.mark.parametrize(("sentence", "ids"), [
    ("因本机关不掌握等原因无法提供20件。", UNABLE),
    ("不予处理5件。", NOT_PROCESSED),
    ("其他处理2件。", OTHER_2021),
    ("本机关不掌握相关政府信息14件。", ("t3.result.unable.not_held@total",)),
])
def test_each_result_group_is_the_sum_of_its_rows(sentence: str, ids: tuple[str, ...]) -> None:
    (kind, _figure, got) = claims(sentence)[0]
    assert kind == "count" and got == ids


def test_closed_and_carried_over() -> None:
    assert claims("全年共办结78件，结转3件。") == [
        ("count", "78", ("t3.result.total@total",)),
        ("count", "3", ("t3.carried_out@total",)),
    ]


def test_review_and_suit_outcomes_follow_the_sentences_topic() -> None:
    got = claims("发生政府信息公开行政复议5起（维持3起、纠正1起、尚未审结1起），"
                 "行政诉讼4起（直接起诉3起、复议后起诉1起），维持2起。")
    assert got == [
        ("count", "5", ("t4.review.total",)),
        ("count", "3", ("t4.review.upheld",)),
        ("count", "1", ("t4.review.corrected",)),
        ("count", "1", ("t4.review.pending",)),
        ("count", "4", ("t4.lit_direct.total", "t4.lit_after_review.total")),
        ("count", "3", ("t4.lit_direct.total",)),
        ("count", "1", ("t4.lit_after_review.total",)),
        ("count", "2", ("t4.lit_direct.upheld", "t4.lit_after_review.upheld")),
    ]


def test_a_pending_case_is_not_a_statement_that_there_were_none() -> None:
    assert [c for c in claims("行政复议2起，其中尚未审结1起。") if c[0] == "zero"] == []
    assert ("zero", "未发生", ("t4.review.total",)) in claims("全年未发生政府信息公开行政复议。")


def test_documents_decisions_and_fees() -> None:
    assert claims("制发行政规范性文件6件，废止2件，现行有效行政规范性文件37件。") == [
        ("count", "6", ("t2.normative.issued",)),
        ("count", "2", ("t2.normative.repealed",)),
        ("count", "37", ("t2.normative.in_force",)),
    ]
    assert claims("全年作出行政许可决定1286件，行政处罚决定342件，行政强制决定12件，收取行政事业性收费3.65万元。") == [
        ("count", "1286", ("t2.licensing.decisions",)),
        ("count", "342", ("t2.penalty.decisions",)),
        ("count", "12", ("t2.coercion.decisions",)),
        ("count", "3.65", ("t2.fees.amount",)),
    ]


def test_parts_of_the_report_are_not_cases() -> None:
    """"…行政复议、行政诉讼的情况…等六个部分" counts the report's sections."""
    assert claims("本报告包括总体情况、因政府信息公开申请行政复议、提起行政诉讼的情况和其他需要报告的事项等六个部分。") == []
