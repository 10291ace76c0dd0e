"""A version of the national matrix form as a ``ReportForm``: what both versions share is
wired here once; each version's package gives its template, years, words and extra rules."""

from __future__ import annotations

from collections.abc import Sequence

from core.forms.form import ReportForm
from core.forms.matrix.cross_year import check_years, settle_years
from core.forms.matrix.extract import extract_matrix
from core.forms.matrix.rules import MatrixRules
from core.narrative.patterns import PatternSet
from core.rules.base import AtMostRule
from core.schema.model import Template


def matrix_form(
    template: Template,
    years: tuple[int, int],
    markers: tuple[str, ...],
    patterns: PatternSet,
    extra: Sequence[AtMostRule] = (),
) -> ReportForm:
    rules = MatrixRules(template, years, extra)
    return ReportForm(
        id=template.id,
        title=template.title,
        template=template,
        family="matrix",
        extract=extract_matrix,
        check=rules.check,
        exact_rules=rules.exact,
        patterns=patterns,
        years=years,
        markers=markers,
        cross_year=check_years,
        settle_years=settle_years,
    )
