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


def _extractors() -> list[Extractor]:
    from core.table.old_template import extract_2008

    found: list[Extractor] = [extract_2008]
    try:  # the 2019/2021 matrix extractor lives in its own module
        from core.table.new_template import extract_new
    except ImportError:
        pass
    else:
        found.append(extract_new)
    return found


def extract_table(doc: Document) -> Extraction:
    best = Extraction(template=None)
    for extractor in _extractors():
        result = extractor(doc)
        if result.template is not None and len(result.values) > len(best.values):
            best = result
    return best


__all__ = ["Extraction", "ExtractedValue", "IndicatorTable", "extract_table"]
