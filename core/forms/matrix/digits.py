"""Recover the cells of a table row whose separators were lost (digits run together).

Copies of web pages often print a row of table 三 as ``230 000023`` for the seven cells
23 0 0 0 0 0 23. Knowing how many cells the row has and the sums the row must satisfy
(six applicant columns add up to the total; table 四's groups add up to their totals),
we enumerate every way to cut the digit runs into that many cells and keep the cuts
that satisfy the sums. Whitespace that did survive is a sure cell boundary.

Nothing here knows about templates: callers pass the cell count and the sum groups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

# A cell never has a leading zero ("05" is two cells: 0 and 5) and real counts stay short;
# an amount (采购总金额 may be printed in 元) can be long and carries its decimals; a change
# (本年增/减) may be negative, and its minus sign can only start a cell.
_CELL_RE = re.compile(r"0|[1-9]\d{0,5}")
_SIGNED_CELL_RE = re.compile(r"-?(?:0|[1-9]\d{0,5})")
_DECIMAL_CELL_RE = re.compile(r"(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?")

Piece = tuple[int, int, int]  # (token index, start, end) inside the tokens
SumGroup = tuple[tuple[int, ...], int]  # (indices of the parts, index of their total)


def split_runs(
    tokens: Sequence[str],
    cells: int,
    groups: Sequence[SumGroup] = (),
    decimal_cells: frozenset[int] = frozenset(),
    limit: int = 64,
    signed_cells: frozenset[int] = frozenset(),
) -> list[tuple[Piece, ...]]:
    """Every cut of ``tokens`` into exactly ``cells`` cells that satisfies ``groups``.

    A cell lies inside one token; every token is used up. At most ``limit`` solutions
    are returned (more means the row cannot be read anyway).
    """
    if not tokens or cells <= 0 or len(tokens) > cells:
        return []
    checks: dict[int, list[SumGroup]] = {}
    for group in groups:
        last = max(*group[0], group[1])
        checks.setdefault(last, []).append(group)
    remaining_chars = [sum(len(t) for t in tokens[i:]) for i in range(len(tokens) + 1)]
    solutions: list[tuple[Piece, ...]] = []
    current: list[Piece] = []
    values: list[Decimal] = []

    def fits(k: int) -> bool:
        for parts, total in checks.get(k, ()):
            if sum((values[p] for p in parts), Decimal(0)) != values[total]:
                return False
        return True

    def walk(token: int, pos: int, k: int) -> None:
        if len(solutions) >= limit:
            return
        if token == len(tokens):
            if k == cells:
                solutions.append(tuple(current))
            return
        left_cells = cells - k
        left_chars = remaining_chars[token] - pos
        if left_cells <= 0 or left_chars < left_cells or len(tokens) - token > left_cells:
            return
        text = tokens[token]
        pattern = _DECIMAL_CELL_RE if k in decimal_cells else _SIGNED_CELL_RE if k in signed_cells else _CELL_RE
        for end in range(pos + 1, len(text) + 1):
            piece = text[pos:end]
            if not pattern.fullmatch(piece):
                continue
            current.append((token, pos, end))
            values.append(Decimal(piece))
            if fits(k):
                if end == len(text):
                    walk(token + 1, 0, k + 1)
                else:
                    walk(token, end, k + 1)
            current.pop()
            values.pop()

    walk(0, 0, 0)
    return solutions
