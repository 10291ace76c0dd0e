"""The 2008 national form: 政府信息公开情况统计表 (report years up to 2018; spec: template-2008.md)."""

from __future__ import annotations

from collections.abc import Sequence

from core.document.model import Document
from core.forms.form import ReportForm
from core.forms.national_2008.extract import extract_2008
from core.forms.national_2008.narrative import PATTERNS_2008
from core.forms.national_2008.rules import BOUNDS, SUMS, check_2008
from core.forms.national_2008.schema import TEMPLATE_2008
from core.table.model import Extraction


def _extract(doc: Document, forms: Sequence[ReportForm]) -> Extraction:
    return extract_2008(doc)


FORM = ReportForm(
    id="2008",
    title="政府信息公开情况统计表（2008年版）",
    template=TEMPLATE_2008,
    family="2008",
    extract=_extract,
    check=check_2008,
    exact_rules=(*SUMS, *BOUNDS),
    patterns=PATTERNS_2008,
    years=(2008, 2018),
)
