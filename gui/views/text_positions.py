"""Python string indices of the document text <-> positions in the QTextDocument shown.

The view does not show the text verbatim: a table becomes a grid (its tabs and line
breaks become cell borders), furniture can be folded away. It is made of pieces, each a
stretch of the text inserted whole at some position; between pieces lie characters
shown only as structure. Within a piece, Qt counts UTF-16 units where spans count code
points, so every character outside the BMP (rare CJK extension ideographs, emoji) shifts
Qt positions by one: without this map a mark after such a character would sit one off.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


class PositionMap:
    def __init__(self, text: str, pieces: Sequence[tuple[int, int, int]] | None = None) -> None:
        """``pieces``: (start in the text, Qt position, length) in order; None: the whole
        text shown as it is, from position 0."""
        if pieces is None:
            pieces = [(0, 0, len(text))] if text else []
        self._py = [p[0] for p in pieces]
        self._qt = [p[1] for p in pieces]
        self._len = [p[2] for p in pieces]
        # max() scans in C: most reports have no character outside the BMP at all.
        astral = bool(text) and max(text) > "\uffff"
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if astral else []
        self._astral_qt = [self.to_qt(i) for i in self._astral]  # for the reverse lookup

    def _astral_between(self, start: int, end: int) -> int:
        if not self._astral:
            return 0
        return bisect_left(self._astral, end) - bisect_left(self._astral, start)

    def to_qt(self, index: int) -> int:
        """Where text index ``index`` is shown; an index between pieces (a tab between two
        cells, folded text) goes to the start of the next piece."""
        k = bisect_right(self._py, index) - 1
        if k < 0:
            return self._qt[0] if self._qt else 0
        start, length = self._py[k], self._len[k]
        if index > start + length and k + 1 < len(self._py):
            return self._qt[k + 1]
        index = min(index, start + length)
        return self._qt[k] + index - start + self._astral_between(start, index)

    def to_py(self, position: int) -> int:
        """The text index shown at Qt ``position``; structure between pieces (a cell
        border, a folded line's notice) counts as the end of the piece before it."""
        k = bisect_right(self._qt, position) - 1
        if k < 0:
            return self._py[0] if self._py else 0
        start, length = self._py[k], self._len[k]
        offset = position - self._qt[k]
        if self._astral:
            offset -= bisect_left(self._astral_qt, position) - bisect_left(self._astral_qt, self._qt[k])
        return start + max(0, min(offset, length))

    @property
    def pieces(self) -> list[tuple[int, int, int]]:
        return list(zip(self._py, self._qt, self._len))

    def shown(self, index: int) -> bool:
        """The character at ``index`` is inside a piece (not structure, not folded)."""
        k = bisect_right(self._py, index) - 1
        return k >= 0 and index < self._py[k] + self._len[k]
