"""Totals the prose breaks down itself: "共公布政府信息2599条（其中机构职能类信息25条、…）".

A figure followed by "其中" (after a short noun, in brackets or after a comma) or by a
bracket of figures in its own unit opens a list of its parts, up to the closing bracket
or the end of the sentence. A part that is itself broken down in brackets counts once
("预决算公开197条（政府预决算32条、部门预决算公开165条）"). Only the figures at the list's
own level are its parts.

"其中" often introduces examples, not a full breakdown, so a list is *complete* only
when it names "其他…" (the rest): then its parts must add up to the total. Parts that
add up to more than the total are wrong however the list is meant, unless the first
parts already make the total: then the prose breaks the total down twice (by kind,
then by channel), which is a consistent thing to do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.document.model import Span
from core.narrative.figures import find_figures, unit_end
from core.narrative.model import Figure

_OPEN = "（("
_CLOSE = "）)"
_SENTENCE_END = "。；;！!？?\n"
# after the total: a short noun ("条财政资金信息"), then "其中" or a bracket
_LEAD = re.compile(r"[^，,。；;（(）)\n]{0,14}?\s*(?:[，,：:]\s*[（(]?\s*其中|[（(]\s*其中|[（(])[：:，,]?")
_OTHER_PART = re.compile(r"其他|其余|其它")


@dataclass(frozen=True, slots=True)
class PartsList:
    """A total in the prose followed by the parts it is made of ("共12件，其中…5件、…7件")."""

    total: Figure
    parts: tuple[Figure, ...]
    span: Span  # from the total to the end of the list
    complete: bool  # the list names the rest ("其他…"): its parts must add up to the total

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.low for p in self.parts), Decimal(0))

    @property
    def adds_up(self) -> bool:
        """The parts, or the first of them (a breakdown followed by another), make the total."""
        running = Decimal(0)
        for part in self.parts:
            running += part.low
            if running == self.total.low:
                return True
        return running < self.total.low and not self.complete


def _list_end(text: str, start: int, limit: int, bracketed: bool) -> int:
    depth = 1 if bracketed else 0
    for i in range(start, limit):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if bracketed and depth == 0:
                return i
        elif ch in _SENTENCE_END and depth == 0:
            return i
    return limit


def _top_level(text: str, start: int, figures: list[Figure]) -> list[Figure]:
    """The figures not inside a bracket opened after ``start``."""
    out = []
    depth, pos = 0, start
    for fig in figures:
        for ch in text[pos:fig.span[0]]:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
        pos = fig.span[0]
        if depth == 0:
            out.append(fig)
    return out


def find_lists(text: str, lo: int, hi: int, figures: Sequence[Figure] | None = None) -> list[PartsList]:
    """Every total in ``text[lo:hi]`` that the prose itself breaks into parts.

    ``figures``: the prose's figures if already found (the claims have them)."""
    found_figures = find_figures(text, lo, hi) if figures is None else [f for f in figures if lo <= f.span[0] < hi]
    figures = [f for f in found_figures if f.unit and f.unit != "%"]
    found: list[PartsList] = []
    for fig in figures:
        if not fig.exact:
            continue
        after = unit_end(text, fig)
        lead = _LEAD.match(text, after, hi)
        if lead is None:
            continue
        bracketed = lead.group().count("（") + lead.group().count("(") > lead.group().count("）") + lead.group().count(")")
        end = _list_end(text, lead.end(), hi, bracketed)
        inside = [f for f in figures if lead.end() <= f.span[0] < end]
        parts = [p for p in _top_level(text, lead.end(), inside) if p.unit == fig.unit]
        if len(parts) < 2 or not all(p.exact for p in parts):
            continue
        complete = bool(_OTHER_PART.search(text, lead.end(), end))
        found.append(PartsList(fig, tuple(parts), (fig.span[0], min(hi, end + 1)), complete))
    return found
