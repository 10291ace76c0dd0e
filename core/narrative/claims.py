"""Claims: each figure of the narrative, tied to the table rows it speaks about (or not).

``find_claims`` reads only the narrative (outside ``extraction.table_span``, skipping
tab-separated list rows pasted from web pages), finds every figure, and decides what it
counts from the clause leading up to it and its unit, using the template's
``PatternSet`` (see ``patterns``). Every figure comes back as a ``Claim``: matched ones
carry ids, the others have ``ids == ()`` so the GUI can still show what the checks did
not cover. It stays silent (no ids) on figures about other things: hotline and petition
counts, 人大建议/政协提案, sub-units' figures, cumulative totals, plans, satisfaction
rates, and breakdowns of one quantity by another ("其中…政策解读公开信息7条" inside a
list of what the website published).

Statements of absence ("未收到…申请", "未收取任何费用") become ``kind="zero"`` claims
whose figure is the negation word itself; "占…的N%" after a matched count becomes a
``kind="percent"`` claim with the denominator ids in ``of``.
Pure standard library; a seed report takes a few milliseconds.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.document.model import Document, Span
from core.narrative.figures import find_figures, unit_end
from core.narrative.model import Claim, Figure
from core.narrative.patterns import CountPattern, PatternSet
from core.table.model import Extraction

_BOUNDARY_PUNCT = "，,。；;！!？?：:"
_BOUNDARY = _BOUNDARY_PUNCT + "\n"
_SENTENCE_END = "。；;！!？?"
_CLAUSE_MAX = 60  # characters looked back for a clause
_SHORT_LINE = 25  # a line shorter than this that lacks final punctuation is a heading

# Clauses about something the table does not count.
_OTHER_THINGS = re.compile(
    r"热线|诉求|工单|人大|政协|提案|议案|代表建议|市长信箱|书记信箱|领导信箱|信件|来信|来访|信访"
    r"|满意|办结率|答复率|回复率|粉丝|订阅|用户|关注量|点击|浏览|访问量|阅读量|转载|转发量"
    r"|社情民意|咨询|求助"
)
_CUMULATIVE = re.compile(r"累计|截至目前|截止目前|以来|历年|至今|先后共")
# "等六个部分", "三个方面": the figure counts parts of something, not cases or items
_PARTS_OF = re.compile(r"\s*(?:部分|方面|章节|板块|环节|阶段|领域|类别|渠道|层面|维度)")
_PLAN = re.compile(r"计划|拟|下一步|将(?:进一步|继续|加快|持续|全面)|力争|争取|预计")
_VERB_START = re.compile(
    r"^(?:[0-9]{4}年)?(?:全年|今年|本年度?)?(?:共|还|已|并|及时|累计|先后)*(?:主动)?(?:公开|发布|推送|转发|刊登|刊发|编发|更新)"
)
# "占申请总数的", "约占总数", "占比达": a share of the figure stated just before
_SHARE = re.compile(r"占[^，。；]{0,16}$")
# Rows of lists pasted from web pages (tab-separated cells, Markdown tables) and
# their navigation lines: their numbers are dates and serials, not statements.
_LIST_ROW = re.compile(r"^[^\n]*\t[^\n]*$|^[ \t]*\|(?:[^\n]*\|){2,}[^\n]*$|^[ \t]*(?:当前位置|索引号)[^\n]*$", re.M)
_OF_YEAR = re.compile(r"其中[0-9０-９]{4}年")


class _Clause:
    """The clause before a figure, whitespace removed, with each character's position."""

    __slots__ = ("text", "pos")

    def __init__(self, text: str, pos: list[int]) -> None:
        self.text = text
        self.pos = pos

    def __add__(self, other: _Clause) -> _Clause:
        return _Clause(self.text + other.text, self.pos + other.pos)


_KEEP = re.compile(r"[^\s*#|]+")
# Greedy "anything, then a mark" matched over a window finds the window's *last* mark
# in one call (the engine backtracks from the end).
_LAST_BOUNDARY = re.compile(r"[\s\S]*[" + _BOUNDARY_PUNCT + "]")
_LAST_NEWLINE = re.compile(r"[\s\S]*\n")
_LAST_END = re.compile(r"[\s\S]*[" + _SENTENCE_END + "]")
_LAST_PERIOD = re.compile(r"[\s\S]*[。！!？?]")
_LAST_BLANK_LINE = re.compile(r"[\s\S]*\n[ \t]*\n")


