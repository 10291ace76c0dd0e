"""Narrative patterns shared by the 2019 and 2021 national forms, and the table 二 wording.

Each version's package composes its set from ``common()`` and ``documents()``. Matches the
clause leading up to a figure (see ``core.narrative.patterns``). Two statements are not
here on purpose, because a figure = sum-of-rows claim cannot express them: "收到申请N件"
(which may include carried-over cases) and "均获维持"; ``core.forms.matrix.claims`` finds
those and ``core.forms.matrix.rules`` checks them.
"""

from __future__ import annotations

from core.narrative.patterns import CountPattern, PatternSet, ZeroPattern

COUNT_UNITS = frozenset({"件", "个", "起", "次", "宗"})
DOC_UNITS = frozenset({"件", "个", "份", "部"})
# "尚未审结1起" counts a pending case: it is not "no case"
_NOT = r"(?:尚未|均未|从未|未|没有|无(?!法|论|疑|不))(?!审结|结案|办结|审理终结)(?:发生|出现|收到|接到|受理|有过|有|产生)?|不存在"


def count(ids: str | tuple[str, ...], subject: str, keyword: str, units: frozenset[str] = COUNT_UNITS,
           requires: str | None = None, excludes: str | None = None,
           topic: str | None = None, rival: str | None = None) -> CountPattern:
    return CountPattern(
        ids=(ids,) if isinstance(ids, str) else ids,
        subject=subject,
        keyword=keyword,
        units=units,
        requires=requires or None,
        excludes=excludes or None,
        topic=topic or None,
        rival=rival or None,
    )


_TOTAL = "t3.result.total@total"
_LITIGATION = ("t4.lit_direct.total", "t4.lit_after_review.total")
DENIED = tuple(f"t3.result.denied.{r}@total" for r in (
    "state_secret", "law_forbidden", "security_stability", "third_party", "internal_affairs", "process_info",
    "enforcement_file", "admin_query"))
UNABLE = tuple(f"t3.result.unable.{r}@total" for r in ("not_held", "needs_creation", "unclear"))
NOT_PROCESSED = tuple(f"t3.result.not_processed.{r}@total" for r in (
    "petition", "duplicate", "publication", "mass_repetitive", "confirm_reissue"))
# "行政复议7件，其中维持5件" and "行政诉讼9件，维持8件": the same words, different rows
_REVIEW, _SUIT = r"行政复议|复议(?!后)", r"行政诉讼|诉讼|起诉"


def _outcomes(group: str, topic: str, rival: str) -> list[CountPattern]:
    """维持/纠正/其他结果/尚未审结 of a table 四 group, said of the sentence's topic."""
    ids = {"t4.review": ("t4.review",), "lit": ("t4.lit_direct", "t4.lit_after_review")}[group]
    name = "行政复议" if group == "t4.review" else "行政诉讼"
    words = (("upheld", "维持", r"维持"), ("corrected", "纠正", r"纠正|撤销|确认违法"),
             ("pending", "尚未审结", r"尚未审结|未审结|正在审理|审理中"), ("other", "其他结果", r"其他结果"))
    return [count(tuple(f"{g}.{m}" for g in ids), f"{name}{label}", rx, topic=topic, rival=rival)
            for m, label, rx in words]


def common() -> PatternSet:
    """Tables 三 and 四 (identical in both versions) and the decision counts of table 二."""
    p = PatternSet()
    p.counts = [
        count("t3.carried_in@total", "上年结转申请", r"上年(?:度)?结转|结转上年"),
        count("t3.carried_out@total", "结转下年度申请", r"结转(?:至|到)?下(?:一)?年度?|转入下(?:一)?年度?|^结转"),
        count(("t3.result.granted@total", "t3.result.partial@total"), "予以公开及部分公开",
              r"予以公开(?:及|和|与|、|或)部分公开|全部或部分公开|全部公开(?:及|和|或)部分公开"),
        count(UNABLE, "无法提供", r"无法提供"),
        count(DENIED, "不予公开", r"不予公开"),
        count(NOT_PROCESSED, "不予处理", r"不予处理"),
        count("t3.result.granted@total", "予以公开", r"予以公开|同意公开|全部公开", excludes=r"不予公开"),
        count("t3.result.partial@total", "部分公开", r"部分公开"),
        count("t3.result.unable.not_held@total", "本机关不掌握", r"不掌握"),
        count(_TOTAL, "办结申请", r"办结|办理完毕|已答复|答复完毕|^答复", excludes=r"复议|诉讼|按时|延期"),
        count("t4.lit_direct.total", "未经复议直接起诉", r"直接起诉|未经复议"),
        count("t4.lit_after_review.total", "复议后起诉", r"复议后起诉|经复议后"),
        *_outcomes("t4.review", _REVIEW, _SUIT),
        *_outcomes("lit", _SUIT, _REVIEW),
        count("t4.review.total", "行政复议", r"行政复议|^复议", excludes=r"复议后起诉"),
        count(_LITIGATION, "行政诉讼", r"行政诉讼|^诉讼"),
        count("t2.licensing.decisions", "行政许可决定", r"行政许可", frozenset({"件", "个", "项", "宗"})),
        count("t2.penalty.decisions", "行政处罚决定", r"行政处罚", frozenset({"件", "个", "项", "宗"})),
        count("t2.coercion.decisions", "行政强制决定", r"行政强制", frozenset({"件", "个", "项", "宗"})),
    ]
    p.zeros = [
        ZeroPattern(("t4.review.total",), "行政复议", _NOT, r"行政复议|复议"),
        ZeroPattern(_LITIGATION, "行政诉讼", _NOT, r"行政诉讼|诉讼"),
        ZeroPattern(("t3.new@total",), "收到申请",
                    r"(?:未|没有|尚未|均未|从未)(?:收到|接到|受理|发生|有)",
                    r"申请(?!行政复议|复议)", excludes=r"行政复议|行政诉讼|复议|诉讼"),
    ]
    p.shares = dict.fromkeys(
        ("t3.result.granted@total", "t3.result.partial@total", *DENIED, *UNABLE, *NOT_PROCESSED), (_TOTAL,)
    )
    return p


def documents(issued: str, repealed: str | None, in_force: str | None, issue_words: str) -> list[CountPattern]:
    out = []
    for row, name in (("normative", "规范性文件"), ("regulations", "规章")):
        out.append(count(f"t2.{row}.{issued}", f"制发{name}", rf"(?:{issue_words})[^，。；]*{name}|{name}[^，。；]*(?:{issue_words})",
                          DOC_UNITS))
        if repealed:
            out.append(count(f"t2.{row}.{repealed}", f"废止{name}", rf"废止[^，。；]*{name}|{name}[^，。；]*废止",
                              DOC_UNITS))
        if in_force:
            out.append(count(f"t2.{row}.{in_force}", f"现行有效{name}", rf"现行有效[^，。；]*{name}|{name}[^，。；]*现行有效",
                              DOC_UNITS))
    # "制发行政规范性文件6件，废止2件": a bare 废止/现行有效 right after a normative figure
    if repealed:
        out.append(count(f"t2.normative.{repealed}", "废止规范性文件", r"^废止", DOC_UNITS))
    if in_force:
        out.append(count(f"t2.normative.{in_force}", "现行有效规范性文件", r"^现行有效", DOC_UNITS))
    return out
