"""The report forms the engine knows, in one explicit registry.

``forms()`` lists every form; the rest of the engine asks this module, never a form's
package directly: ``extract_table`` reads a document as the form that fits it best,
``get_form``/``get_template`` look a form up by its public template id.

The forms are built when first asked for, here and only here: building them (their
indicator definitions, their patterns) is most of the engine's set-up, and the window
leaves it to its audit thread, which needs them first.
"""

from __future__ import annotations

from functools import cache

from core.document.model import Document
from core.forms.form import ReportForm
from core.schema.model import Template
from core.table.model import Extraction


@cache
def forms() -> tuple[ReportForm, ...]:
    from core.forms import national_2008, national_2019, national_2021

    return (national_2008.FORM, national_2019.FORM, national_2021.FORM)


@cache
def _by_id() -> dict[str, ReportForm]:
    return {form.id: form for form in forms()}


def template_ids() -> tuple[str, ...]:
    return tuple(_by_id())


def get_form(template_id: str) -> ReportForm:
    return _by_id()[template_id]


def get_template(template_id: str) -> Template:
    return _by_id()[template_id].template


def templates() -> dict[str, Template]:
    return {form.id: form.template for form in forms()}


def extract_table(doc: Document) -> Extraction:
    """Try each family of forms the text could hold; keep the reading with the most rows."""
    families: dict[str, list[ReportForm]] = {}
    for form in forms():
        if form.could_hold(doc.text):
            families.setdefault(form.family, []).append(form)
    best = Extraction(template=None)
    for members in families.values():
        result = members[0].extract(doc, members)
        if result.template is not None and len(result.values) > len(best.values):
            best = result
    return best


__all__ = ["ReportForm", "extract_table", "forms", "get_form", "get_template", "template_ids", "templates"]
