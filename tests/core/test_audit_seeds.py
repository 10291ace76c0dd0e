"""What a careful auditor raises on each real seed report, and nothing more.

Each expectation was written by reading the seed: the table's own arithmetic, the
form's rules, and every figure the narrative states about something the table counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.audit import audit_file

FIXTURES = Path(__file__).parents[1] / "fixtures"

# seed -> {(rule, first id, claimed)}: the complete list of warnings and errors
EXPECTED: dict[str, set[tuple[str, str, str | None]]] = {
    "000_1ef6b1c3b3b373a4.txt": {
        # 主动公开 66 but 其他方式 alone is 253: an item counted once cannot be fewer than a channel
        ("bound.active.total.channels", "active.total", None),
        # 主要负责同志参加新闻发布会 1 of 0 发布会
        ("bound.response.press_conf_principal", "response.press_conf_principal", None),
        ("soft.hotspots_zero", "response.hotspots", None),
        ("narrative.mismatch", "active.total", "1211"),
        # 门户网站专栏 64 条 vs 门户网站板块 66 条 (the table says 66): one finding naming the 64
        ("narrative.conflict", "active.website", "64；66"),
        # 部门网站 1千余条 vs 200余条, neither fits the table's 66
        ("narrative.conflict", "active.website", "1千余；200余"),
        # 微信公众号推送信息15条 vs 已推送各类信息36条 (the table says 36)
        ("narrative.conflict", "active.wechat", "15；36"),
    },
    "001_b0a66c8402e0df51.txt": {
        ("narrative.mismatch", "response.interpretations", "9"),
        ("soft.hotspots_zero", "response.hotspots", None),
        ("soft.trainees_without_trainings", "meetings.trainees", None),
    },
    "002_8d7bd257c54a0421.txt": {
        ("header.value", "meetings", None),
        ("soft.hotspots_without_response", "response.hotspots", None),
        ("soft.trainees_without_trainings", "meetings.trainees", None),
    },
    "003_cfd7fc65b449dc9b.txt": {
        # 解读文件 20余件 against 73 篇 解读稿件
        ("narrative.mismatch", "response.interpretations", "20余"),
    },
    "004_b19e0a271049421c.txt": {
        ("sum.apply.closed", "apply.closed", None),
        ("narrative.mismatch", "active.website", "1457"),
        ("soft.trainees_without_trainings", "meetings.trainees", None),
    },
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_findings_are_exactly_what_an_auditor_raises(seed: str) -> None:
    result = audit_file(FIXTURES / seed)
    assert result.error is None and result.template_id == "2008"
    got = {(f.rule, f.ids[0], f.claimed) for f in result.findings if f.severity.value != "info"}
    assert got == EXPECTED[seed]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_no_seed_rule_is_left_unassessed(seed: str) -> None:
    """Every row of every seed is readable, so no rule may fall back to 'cannot check'."""
    result = audit_file(FIXTURES / seed)
    assert [f.message for f in result.findings if not f.assessable] == []


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_evidence_spans_point_at_their_text(seed: str) -> None:
    result = audit_file(FIXTURES / seed)
    assert result.document is not None
    for f in result.findings:
        for ev in f.evidence:
            assert result.document.text[ev.span[0] : ev.span[1]] == ev.text


def test_sum_message_names_parent_parts_and_difference() -> None:
    result = audit_file(FIXTURES / "004_b19e0a271049421c.txt")
    f = next(f for f in result.findings if f.rule == "sum.apply.closed")
    assert f.message == "申请办结数为0，按时办结数与延期办结数合计为2，相差2"
    # Two single-value repairs exist (办结数 -> 2, or 按时办结数 -> 0): the data cannot say which.
    assert f.suggestion is None


def _edited_seed(tmp_path: Path, old: str, new: str) -> Path:
    seed = (FIXTURES / "003_cfd7fc65b449dc9b.txt").read_text(encoding="utf-8")
    assert seed.count(old) == 1
    path = tmp_path / "edited.txt"
    path.write_text(seed.replace(old, new), encoding="utf-8")
    return path


def test_a_row_in_two_broken_sums_is_one_finding_with_the_typo(tmp_path: Path) -> None:
    """不同意公开答复数 0 -> 1 breaks both its own sum and 申请答复数: one cause, one finding,
    and only that row repairs both."""
    path = _edited_seed(tmp_path, "| 4. 不同意公开答复数           | 件  | 0  |", "| 4. 不同意公开答复数           | 件  | 1  |")
    result = audit_file(path)
    (f,) = [f for f in result.findings if f.rule.startswith("sum.")]
    assert f.suggestion is not None
    assert (f.suggestion.id, int(f.suggestion.value)) == ("apply.answered.refused", 0)
    assert f.ids[0] == "apply.answered.refused" and "2项核对" in f.message
    assert "申请答复数" in f.message and "不同意公开答复数" in f.message


def test_an_ambiguous_leaf_typo_gets_no_suggestion(tmp_path: Path) -> None:
    path = _edited_seed(tmp_path, "| 3. 网络申请数              | 件  | 3  |", "| 3. 网络申请数              | 件  | 5  |")
    result = audit_file(path)
    f = next(f for f in result.findings if f.rule == "sum.apply.received")
    assert f.message.startswith("收到申请数为12，各分项合计为14（") and f.message.endswith("相差2")
    assert f.suggestion is None  # 收到申请数 -> 14 and 网络申请数 -> 3 both repair it


def test_a_report_without_a_table_still_lists_its_figures_for_the_eye(tmp_path: Path) -> None:
    narrative = (FIXTURES / "002_8d7bd257c54a0421.txt").read_text(encoding="utf-8").split("附件：")[0]
    path = tmp_path / "narrative.txt"
    path.write_text(narrative, encoding="utf-8")
    result = audit_file(path)
    assert result.table is None and [f.rule for f in result.findings] == ["document.no_table"]
    figures = {c.figure.text for c in result.claims}
    assert {"94", "768", "92"} <= figures
    assert all(not c.ids for c in result.claims)
