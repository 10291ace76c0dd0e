"""Values read from a report's statistical table, and the table the rules evaluate.

Finding and reading a table is each form's own work (``core.forms``); this package holds
what every form shares: the value model, cell parsing and line tokenising.
"""

from core.table.model import ExtractedValue, Extraction, IndicatorTable

__all__ = ["ExtractedValue", "Extraction", "IndicatorTable"]
