"""Templates as data: ids, labels, units, hierarchy.

An indicator id is the public key used in JSON, Excel and session files. The old
template has one value per row (``apply.closed``); the 2019/2021 matrix tables have one
value per cell (``t3.new@natural``): both are simply ``IndicatorDef`` entries, and a
``Matrix`` tells the GUI how to lay the cell ids out as rows x columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    """One row (or matrix cell) of a form's statistical table: its stable id, label and unit."""

    id: str
    label: str
    unit: str | None  # None: a header row, which carries no value
    parent: str | None = None  # the row this one is part of (display tree, sums)
    decimal: bool = False  # 万元 rows may have decimals
    signed: bool = False  # 本年增/减 may be negative
    row: str | None = None  # matrix tables: the row id part of "row@column"
    column: str | None = None  # matrix tables: the column id part

    @property
    def header(self) -> bool:
        return self.unit is None


@dataclass(frozen=True, slots=True)
class Matrix:
    """A table laid out as rows x columns (tables 二/三/四 of the new template)."""

    id: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (row id, label)
    columns: tuple[tuple[str, str], ...]  # (column id, label)
    # "@" for table 三 ("t3.new@natural"); "." for tables 二/四 ("t2.regulations.issued")
    separator: str = "@"
    # Spanning column headers as printed: (label, first column index, number of columns),
    # e.g. ("法人或其他组织", 1, 5). Purely for display.
    column_groups: tuple[tuple[str, int, int], ...] = ()

    def cell_id(self, row: str, column: str) -> str:
        return f"{row}{self.separator}{column}"


@dataclass(frozen=True)
class Template:
    """A form's statistical table: its indicators in printed order, and its matrices."""

    id: str  # "2008", "2019", "2021"
    title: str
    indicators: tuple[IndicatorDef, ...]
    matrices: tuple[Matrix, ...] = ()
    _index: dict[str, IndicatorDef] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({d.id: d for d in self.indicators})

    def get(self, indicator_id: str) -> IndicatorDef:
        return self._index[indicator_id]

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._index

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.indicators]

    def label(self, indicator_id: str) -> str:
        return self._index[indicator_id].label

    def children(self, indicator_id: str) -> list[IndicatorDef]:
        return [d for d in self.indicators if d.parent == indicator_id]
