"""Templates as data (2008 old table; 2019 and 2021 matrix formats)."""

from core.schema.model import IndicatorDef, Matrix, Template
from core.schema.template_2008 import TEMPLATE_2008

from core.schema.template_2019 import TEMPLATE_2019  # noqa: E402
from core.schema.template_2021 import TEMPLATE_2021  # noqa: E402

TEMPLATES: dict[str, Template] = {"2008": TEMPLATE_2008, "2019": TEMPLATE_2019, "2021": TEMPLATE_2021}


def get_template(template_id: str) -> Template:
    return TEMPLATES[template_id]


__all__ = ["IndicatorDef", "Matrix", "Template", "TEMPLATE_2008", "TEMPLATES", "get_template"]
