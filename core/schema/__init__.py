"""How a form is described as data: indicator ids, labels, units, hierarchy, matrices.

The forms themselves live in ``core.forms`` (one package each).
"""

from core.schema.model import IndicatorDef, Matrix, Template

__all__ = ["IndicatorDef", "Matrix", "Template"]
