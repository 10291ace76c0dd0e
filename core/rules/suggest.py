"""The most likely typo: the single value whose change makes every rule it is in hold.

Only sum rules pin a value down exactly, so candidates come from failing sums; a
candidate is kept only if every rule (sum or bound) that mentions its id then holds.
If several survive, the one that also leaves no other exact rule failing wins (a row
that sits in two sums, both broken, is the likelier typo than a leaf of one of them).
When that still leaves more than one, the data cannot tell which value is wrong, and we
say nothing rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from core.rules.base import SumRule
from core.rules.finding import Suggestion
from core.table.model import IndicatorTable


class ExactRule(Protocol):
    @property
    def rule_id(self) -> str: ...

    @property
    def ids(self) -> tuple[str, ...]: ...

    def holds(self, values: dict[str, Decimal | None]) -> bool | None: ...


def suggest_fix(failing: SumRule, rules: Sequence[ExactRule], table: IndicatorTable) -> Suggestion | None:
    values = {i: table.value(i) for r in rules for i in r.ids}
    parent = values.get(failing.parent)
    parts = [p for c in failing.children if (p := values.get(c)) is not None]
    if parent is None or len(parts) < len(failing.children):
        return None
    total = sum(parts, Decimal(0))
    candidates: list[Suggestion] = [Suggestion(failing.parent, total)]
    for child, part in zip(failing.children, parts):
        candidates.append(Suggestion(child, part + (parent - total)))

    good: list[Suggestion] = []
    clean: list[Suggestion] = []
    for cand in candidates:
        if cand.value < 0:
            continue
        trial = dict(values)
        trial[cand.id] = cand.value
        if all(r.holds(trial) is not False for r in rules if cand.id in r.ids):
            good.append(cand)
            if all(r.holds(trial) is not False for r in rules):
                clean.append(cand)
    if len(good) == 1:
        return good[0]
    return clean[0] if len(clean) == 1 else None
