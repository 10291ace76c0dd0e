"""A scroll area's viewport, fetched so PySide6 does not have to discover its type.

``QAbstractScrollArea.viewport()`` hands Python a bare QWidget pointer. The first time
PySide6 meets such a pointer it walks every QWidget subclass looking for the object's
most derived type, creating each class's Python enums on the way (measured in
packaging/README.md). Asking for the child by its Qt object name with the type given
returns the same object without the walk; later ``viewport()`` calls then find the
wrapper already made. The name is Qt's own, not documented API: without it the view
falls back to ``viewport()``, and tests/gui/test_viewport.py says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

QT_VIEWPORT_NAME = "qt_scrollarea_viewport"  # set by QAbstractScrollArea on the viewport it makes


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    found = area.findChild(QWidget, QT_VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()
