"""Templates as data (2008 old table; 2019 and 2021 matrix formats)."""

from core.schema.model import IndicatorDef, Matrix, Template
from core.schema.template_2008 import TEMPLATE_2008

TEMPLATES: dict[str, Template] = {"2008": TEMPLATE_2008}


def get_template(template_id: str) -> Template:
    return TEMPLATES[template_id]


__all__ = ["IndicatorDef", "Matrix", "Template", "TEMPLATE_2008", "TEMPLATES", "get_template"]
