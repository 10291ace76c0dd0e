"""The views reach their scroll area's viewport by the object name Qt gives it.

``gui/views/viewport.py`` asks for the child named ``qt_scrollarea_viewport`` so that PySide6
need not search every QWidget subclass for the viewport's type. The name is Qt's, not a
documented API: a Qt upgrade that renamed it would still work (``viewport()`` is the fallback)
but would bring the search back, and this test is where that shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from gui.views.findings_panel import FindingsPanel
from gui.views.page_view import PageView
from gui.views.report_view import ReportView
from gui.views.viewport import QT_VIEWPORT_NAME, viewport_of


def test_each_view_holds_the_viewport_qt_made_and_finds_it_by_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    findings = FindingsPanel()
    areas: list[QAbstractScrollArea] = [ReportView(), PageView(), findings.view]
    for widget in (areas[0], areas[1], findings):
        qtbot.addWidget(widget)
    for area in areas:
        named = area.findChild(QWidget, QT_VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        assert named is not None, f"{type(area).__name__}: Qt no longer names its viewport {QT_VIEWPORT_NAME!r}"
        assert named is area.viewport() and viewport_of(area) is area.viewport()
