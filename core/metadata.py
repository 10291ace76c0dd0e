"""Who published the report and for which year, read from its title."""

from __future__ import annotations

import re

_TITLE = re.compile(
    r"^[#*\s]*(?P<agency>[^\n]{2,40}?)[\s*]*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*政府信息公开(?:工作)?\s*年度报告",
    re.MULTILINE,
)
_PERIOD = re.compile(r"统计期限[^\n。]{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_TABLE_YEAR = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年度\s*[）)]|((?:19|20)\d{2})\s*年度政府信息公开情况统计表")
_NOISE = re.compile(r"^[\s#*《“\"]+|[\s*》”\"]+$")


def read_metadata(text: str) -> tuple[str | None, int | None]:
    """(agency, year) from the report title; the year falls back to the statistics period."""
    head = text[:6000]
    match = _TITLE.search(head)
    agency: str | None = None
    year: int | None = None
    if match:
        agency = _NOISE.sub("", match.group("agency")) or None
        year = int(match.group("year"))
    if year is None:
        period = _PERIOD.search(head) or _TABLE_YEAR.search(text)
        if period:
            year = int(next(g for g in period.groups() if g))
    return agency, year
