"""The 2019 national form (国办公开办函〔2019〕60号, report years 2019-2020)."""

from __future__ import annotations

from core.forms.matrix.narrative import DOC_UNITS, common, count, documents
from core.forms.matrix.version import matrix_form
from core.forms.national_2019.schema import MARKERS_2019, TEMPLATE_2019
from core.narrative.patterns import PatternSet
from core.rules.base import AtMostRule
from core.rules.finding import Severity

YEARS = (2019, 2020)

# Published this year can never exceed all that is published (a 2019-form column pair).
_BOUNDS = tuple(
    AtMostRule(
        f"t2.bound.{row}.new_published",
        f"t2.{row}.new_published",
        f"t2.{row}.total_published",
        Severity.WARNING,
        "本年新公开数量不应超过对外公开总数量",
    )
    for row in ("regulations", "normative")
)


def _patterns() -> PatternSet:
    p = common()
    p.counts = documents("new_made", None, None, "新制作|制发|制定|印发|出台") + [
        count("t2.normative.new_published", "新公开规范性文件", r"新公开[^，。；]*规范性文件|规范性文件[^，。；]*新公开", DOC_UNITS),
        count("t2.procurement.amount", "政府集中采购金额", r"集中采购|采购(?:总)?金额", frozenset({"万元"})),
        count("t3.result.other@total", "其他处理", r"其他处理"),
    ] + p.counts
    p.shares["t3.result.other@total"] = ("t3.result.total@total",)
    return p


FORM = matrix_form(TEMPLATE_2019, YEARS, MARKERS_2019, _patterns(), _BOUNDS)
