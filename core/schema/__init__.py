"""Templates as data (2008 old table; 2019 and 2021 matrix formats).

The 2019 and 2021 forms load when first asked for (``get_template``, ``TEMPLATES``):
a 2008 report, and the window's start, never need their ~470 indicator definitions.
"""

from __future__ import annotations

from typing import Any

from core.schema.model import IndicatorDef, Matrix, Template
from core.schema.template_2008 import TEMPLATE_2008

TEMPLATE_IDS = ("2008", "2019", "2021")


def get_template(template_id: str) -> Template:
    # Plain imports, not importlib: PyInstaller finds the modules by reading them.
    if template_id == "2008":
        return TEMPLATE_2008
    if template_id == "2019":
        from core.schema.template_2019 import TEMPLATE_2019

        return TEMPLATE_2019
    if template_id == "2021":
        from core.schema.template_2021 import TEMPLATE_2021

        return TEMPLATE_2021
    raise KeyError(template_id)


def __getattr__(name: str) -> Any:
    if name == "TEMPLATES":
        return {template_id: get_template(template_id) for template_id in TEMPLATE_IDS}
    if name in ("TEMPLATE_2019", "TEMPLATE_2021"):
        return get_template(name[-4:])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["IndicatorDef", "Matrix", "Template", "TEMPLATE_2008", "TEMPLATE_IDS", "TEMPLATES", "get_template"]