def _last(rx: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """Position of the last match end - 1 of ``rx`` in ``text[lo:hi]``, or ``lo - 1``."""
    m = rx.match(text, lo, hi)
    return m.end() - 1 if m else lo - 1


def _clause_before(text: str, end: int, floor: int) -> tuple[_Clause, int]:
    """The clause ending at ``end``, and the position of the boundary that opens it."""
    limit = max(floor, end - _CLAUSE_MAX)
    start = _last(_LAST_BOUNDARY, text, limit, end)
    # A page or line wrap inside a sentence is not a boundary; a heading's end is.
    nl = _last(_LAST_NEWLINE, text, start + 1, end)
    while nl > start:
        line_start = text.rfind("\n", 0, nl) + 1
        prev = text[line_start:nl].rstrip()
        if prev and (prev[-1] in _BOUNDARY or len(prev) < _SHORT_LINE):
            start = nl
            break
        nl = _last(_LAST_NEWLINE, text, start + 1, nl)
    chars: list[str] = []
    pos: list[int] = []
    for run in _KEEP.finditer(text, start + 1, end):
        chars.append(run.group())
        pos.extend(range(run.start(), run.end()))
    return _Clause("".join(chars), pos), start


def _sentence_start(text: str, pos: int, floor: int, ends: re.Pattern[str] = _LAST_END) -> int:
    limit = max(floor, pos - 300)
    start = _last(ends, text, limit, pos) + 1
    para = _last(_LAST_BLANK_LINE, text, start, pos)
    if para >= start and _heading_before(text, text.rfind("\n", start, para)):
        start = para + 1
    return start


def _heading_before(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    prev = text[line_start:i].rstrip()
    return not prev or prev[-1] in _SENTENCE_END or len(prev) < _SHORT_LINE


def narrative_ranges(doc: Document, extraction: Extraction) -> list[Span]:
    """Character ranges holding prose: outside the table, minus pasted list rows."""
    text = doc.text
    blocked: list[Span] = []
    if doc.body is not None:  # the site's menus and footer, an archive's header
        blocked += [(0, doc.body[0]), (doc.body[1], len(text))]
    if extraction.table_span:
        blocked.append(extraction.table_span)
    for grid in doc.tables:  # real tables of DOCX/HTML: their cells are not prose
        blocked.append(grid.span)
    blocked.extend(m.span() for m in _LIST_ROW.finditer(text))
    blocked.sort()
    ranges: list[Span] = []
    cursor = 0
    for a, b in blocked:
        if a > cursor:
            ranges.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < len(text):
        ranges.append((cursor, len(text)))
    return ranges


def _by_unit(pset: PatternSet, template_ids: set[str]) -> dict[str, list[CountPattern]]:
    """The usable patterns for each unit, in priority order (ids absent from the template dropped)."""
    index: dict[str, list[CountPattern]] = {}
    for pattern in pset.counts:
        if all(i in template_ids for i in pattern.ids):
            for unit in pattern.units:
                index.setdefault(unit, []).append(pattern)
    return index


def _last_at(rx: re.Pattern[str], text: str) -> int:
    found = -1
    for m in rx.finditer(text):
        found = m.start()
    return found


def _on_topic(pattern: CountPattern, before: str) -> bool:
    if pattern.topic is None:
        return True
    at = _last_at(re.compile(pattern.topic), before)
    rival = _last_at(re.compile(pattern.rival), before) if pattern.rival is not None else -1
    return at >= 0 and at > rival


def _match(
    patterns: dict[str, list[CountPattern]], clause: _Clause, unit: str | None, before: str = ""
) -> tuple[CountPattern, int] | None:
    """The first pattern whose keyword the clause holds; ``before``: the sentence up to the clause."""
    text = clause.text
    for pattern in patterns.get(unit or "", ()):
        keyword = re.compile(pattern.keyword)
        found = keyword.search(text)
        if found is None:
            continue
        if pattern.requires and not re.search(pattern.requires, text):
            continue
        if pattern.excludes and re.search(pattern.excludes, text):
            continue
        if not _on_topic(pattern, before + text[: found.start()]):
            continue
        while True:  # the keyword nearest the figure names what it counts
            later = keyword.search(text, max(found.end(), found.start() + 1))
            if later is None:
                break
            found = later
        return pattern, found.start()
    return None


def _family(ids: tuple[str, ...]) -> str:
    return ids[0].split(".")[0].split("@")[0] if ids else ""


def _count_claims(text: str, ranges: list[Span], pset: PatternSet, template_ids: set[str]) -> list[Claim]:
    claims: list[Claim] = []
    patterns = _by_unit(pset, template_ids)
    for lo, hi in ranges:
        figures = find_figures(text, lo, hi)
        prev_end = lo
        section: list[Claim] = []
        for fig in figures:
            fig_end = unit_end(text, fig)
            claim = _claim_for(text, fig, fig_end, prev_end, lo, section, pset, patterns)
            section.append(claim)
            prev_end = fig_end
        claims.extend(section)
    return claims


def _unmatched(text: str, fig: Figure, fig_end: int, subject: str) -> Claim:
    return Claim(figure=fig, ids=(), span=(fig.span[0], fig_end), subject=subject, text=text[fig.span[0]:fig_end])


def _claim_for(text: str, fig: Figure, fig_end: int, prev_end: int, lo: int, earlier: list[Claim],
               pset: PatternSet, patterns: dict[str, list[CountPattern]]) -> Claim:
    if fig.unit not in patterns and fig.unit != "%":
        return _unmatched(text, fig, fig_end, "")  # no pattern counts in this unit: 家, 面, 小时 ...
    if _PARTS_OF.match(text, fig_end):
        return _unmatched(text, fig, fig_end, "")
    clause, boundary = _clause_before(text, fig.span[0], prev_end)
    subject = clause.text[-20:]
    if fig.unit == "%":
        if not _SHARE.search(clause.text):
            return _unmatched(text, fig, fig_end, subject)
        return _share_claim(text, fig, fig_end, clause, boundary, earlier, _sentence_start(text, fig.span[0], lo), pset)
    if _OTHER_THINGS.search(clause.text) or _CUMULATIVE.search(clause.text):
        return _unmatched(text, fig, fig_end, subject)
    before = re.sub(r"\s", "", text[_sentence_start(text, fig.span[0], lo, _LAST_PERIOD):boundary + 1])
    found = _match(patterns, clause, fig.unit, before)
    if found is None and _VERB_START.search(clause.text) and boundary >= prev_end and boundary > lo:
        # "通过“宁夏政务服务”微信公众号，发布各类政务服务信息92条": the channel sits
        # in the clause before, provided no other figure stands between.
        before_clause, _ = _clause_before(text, boundary, prev_end)
        if not _OTHER_THINGS.search(before_clause.text) and not _CUMULATIVE.search(before_clause.text):
            clause = before_clause + clause
            found = _match(patterns, clause, fig.unit)
    if found is None or _PLAN.search(text, _sentence_start(text, fig.span[0], lo), fig.span[0]):
        return _unmatched(text, fig, fig_end, subject)
    pattern, at = found
    # "其中…" listing parts of another kind of quantity ("网站公开107条，其中…政策解读
    # 公开信息7条") is a breakdown, not the agency's total for that row.
    period_start = _sentence_start(text, fig.span[0], lo, _LAST_PERIOD)
    if "其中" in text[period_start:fig.span[0]]:
        head = [c for c in earlier if c.ids and c.span[0] >= period_start and c.kind == "count"]
        if head and _family(head[0].ids) != _family(pattern.ids):
            return _unmatched(text, fig, fig_end, subject)
    start = clause.pos[at]
    return Claim(figure=fig, ids=pattern.ids, span=(start, fig_end), subject=pattern.subject, text=text[start:fig_end])


def _share_claim(text: str, fig: Figure, fig_end: int, clause: _Clause, boundary: int, earlier: list[Claim],
                 sentence_start: int, pset: PatternSet) -> Claim:
    """"网络申请 3 件，占申请总数的 25%": a share of the count stated just before."""
    subject = clause.text[-20:]
    if not _SHARE.search(clause.text) or not earlier:
        return _unmatched(text, fig, fig_end, subject)
    numerator = earlier[-1]
    if numerator.kind != "count" or not numerator.ids or numerator.span[1] < sentence_start:
        return _unmatched(text, fig, fig_end, subject)
    # only the figure right before the share clause can be its numerator
    gap = text[numerator.span[1]:boundary + 1]
    if len(gap.strip(" \t\u3000\n，,")) > 0:
        return _unmatched(text, fig, fig_end, subject)
    of: tuple[str, ...] | None = None
    if len(numerator.ids) == 1:
        of = pset.shares.get(numerator.ids[0])
    elif all(i in pset.shares for i in numerator.ids):
        dens = {pset.shares[i] for i in numerator.ids}
        of = dens.pop() if len(dens) == 1 else None
    if not of:
        return _unmatched(text, fig, fig_end, subject)
    return Claim(figure=fig, ids=numerator.ids, span=(numerator.span[0], fig_end), text=text[numerator.span[0]:fig_end],
                 subject=f"{numerator.subject}占比", kind="percent", of=of)


_ANY_NEGATION = re.compile(r"尚未|均未|从未|未|没有|无(?!法|论|疑)|不")
_SCOPE_STOP = re.compile(r"[。；;！!？?\n]|未|没有|无(?!法)")
_SCOPE_MAX = 45


def _zero_claims(text: str, ranges: list[Span], pset: PatternSet, template_ids: set[str]) -> list[Claim]:
    zeros = [zp for zp in pset.zeros if all(i in template_ids for i in zp.ids)]
    claims: list[Claim] = []
    if not zeros:
        return claims
    for lo, hi in ranges:
        for neg in _ANY_NEGATION.finditer(text, lo, hi):
            # the scope of a negation runs to the sentence end or the next negation
            nxt = _SCOPE_STOP.search(text, neg.end(), min(hi, neg.end() + _SCOPE_MAX))
            scope_end = nxt.start() if nxt else min(hi, neg.end() + _SCOPE_MAX)
            in_plan: bool | None = None
            for zp in zeros:
                word = re.compile(zp.negation).match(text, neg.start(), hi)
                if word is None:
                    continue
                scope = text[word.end():scope_end]
                hit = re.search(zp.subject_re, scope)
                if hit is None or (zp.excludes and re.search(zp.excludes, scope)):
                    continue
                if in_plan is None:
                    in_plan = bool(_PLAN.search(text[_sentence_start(text, neg.start(), lo):neg.start()]))
                if in_plan:
                    break
                figure = Figure(text=word.group(), span=word.span(), low=Decimal(0), high=Decimal(0), unit=None)
                end = word.end() + hit.end()
                claims.append(Claim(figure=figure, ids=zp.ids, span=(word.start(), end), text=text[word.start():end],
                                    subject=zp.subject, kind="zero"))
    return claims


def _drop_cumulative(text: str, claims: list[Claim]) -> list[Claim]:
    """"共发布政务微博1858条，…其中2018年发布微博122条": the year's figure is the claim."""
    result = list(claims)
    for i, claim in enumerate(result):
        if not claim.ids or claim.kind != "count":
            continue
        for later in result[i + 1:i + 4]:
            if later.ids != claim.ids:
                continue
            between = re.sub(r"\s", "", text[claim.span[1]:later.span[0]])
            if len(between) < 40 and _OF_YEAR.search(between + re.sub(r"\s", "", text[later.span[0]:later.span[1]])):
                result[i] = Claim(figure=claim.figure, ids=(), span=(claim.figure.span[0], claim.span[1]),
                                  text=text[claim.figure.span[0]:claim.span[1]],
                                  subject="累计数")
            break
    return result


def find_claims(doc: Document, extraction: Extraction, patterns: PatternSet | None = None) -> list[Claim]:
    """Every figure of the narrative as a claim, in reading order (zero statements included).

    ``patterns``: the wording of the report's form; without it (no table found) every
    figure is left unmatched, for the auditor's eye.
    """
    text = doc.text
    template = extraction.template
    template_ids = set(template.ids) if template is not None else set()
    ranges = narrative_ranges(doc, extraction)
    pset = patterns if patterns is not None else PatternSet()
    claims = _drop_cumulative(text, _count_claims(text, ranges, pset, template_ids))
    claims.extend(_zero_claims(text, ranges, pset, template_ids))
    claims.sort(key=lambda c: (c.span[0], c.figure.span[0]))
    return claims
