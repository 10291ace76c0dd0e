"""Custom item-data roles, declared once for every model and view."""

from __future__ import annotations

from PySide6.QtCore import Qt

_BASE = int(Qt.ItemDataRole.UserRole)

# Qt's own roles as plain ints: views ask a model for six or so roles per cell on every
# paint, and each read of Qt.ItemDataRole.X goes through PySide's enum classes.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
FONT = int(Qt.ItemDataRole.FontRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)

IdRole = _BASE + 1  # indicator id (str) of a table row or matrix cell
KeyRole = _BASE + 2  # finding key (str)
SpanRole = _BASE + 3  # (start, end) in the document text, or None
SeverityRole = _BASE + 4  # "error" / "warning" / "info"
FindingRole = _BASE + 5  # the core Finding itself
HeaderRole = _BASE + 6  # True for a section-header row of the indicator table
