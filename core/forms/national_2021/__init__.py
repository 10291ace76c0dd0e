"""The 2021 national form (国办公开办函〔2021〕30号, report years 2021 on)."""

from __future__ import annotations

from core.forms.matrix.narrative import common, count, documents
from core.forms.matrix.version import matrix_form
from core.forms.national_2021.schema import MARKERS_2021, TEMPLATE_2021
from core.narrative.patterns import PatternSet

YEARS = (2021, 9999)


def _patterns() -> PatternSet:
    p = common()
    other = tuple(f"t3.result.other.{r}@total" for r in ("no_correction", "unpaid_fee", "other"))
    p.counts = documents("issued", "repealed", "in_force", "制发|制定|印发|出台") + [
        count(other, "其他处理", r"其他处理"),
    ] + p.counts
    p.shares.update(dict.fromkeys(other, ("t3.result.total@total",)))
    p.counts.append(count("t2.fees.amount", "行政事业性收费", r"行政事业性收费|收费金额", frozenset({"万元"})))
    return p


FORM = matrix_form(TEMPLATE_2021, YEARS, MARKERS_2021, _patterns())
