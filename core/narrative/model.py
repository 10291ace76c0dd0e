"""Figures found in the narrative and the claims they make about the table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.document.model import Span


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as the narrative states it: "12", "两", "20余" (a range), "89%"."""

    text: str  # the report's own wording of the figure ("20余", "1千余", "两")
    span: Span
    low: Decimal
    high: Decimal  # low == high for an exact figure
    unit: str | None  # 条, 件, 次, 篇, 个, 人, 人次, 万元, %

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def admits(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure with what it counts. ``ids`` empty: no table row could be tied to it.

    ``ids`` with several entries means the figure is their sum ("微博、微信…1080条").
    ``kind``: "count" (a figure), "zero" (未收到…申请), "percent" (占…%; ``of`` names the
    ids of the denominator).
    """

    figure: Figure
    ids: tuple[str, ...]
    span: Span  # the phrase that makes the claim, for highlighting and evidence
    subject: str  # short Chinese description of what is counted
    kind: str = "count"
    of: tuple[str, ...] = ()
    text: str = ""  # the phrase as printed: document text [span) (evidence, messages)

    @property
    def matched(self) -> bool:
        return bool(self.ids)
