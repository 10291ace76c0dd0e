"""Which spans of the report text are marked, how, and what clicking them selects.

Pure data built from the session (no widgets), so the view only paints it and the
tests can check it without a window. Targets name indicator ids and finding keys, never
table rows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from core.rules.finding import Severity
from core.schema.labels import short_label
from core.session import FALSE_ALARM, AuditSession
from gui.highlight import Mark

_SEVERITY_MARK = {Severity.ERROR: Mark.ERROR, Severity.WARNING: Mark.WARNING, Severity.INFO: Mark.INFO}


@dataclass(frozen=True, slots=True)
class SpanMark:
    """One highlight on the report's text and what clicking it selects."""

    start: int
    end: int
    mark: Mark
    target: tuple[str, str]  # ("value", id) / ("finding", key) / ("claim", "<index>")
    tip: str


@dataclass
class ReportMarks:
    """The highlights of one report's text, and the corrected values outlined."""

    marks: list[SpanMark]  # sorted by mark kind: later ones are painted on top
    corrected: list[tuple[int, int]]  # value spans the auditor corrected (outlined)
    _starts: list[int]
    _by_start: list[SpanMark]

    def at(self, position: int) -> list[SpanMark]:
        """Marks covering ``position``, strongest and narrowest first."""
        hits = [m for m in self._by_start[: bisect_right(self._starts, position)] if m.start <= position < m.end]
        return sorted(hits, key=lambda m: (-int(m.mark), m.end - m.start))


def tip_text(hits: list[SpanMark], most: int = 4) -> str:
    """The tool tip over marks: their distinct tips, strongest first, at most ``most``."""
    return "\n".join(list(dict.fromkeys(m.tip for m in hits))[:most])


def build_marks(session: AuditSession, only_uncovered: bool = False) -> ReportMarks:
    marks: list[SpanMark] = []
    result, table = session.result, session.table
    if not only_uncovered and table is not None:
        for ident, found in table.published.items():
            if found.span is not None:
                # Extractors may report values outside the template (e.g. the table's year).
                name = short_label(table.label(ident)) if ident in table.template else ident
                tip = f"{name}：{found.raw}"
                if session.is_corrected(ident):
                    tip += f"（已更正为{session.value(ident)}）"
                marks.append(SpanMark(*found.span, Mark.VALUE, ("value", ident), tip))
    for n, claim in enumerate(result.claims):
        if claim.matched and not only_uncovered:
            marks.append(SpanMark(*claim.span, Mark.CLAIM, ("claim", str(n)), f"已核对：{claim.subject}"))
        elif not claim.matched:
            tip = f"未核对的数字：{claim.figure.text}{claim.figure.unit or ''}（没有对应的统计表行）"
            marks.append(SpanMark(*claim.figure.span, Mark.UNCOVERED, ("claim", str(n)), tip))
    if not only_uncovered:
        for finding in session.findings:
            if session.disposition(finding.key).status == FALSE_ALARM:
                continue  # the auditor judged it a false alarm: stop shouting
            for ev in finding.evidence:
                marks.append(
                    SpanMark(*ev.span, _SEVERITY_MARK[finding.severity], ("finding", finding.key),
                             f"{finding.severity.label}：{finding.message}")
                )
    marks.sort(key=lambda m: int(m.mark))
    corrected = []
    if table is not None and not only_uncovered:
        corrected = [span for ident in table.corrections if (span := table.span(ident)) is not None]
    by_start = sorted(marks, key=lambda m: m.start)
    return ReportMarks(marks, corrected, [m.start for m in by_start], by_start)
