"""Narrative figures that no check covered (claims with no table row), for judging by eye."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from core.narrative.model import Claim
from gui.models.list_model import ReadOnlyTableModel
from gui.models.roles import SpanRole
from gui.session_controller import SessionController

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("数字", "单位", "上下文")
_CONTEXT = 14  # characters shown on each side of the figure


class UncoveredClaimModel(ReadOnlyTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._text = ""

    def set_controller(self, controller: SessionController | None) -> None:
        self.beginResetModel()
        result = controller.session.result if controller and controller.session else None
        self._claims = [c for c in result.claims if not c.matched] if result else []
        self._text = result.document.text if result and result.document else ""
        self.endResetModel()

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def row_of_span(self, span: tuple[int, int]) -> int:
        return next((i for i, c in enumerate(self._claims) if c.figure.span == span or c.span == span), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._claims)

    def _context(self, claim: Claim) -> str:
        start, end = claim.figure.span
        before = self._text[max(0, start - _CONTEXT) : start]
        after = self._text[end : end + _CONTEXT]
        return " ".join(f"…{before}【{self._text[start:end]}】{after}…".split())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._claims):
            return None
        claim, col = self._claims[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (claim.figure.text, claim.figure.unit or "", self._context(claim))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{claim.subject or '未识别的对象'}：{claim.figure.text}{claim.figure.unit or ''}\n{self._context(claim)}"
        if role == SpanRole:
            return claim.figure.span
        return None
