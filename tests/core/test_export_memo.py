"""The 审核意见 memo, read back with python-docx."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from core.audit import audit_file
from core.export.memo import export_memo
from core.export.memo_text import CLOSING, NO_AGENCY, compose_memo, memo_title
from core.rules.base import fmt
from core.rules.finding import Severity
from core.session import CONFIRMED, FALSE_ALARM, AuditSession

ROOT = Path(__file__).parents[2]
NEW = ROOT / "tests" / "fixtures" / "new_template"
DAY = date(2026, 3, 5)


def _read(path: Path):  # type: ignore[no-untyped-def]
    import docx

    doc = docx.Document(str(path))
    return [p.text for p in doc.paragraphs], doc


def _reviewed() -> tuple[AuditSession, dict[str, object]]:
    """qingjiang 2022: a correction, a confirmed finding, a false alarm, the rest open."""
    session = AuditSession(audit_file(NEW / "qingjiang_2022.txt"))
    table = session.table
    assert table is not None
    target = next(f for f in session.findings if f.rule.startswith("t3.row") and f.severity is Severity.ERROR)
    ident = target.ids[0]
    fixed = session.value(ident) - 1  # type: ignore[operator]
    session.set_value(ident, fixed, "与纸质原件核对")
    assert target.key not in {f.key for f in session.findings}  # the correction resolved it
    warnings = [f for f in session.findings if f.severity is Severity.WARNING]
    confirmed, dismissed, still_open = warnings[0], warnings[1], warnings[2]
    session.set_disposition(confirmed.key, CONFIRMED, "请于五个工作日内更正")
    session.set_disposition(dismissed.key, FALSE_ALARM, "口径不同")
    return session, {"ident": ident, "fixed": fixed, "was": table.published[ident].value, "confirmed": confirmed,
                     "dismissed": dismissed, "open": still_open}


def test_memo_lists_corrections_confirmed_and_open_items(tmp_path: Path) -> None:
    session, parts = _reviewed()
    paragraphs, doc = _read(export_memo(session, tmp_path / "审核意见.docx", reviewer="李审核", unit="云岭市政务公开办", on=DAY))
    body = "\n".join(paragraphs)

    assert paragraphs[0] == memo_title(session) == "关于《云岭市清江区人民政府办公室2022年政府信息公开工作年度报告》的审核意见"
    assert "云岭市清江区人民政府办公室：" in paragraphs
    headings = [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == ["一、需更正的数据", "二、经核实的问题", "三、待核实的事项"]

    correction = next(p for p in paragraphs if p.startswith("（一）") and "应为" in p and "原因" in p)
    assert f"公布为{fmt(parts['was'])}，应为{fmt(parts['fixed'])}（原因：与纸质原件核对）" in correction
    assert correction == "（一）统计表“三、收到和处理政府信息公开申请情况”中“予以公开”行“总计”栏公布为35，应为34（原因：与纸质原件核对）。"
    confirmed = parts["confirmed"]
    assert confirmed.message.rstrip("。") in body and "审核意见：请于五个工作日内更正。" in body  # type: ignore[attr-defined]
    assert parts["open"].message.rstrip("。") in body  # type: ignore[attr-defined]
    assert parts["dismissed"].message not in body  # a false alarm is never sent out  # type: ignore[attr-defined]
    assert CLOSING in paragraphs
    assert paragraphs[-3:] == ["审核单位：云岭市政务公开办", "审核人：李审核", "2026年3月5日"]

    section = doc.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.05 and abs(section.page_height.cm - 29.7) < 0.05
    qn = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert doc.paragraphs[0].runs[0]._element.rPr.rFonts.get(qn) == "宋体"
    assert doc.paragraphs[3].runs[0]._element.rPr.rFonts.get(qn) == "仿宋"


def test_items_are_numbered_within_each_part() -> None:
    session = AuditSession(audit_file(NEW / "qingjiang_2022.txt"))
    memo = compose_memo(session, reviewer="李审核", on=DAY)
    lines = memo.lines()
    pending = memo.sections[-1]
    assert pending.heading == "待核实的事项" and len(pending.items) >= 2
    start = lines.index("一、待核实的事项")  # the only part: numbered from 一
    assert lines[start + 1].startswith("（一）") and lines[start + 2].startswith("（二）")


def test_a_report_with_nothing_to_say_says_so_in_one_line(tmp_path: Path) -> None:
    session = AuditSession(audit_file(NEW / "qingjiang_2021.txt"))
    assert not [f for f in session.findings if f.severity is not Severity.INFO]
    paragraphs, _ = _read(export_memo(session, tmp_path / "无问题.docx", reviewer="李审核", on=DAY))
    text = [p for p in paragraphs if p]
    assert text[2] == "经审核，你单位报送的《云岭市清江区人民政府办公室2021年政府信息公开工作年度报告》未发现需要更正的问题。"
    assert CLOSING not in text and not any(p.startswith(("一、", "（一）")) for p in text)
    assert text[3:] == ["审核人：李审核", "2026年3月5日"]


def test_open_warnings_alone_are_asked_to_be_checked_not_called_clean() -> None:
    session = AuditSession(audit_file(NEW / "qingjiang_2022.txt"))
    memo = compose_memo(session, reviewer="李审核", on=DAY)
    assert "未发现" not in memo.opening and "需要核实" in memo.opening
    assert [s.heading for s in memo.sections] == ["待核实的事项"]
    live = [f for f in session.findings if f.severity is not Severity.INFO]
    assert len(memo.sections[0].items) == len(live)


def test_auditor_set_agency_is_the_addressee_and_an_unknown_one_is_asked_for() -> None:
    session = AuditSession(audit_file(ROOT / "tests" / "fixtures" / "real" / "shanghai_bgt_2019.html"))
    assert session.result.agency == "上海市人民政府办公厅"  # read from the title
    session.set_identity(None, 2019)  # as for a report whose agency is not recognised
    memo = compose_memo(session, reviewer="李审核", on=DAY)
    assert memo.addressee == NO_AGENCY
    assert memo.title == "关于《2019年政府信息公开工作年度报告》的审核意见"
    session.set_identity("上海市人民政府办公厅", 2019)
    memo = compose_memo(session, reviewer="李审核", on=DAY)
    assert memo.addressee == "上海市人民政府办公厅"
    assert memo.title == "关于《上海市人民政府办公厅2019年政府信息公开工作年度报告》的审核意见"


def test_blank_as_zero_is_stated_when_on() -> None:
    session = AuditSession(audit_file(NEW / "qingjiang_2022.txt"))
    assert "空白单元格按0处理" not in "".join(compose_memo(session, reviewer="甲").lines())
    session.set_blank_as_zero(True)
    assert "本次审核中，统计表的空白单元格按0处理。" in compose_memo(session, reviewer="甲").lines()


def test_signed_by_the_reviewer_given_not_the_login_name() -> None:
    session = AuditSession(audit_file(NEW / "qingjiang_2022.txt"), user="loginname")
    lines = compose_memo(session, reviewer="王五", unit="", on=DAY).lines()
    assert "审核人：王五" in lines and not any("loginname" in line for line in lines)
    assert not any(line.startswith("审核单位") for line in lines)  # no empty 审核单位 line


def test_a_blanked_value_should_be_blank() -> None:
    session = AuditSession(audit_file(NEW / "qingjiang_2022.txt"))
    ident = next(i for i, v in session.table.published.items() if v.value == Decimal(4))  # type: ignore[union-attr]
    session.set_value(ident, None, "应为空")
    (item,) = compose_memo(session, reviewer="甲").sections[0].items
    assert "公布为4，应为空白（原因：应为空）" in item
