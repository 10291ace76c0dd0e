"""The report forms the engine knows, in one explicit registry.

``FORMS`` lists every form; the rest of the engine asks this module, never a form's
package directly: ``extract_table`` reads a document as the form that fits it best,
``get_form``/``get_template`` look a form up by its public template id.
"""

from __future__ import annotations

from core.document.model import Document
from core.forms import national_2008, national_2019, national_2021
from core.forms.form import ReportForm
from core.schema.model import Template
from core.table.model import Extraction

FORMS: tuple[ReportForm, ...] = (national_2008.FORM, national_2019.FORM, national_2021.FORM)
_BY_ID = {form.id: form for form in FORMS}
TEMPLATE_IDS: tuple[str, ...] = tuple(_BY_ID)
TEMPLATES: dict[str, Template] = {form.id: form.template for form in FORMS}


def get_form(template_id: str) -> ReportForm:
    return _BY_ID[template_id]


def get_template(template_id: str) -> Template:
    return _BY_ID[template_id].template


def extract_table(doc: Document) -> Extraction:
    """Try each family of forms the text could hold; keep the reading with the most rows."""
    families: dict[str, list[ReportForm]] = {}
    for form in FORMS:
        if form.could_hold(doc.text):
            families.setdefault(form.family, []).append(form)
    best = Extraction(template=None)
    for members in families.values():
        result = members[0].extract(doc, members)
        if result.template is not None and len(result.values) > len(best.values):
            best = result
    return best


__all__ = ["FORMS", "TEMPLATES", "TEMPLATE_IDS", "ReportForm", "extract_table", "get_form", "get_template"]
