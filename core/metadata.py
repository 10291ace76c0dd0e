"""Who published the report and for which year.

Read, in this order, from: the title line ("<机关><年份>年政府信息公开工作年度报告" or
"<年份>年<机关>政府信息公开工作年度报告"), a saved page's title or "来源：/发布机构：" line,
and the signature at the end (the agency's name above the date). The year falls back
to the statistics period ("统计期限自2019年1月1日起") and the table's own heading.
"""

from __future__ import annotations

import re

_REPORT = r"政府信息公开(?:工作)?\s*年度?报告"
_AGENCY = r"[^\n，。；：:、“”\"《》()（）]{2,40}?"
_TITLES = (
    # 平潭综合实验区2019年政府信息公开工作年度报告
    re.compile(rf"(?P<agency>{_AGENCY})[\s*]*(?P<year>(?:19|20)\d{{2}})\s*年(?:度)?\s*{_REPORT}"),
    # 2019年上海市人民政府办公厅政府信息公开工作年度报告
    re.compile(rf"(?P<year>(?:19|20)\d{{2}})\s*年(?:度)?\s*(?P<agency>{_AGENCY})\s*{_REPORT}"),
    # 某某局政府信息公开工作2019年度报告
    re.compile(rf"(?P<agency>{_AGENCY})\s*政府信息公开(?:工作)?\s*(?P<year>(?:19|20)\d{{2}})\s*年度?报告"),
)
_SOURCE = re.compile(r"(?:来源|发布机构|信息来源|发文机关)\s*[:：]\s*(?P<agency>[^\s\n|，。]{2,30})")
_SIGNATURE = re.compile(
    r"\n\s*(?P<agency>[^\n，。；：:、]{3,30}?)\s*\n\s*(?:(?:19|20)\d{2}|二〇[一二〇三四五六七八九]{2})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$"
)
_PERIOD = re.compile(r"统计期限[^\n。]{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_TABLE_YEAR = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年度\s*[）)]|((?:19|20)\d{2})\s*年度政府信息公开情况统计表")
_NOISE = re.compile(r"^(?:[\s#*《“\"]|标题\s*[:：]|关于|题目\s*[:：])+|[\s*》”\"]+$")
# Words a real agency name ends with; a "name" without one is a phrase, not a publisher.
_AGENCY_END = re.compile(
    r"(?:政府|办公室|办公厅|委员会|局|厅|署|部|院|委|办|中心|管委会|实验区|开发区|新区|区|县|市|省|镇|乡|街道|处|所|站|队|会|公司|集团)$"
)


def _clean(agency: str) -> str | None:
    agency = _NOISE.sub("", agency).strip()
    agency = re.sub(r"^(?:本|我)", "", agency)
    return agency if len(agency) >= 2 and _AGENCY_END.search(agency) else None


_ANCHOR = re.compile(r"政府信息公开(?:工作)?\s*(?:\d{4}\s*)?年度?报告")


def _from_title(text: str) -> tuple[str | None, int | None]:
    # Only the lines around a "…年度报告" can be titles: look there, not over the whole head.
    head = "\n".join(text[max(0, m.start() - 60):m.end()] for m in _ANCHOR.finditer(text))
    best: tuple[int, str | None, int] | None = None
    for pattern in _TITLES:
        for m in pattern.finditer(head):
            agency = _clean(m.group("agency"))
            candidate = (m.start(), agency, int(m.group("year")))
            if agency is not None and (best is None or candidate[0] < best[0]):
                best = candidate
            break
    if best is None:
        for pattern in _TITLES:  # a title with a year but no recognisable agency
            if (bare := pattern.search(head)) is not None:
                return None, int(bare.group("year"))
        return None, None
    return best[1], best[2]


def read_metadata(text: str, page_title: str | None = None) -> tuple[str | None, int | None]:
    """(agency, year) of a report; either may be None when the text does not say.
    ``page_title``: a saved web page's <title>, used where the text has no title line."""
    head = text[:6000]
    agency, year = _from_title(head)
    if page_title and (agency is None or year is None):
        titled = _from_title(page_title)
        agency, year = agency or titled[0], year or titled[1]
    if agency is None:
        source = _SOURCE.search(head)
        if source:
            agency = _clean(source.group("agency"))
    if agency is None:
        signature = _SIGNATURE.search(text[-600:].rstrip())
        if signature:
            agency = _clean(signature.group("agency"))
    if year is None:
        period = _PERIOD.search(head) or _TABLE_YEAR.search(text)
        if period:
            year = int(next(g for g in period.groups() if g))
    return agency, year
