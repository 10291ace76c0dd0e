"""Locate the statistical table in a document, match its rows by meaning, read values.

``extract_table`` runs every template's extractor and keeps the one that recognises the
most rows; each extractor returns an ``Extraction`` whose ``values`` hold only the rows
it actually found (missing rows are reported by the rules, never guessed).
"""

from __future__ import annotations

from collections.abc import Callable

from core.document.model import Document
from core.table.model import Extraction, ExtractedValue, IndicatorTable

Extractor = Callable[[Document], Extraction]


# Words every copy of a form carries whatever its layout: an extractor whose form leaves
# none of them in the text cannot match, and skipping it keeps a text audit in budget.
_ANCHORS_2008 = ("统计", "主动公开", "申请")
_ANCHORS_NEW = ("政府信息公开申请数量", "结转", "予以公开", "第二十条", "本年新收")


def _extractors(text: str) -> list[Extractor]:
    from core.table.old_template import extract_2008

    found: list[Extractor] = []
    if all(a in text for a in _ANCHORS_2008):
        found.append(extract_2008)
    if sum(a in text for a in _ANCHORS_NEW) >= 2:
        try:  # the 2019/2021 matrix extractor lives in its own module
            from core.table.new_template import extract_new
        except ImportError:
            pass
        else:
            found.append(extract_new)
    return found


def extract_table(doc: Document) -> Extraction:
    best = Extraction(template=None)
    for extractor in _extractors(doc.text):
        result = extractor(doc)
        if result.template is not None and len(result.values) > len(best.values):
            best = result
    return best


__all__ = ["Extraction", "ExtractedValue", "IndicatorTable", "extract_table"]
