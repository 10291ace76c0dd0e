"""Keeps the three sides in step: text span <-> table row <-> finding.

Everything is addressed by indicator id or finding key, never by row number. A guard
stops the selections we make programmatically from echoing back as new navigation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject

from gui.session_controller import SessionController
from gui.views.findings_panel import FindingsPanel
from gui.views.indicator_panel import IndicatorPanel
from gui.views.inspector import Inspector
from gui.views.original_pane import OriginalPane
from gui.views.report_marks import SpanMark
from gui.views.uncovered_view import UncoveredView


class Navigator(QObject):
    def __init__(
        self,
        report: OriginalPane,
        indicators: IndicatorPanel,
        findings: FindingsPanel,
        inspector: Inspector,
        uncovered: UncoveredView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.report, self.indicators, self.findings = report, indicators, findings
        self.inspector, self.uncovered = inspector, uncovered
        self._ctl: SessionController | None = None
        self._busy = False
        findings.findingSelected.connect(self.show_finding)
        findings.groupSelected.connect(self.show_group)
        indicators.idSelected.connect(self.show_indicator)
        report.marksClicked.connect(self.show_marks)
        uncovered.spanRequested.connect(self.show_uncovered)

    def set_controller(self, controller: SessionController | None) -> None:
        self._ctl = controller
        self.inspector.show_finding(controller, None)

    @contextmanager
    def _guard(self) -> Iterator[bool]:
        if self._busy:
            yield False
            return
        self._busy = True
        try:
            yield True
        finally:
            self._busy = False

    def show_uncovered(self, span: tuple[int, int]) -> None:
        with self._guard() as ok:
            if ok:
                self.report.show_span(span)

    def show_finding(self, key: str) -> None:
        """A finding was chosen: show it, select its evidence in the text and its rows."""
        with self._guard() as ok:
            if not ok or self._ctl is None:
                return
            finding = self._ctl.finding(key)
            self.inspector.show_finding(self._ctl, key)
            if finding is None:
                return
            self.findings.select_key(key, emit=False)
            self.findings.set_related(frozenset())
            if finding.evidence:
                self.report.show_span(finding.evidence[0].span)
            if finding.ids:
                self.indicators.select_ids(finding.ids)

    def show_group(self, label: str, keys: list[str]) -> None:
        """A group was chosen: the inspector sums it up, its first evidence and rows are shown."""
        with self._guard() as ok:
            if not ok or self._ctl is None:
                return
            findings = [f for k in keys if (f := self._ctl.finding(k)) is not None]
            self.inspector.show_group(self._ctl, label, [f.key for f in findings])
            evidence = next((f.evidence[0].span for f in findings if f.evidence), None)
            if evidence is not None:
                self.report.show_span(evidence)
            ids = list(dict.fromkeys(i for f in findings for i in f.ids))
            if ids:
                self.indicators.select_ids(ids)

    def show_indicator(self, ident: str) -> None:
        """A table row was chosen: show its value in the text and mark its findings."""
        with self._guard() as ok:
            if not ok or self._ctl is None or self._ctl.session is None or self._ctl.session.table is None:
                return
            found = self._ctl.session.table.published.get(ident)
            span = (found.span or found.label_span) if found is not None else None
            if span is not None:
                self.report.show_span(span)
            self.findings.set_related(frozenset({ident}))

    def show_marks(self, hits: list[SpanMark]) -> None:
        """A marked figure in the text was clicked: select its row and its finding."""
        with self._guard() as ok:
            if not ok or self._ctl is None or self._ctl.session is None:
                return
            by_kind: dict[str, SpanMark] = {}
            for hit in hits:
                by_kind.setdefault(hit.target[0], hit)
            first = hits[0]
            self.report.show_span((first.start, first.end), center=False)
            ids: tuple[str, ...] = ()
            if "value" in by_kind:
                ids = (by_kind["value"].target[1],)
            if "claim" in by_kind:
                claim = self._ctl.session.result.claims[int(by_kind["claim"].target[1])]
                ids = ids or claim.ids
                if not claim.matched:
                    row = self.uncovered.model.row_of_span(claim.figure.span)
                    if row >= 0:
                        self.uncovered.select_row(row)
            if "finding" in by_kind:
                key = by_kind["finding"].target[1]
                self.findings.select_key(key, emit=False)
                self.inspector.show_finding(self._ctl, key)
                finding = self._ctl.finding(key)
                ids = ids or (finding.ids if finding else ())
            if ids:
                self.indicators.select_ids(ids)
                self.findings.set_related(frozenset(ids))
