"""Python string indices <-> QTextDocument positions.

Spans from the core count code points; Qt counts UTF-16 units, so every character
outside the BMP (rare CJK extension ideographs, emoji) shifts Qt positions by one.
Without this map a highlight after such a character would sit one character off.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class PositionMap:
    def __init__(self, text: str) -> None:
        # max() scans in C: most reports have no character outside the BMP at all.
        astral = bool(text) and max(text) > "\uffff"
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if astral else []
        # Qt position of each astral character's start, for the reverse lookup.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._astral, index) if self._astral else index

    def to_py(self, position: int) -> int:
        if not self._astral:
            return position
        before = bisect_right(self._astral_qt, position - 1)
        return position - before
