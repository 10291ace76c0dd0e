"""Recognise the printed labels of the 2019/2021 report tables: sections, rows, columns.

Labels are matched by the words that make them unique, not character for character:
agencies shorten, wrap and renumber them. The order of ``T3_KEYS`` matters: the most
specific words come first ("不予公开" must not be read as "予以公开").
"""

from __future__ import annotations

import re

SECTION_KEYS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("总体情况",)),
    (2, ("主动公开政府信息情况", "主动公开政府信息", "主动公开情况")),
    (3, ("收到和处理", "收到及处理", "处理政府信息公开申请")),
    (4, ("行政复议", "行政诉讼")),
    (5, ("存在的主要问题", "主要问题及改进", "问题及改进")),
    (6, ("其他需要报告",)),
)
# "二、主动公开…", also "二 主动公开…" (a PDF may drop the 、), never "二是…"
_SECTION_RE = re.compile(r"^[\s#*>]*([一二三四五六])(?:\s*[、.．]|\s)\s*(\S.*)$")
_NUMERALS = "一二三四五六"

T3_KEYS: tuple[tuple[str, str], ...] = (
    ("逾期不补正", "t3.result.other.no_correction"),
    ("缴纳费用", "t3.result.other.unpaid_fee"),
    ("收费通知", "t3.result.other.unpaid_fee"),
    ("国家秘密", "t3.result.denied.state_secret"),
    ("禁止公开", "t3.result.denied.law_forbidden"),
    ("三安全", "t3.result.denied.security_stability"),
    ("第三方", "t3.result.denied.third_party"),
    ("内部事务", "t3.result.denied.internal_affairs"),
    ("过程性", "t3.result.denied.process_info"),
    ("执法案卷", "t3.result.denied.enforcement_file"),
    ("行政查询", "t3.result.denied.admin_query"),
    ("不掌握", "t3.result.unable.not_held"),
    ("另行制作", "t3.result.unable.needs_creation"),
    ("仍不明确", "t3.result.unable.unclear"),
    ("补正后", "t3.result.unable.unclear"),
    ("信访", "t3.result.not_processed.petition"),
    ("重复申请", "t3.result.not_processed.duplicate"),
    ("出版物", "t3.result.not_processed.publication"),
    ("大量反复", "t3.result.not_processed.mass_repetitive"),
    ("重新出具", "t3.result.not_processed.confirm_reissue"),
    ("新收", "t3.new"),
    ("上年结转", "t3.carried_in"),
    ("结转下年", "t3.carried_out"),
    ("继续办理", "t3.carried_out"),
    ("办理结果", "t3.result"),
    ("予以公开", "t3.result.granted"),
    ("部分公开", "t3.result.partial"),
    ("不予公开", "t3.result.denied"),
    ("无法提供", "t3.result.unable"),
    ("不予处理", "t3.result.not_processed"),
    ("其他处理", "t3.result.other"),
)
T3_HEADERS = frozenset({"t3.result", "t3.result.denied", "t3.result.unable", "t3.result.not_processed"})

T2_KEYS: tuple[tuple[str, str], ...] = (
    ("其他对外管理服务事项", "t2.other_services"),
    ("对外管理服务", "t2.other_services"),
    ("规范性文件", "t2.normative"),
    ("规章", "t2.regulations"),
    ("行政许可", "t2.licensing"),
    ("行政处罚", "t2.penalty"),
    ("行政强制", "t2.coercion"),
    ("行政事业性收费", "t2.fees"),
    ("集中采购", "t2.procurement"),
)

# Column heads of table 三/四 and the form's note: lines made of these carry no row.
_COLUMN_HEAD_WORDS = (
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "申请人情况", "勾稽关系",
    "结果维持", "结果纠正", "尚未审结", "未经复议", "复议后起诉", "信息内容", "第二十条",
)

_NUMBERING_RE = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|(?<![\d.])\d{1,2}\s*[．.、](?!\d))")
_STRIP_NUMBERING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}\s*[．.、])\s*")


def section_of(line: str) -> int | None:
    """The report section a heading line opens (1-6), or None for any other line."""
    m = _SECTION_RE.match(line)
    if not m:
        return None
    number = _NUMERALS.index(m.group(1)) + 1
    rest = m.group(2)
    if len(rest) > 40:
        return None  # a paragraph that happens to start with 二、
    for section, keys in SECTION_KEYS:
        if section == number and any(k in rest for k in keys):
            return section
    return None


def is_column_head(text: str) -> bool:
    return any(w in text for w in _COLUMN_HEAD_WORDS)


def segments(label: str) -> list[tuple[int, str]]:
    """Cut a label into its numbered parts: "三、本年度办理结果（一）予以公开" -> two parts.

    Returns (offset in ``label``, text) pairs.
    """
    starts = sorted({0, *(m.start() for m in _NUMBERING_RE.finditer(label))})
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(label)
        if label[s:e].strip():
            out.append((s, label[s:e]))
    return out


def bare(text: str) -> str:
    """The label without its numbering and spaces: "3．其他" -> "其他"."""
    return re.sub(r"\s+", "", _STRIP_NUMBERING_RE.sub("", text))


def match_t3(text: str, group: str | None) -> str | None:
    """The table 三 row a label segment names; ``group`` is the open header row."""
    squeezed = re.sub(r"\s+", "", text)
    for key, row in T3_KEYS:
        if key in squeezed:
            return row
    core = bare(text)
    if core == "其他" and group == "t3.result.other":
        return "t3.result.other.other"
    if core in ("总计", "合计") or squeezed.startswith(("（七）总计", "(七)总计")):
        return "t3.result.total"
    return None


def match_t2(text: str) -> str | None:
    squeezed = re.sub(r"\s+", "", text)
    if len(squeezed) > 16:
        return None  # a sentence, not a row label
    for key, row in T2_KEYS:
        if key in squeezed:
            return row
    return None
