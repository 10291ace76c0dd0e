"""The report forms the engine knows, in one explicit registry.

``FORMS`` lists every form by what tells it apart in a text (its anchors) and how to load
it; the rest of the engine asks this module, never a form's package directly:
``extract_table`` reads a document as the form that fits it best, ``get_form`` and
``get_template`` look a form up by its public template id.

A form is loaded when a text could hold it or when asked for by id, not before: building
a form (its indicator definitions, its patterns) is most of the engine's set-up, and a 2008
report needs none of the matrix forms'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from core.document.model import Document
from core.forms.form import ReportForm
from core.forms.matrix import ANCHORS as MATRIX_ANCHORS
from core.schema.model import Template
from core.table.model import Extraction


def _national_2008() -> ReportForm:
    from core.forms import national_2008

    return national_2008.FORM


def _national_2019() -> ReportForm:
    from core.forms import national_2019

    return national_2019.FORM


def _national_2021() -> ReportForm:
    from core.forms import national_2021

    return national_2021.FORM


@dataclass(frozen=True, slots=True)
class FormEntry:
    """A form in the registry: what tells it apart in a text, and how to load it."""

    id: str  # the public template id
    # Forms of one family are read by one extractor that tells them apart (the 2019 and
    # 2021 national forms share tables 三 and 四).
    family: str
    # Words any copy of the form carries whatever its layout; a text with fewer than
    # ``anchor_count`` of them is not tried at all.
    anchors: tuple[str, ...]
    anchor_count: int
    load: Callable[[], ReportForm]

    def could_hold(self, text: str) -> bool:
        return sum(anchor in text for anchor in self.anchors) >= self.anchor_count


FORMS = (
    FormEntry("2008", "2008", ("统计", "主动公开", "申请"), 3, _national_2008),
    FormEntry("2019", "matrix", MATRIX_ANCHORS, 2, _national_2019),
    FormEntry("2021", "matrix", MATRIX_ANCHORS, 2, _national_2021),
)
_ENTRIES = {entry.id: entry for entry in FORMS}


@cache
def get_form(template_id: str) -> ReportForm:
    form = _ENTRIES[template_id].load()
    assert form.id == template_id and form.family == _ENTRIES[template_id].family, template_id
    return form


def forms() -> tuple[ReportForm, ...]:
    """Every form, loaded."""
    return tuple(get_form(entry.id) for entry in FORMS)


def template_ids() -> tuple[str, ...]:
    return tuple(_ENTRIES)


def get_template(template_id: str) -> Template:
    return get_form(template_id).template


def templates() -> dict[str, Template]:
    return {form.id: form.template for form in forms()}


def extract_table(doc: Document) -> Extraction:
    """Try each family of forms the text could hold; keep the reading with the most rows."""
    families: dict[str, list[ReportForm]] = {}
    for entry in FORMS:
        if entry.could_hold(doc.text):
            families.setdefault(entry.family, []).append(get_form(entry.id))
    best = Extraction(template=None)
    for members in families.values():
        result = members[0].extract(doc, members)
        if result.template is not None and len(result.values) > len(best.values):
            best = result
    return best


__all__ = ["FORMS", "FormEntry", "ReportForm", "extract_table", "forms", "get_form", "get_template", "template_ids", "templates"]
