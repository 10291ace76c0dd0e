"""Checks between two consecutive annual reports of the same agency.

- the form's own carry-over checks (``ReportForm.cross_year``; for the 2019/2021 forms
  ``core.forms.matrix.cross_year``: 上年结转 against last year's 结转下年度, 现行有效 件数)
- ``cross_year.same_table`` (warning): every figure of tables 二/三/四 repeats last year's
- ``cross_year.same_text`` (warning): the narrative is nearly word for word last year's

Findings belong to the later report: evidence spans point into its text, last year's
figures are quoted in the message. ``pair_reports`` finds the pairs in a batch.
Values are read through ``IndicatorTable.value`` so corrections in either report count.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from core.forms import get_form
from core.result import AuditResult
from core.rules.finding import Evidence, Finding, Kind, Severity
from core.table.model import IndicatorTable

SAME_TEXT_THRESHOLD = 0.85  # share of 8-character shingles in common
_SHINGLE = 8
_MIN_SAME_VALUES = 10  # fewer figures than this prove nothing when equal


def agency_key(agency: str | None) -> str | None:
    if not agency:
        return None
    return re.sub(r"[\s　*#《》“”\"]", "", agency)


def pair_reports(results: Sequence[AuditResult]) -> list[tuple[AuditResult, AuditResult]]:
    """(previous, current) for every two readable reports of one agency in consecutive years."""
    by_agency: dict[str, dict[int, AuditResult]] = {}
    for result in results:
        key = agency_key(result.agency)
        if result.error or key is None or result.year is None or result.table is None:
            continue
        by_agency.setdefault(key, {}).setdefault(result.year, result)
    pairs = []
    for years in by_agency.values():
        for year in sorted(years):
            if year - 1 in years:
                pairs.append((years[year - 1], years[year]))
    return pairs


def _same_table(prev: IndicatorTable, cur: IndicatorTable, prev_year: int | None) -> list[Finding]:
    common = [
        d.id for d in cur.template.indicators
        if not d.header and d.id in prev.template and cur.present(d.id) and prev.present(d.id)
    ]
    pairs = [(cur.value(i), prev.value(i)) for i in common]
    known = [(a, b) for a, b in pairs if a is not None and b is not None]
    if len(known) < _MIN_SAME_VALUES or any(a != b for a, b in known) or all(a == 0 for a, _ in known):
        return []
    label = f"{prev_year}年" if prev_year else "上年"
    return [
        Finding(
            rule="cross_year.same_table",
            kind=Kind.TABLE,
            severity=Severity.WARNING,
            ids=(),
            message=f"统计表{len(known)}项数据与{label}报告完全相同，可能照搬上年数据，请核实",
        )
    ]


def narrative_text(result: AuditResult) -> str:
    """The prose of a report: its text without the table rows, digits and spaces."""
    doc = result.document
    if doc is None:
        return ""
    text = doc.text
    span = result.extraction.table_span if result.extraction else None
    if span:
        text = text[: span[0]] + text[span[1] :]
    lines = [ln for ln in text.splitlines() if "\t" not in ln]
    return re.sub(r"[\s\d０-９]+", "", "".join(lines))


def _shingles(text: str) -> set[str]:
    return {text[i : i + _SHINGLE] for i in range(max(0, len(text) - _SHINGLE + 1))}


def text_similarity(a: str, b: str) -> float:
    """Share of the later text's 8-character pieces that also occur in the earlier text."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sb)


def _same_text(prev: AuditResult, cur: AuditResult) -> list[Finding]:
    a, b = narrative_text(prev), narrative_text(cur)
    if len(b) < 200:
        return []  # too little prose to call it a copy
    share = text_similarity(a, b)
    if share < SAME_TEXT_THRESHOLD:
        return []
    label = f"{prev.year}年" if prev.year else "上年"
    evidence: tuple[Evidence, ...] = ()
    return [
        Finding(
            rule="cross_year.same_text",
            kind=Kind.NARRATIVE,
            severity=Severity.WARNING,
            ids=(),
            message=f"正文与{label}报告{share:.0%}相同（不计数字），可能照搬上年报告，请核实",
            evidence=evidence,
            details={"similarity": f"{share:.3f}"},
        )
    ]


def check_pair(prev: AuditResult, cur: AuditResult) -> list[Finding]:
    """Findings for ``cur`` given the previous year's report ``prev`` of the same agency."""
    if prev.table is None or cur.table is None:
        return []
    before, now = get_form(prev.table.template.id), get_form(cur.table.template.id)
    if now.cross_year is None or before.family != now.family:
        return []  # two different printed forms share no carry-over figures
    findings = now.cross_year(prev.table, cur.table, prev.year)
    findings += _same_table(prev.table, cur.table, prev.year)
    findings += _same_text(prev, cur)
    return findings


@dataclass(frozen=True, slots=True)
class TextSketch:
    """A few hundred numbers standing for a narrative's 8-character pieces (bottom-k sketch).

    A folder run keeps no document text (rows stay small), yet the analysis of several
    years of one agency asks whether a year's prose was copied from the year before:
    ``sketch_similarity`` estimates ``text_similarity`` from two sketches.
    """

    size: int  # number of distinct pieces
    hashes: tuple[int, ...]  # the smallest SKETCH_SIZE piece hashes, ascending


SKETCH_SIZE = 256


def text_sketch(text: str) -> TextSketch:
    """The sketch of ``narrative_text``: the smallest hashes of its 8-character pieces."""
    # crc32 over the UTF-16 bytes of each piece: stable across processes (str hashes are
    # salted per process) and cheap, since every report of a folder run gets a sketch
    data, crc = text.encode("utf-16-le"), zlib.crc32
    width = 2 * _SHINGLE
    hashes = {crc(data[i : i + width]) for i in range(0, max(0, len(data) - width + 2), 2)}
    return TextSketch(len(hashes), tuple(heapq.nsmallest(SKETCH_SIZE, hashes)))


def sketch_similarity(earlier: TextSketch, later: TextSketch) -> float:
    """Estimated share of the later text's pieces that also occur in the earlier one.

    The later sketch is a uniform sample of the later text's pieces; those at or below the
    earlier sketch's largest hash are pieces whose presence in the earlier text the
    earlier sketch answers exactly (it holds every earlier hash up to there).
    """
    if not earlier.size or not later.size:
        return 0.0
    complete = earlier.size <= len(earlier.hashes)
    bound = earlier.hashes[-1] if not complete else None
    sample = [h for h in later.hashes if bound is None or h <= bound]
    if not sample:
        return 0.0
    known = set(earlier.hashes)
    return sum(1 for h in sample if h in known) / len(sample)
