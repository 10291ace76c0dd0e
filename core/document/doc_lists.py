"""Word 97-2003 binary format, part 5: automatic list numbers ("一、", "（二）", "3.").

As in DOCX (``docx_numbering``), an automatically numbered heading keeps its number out
of the text: the paragraph says "list ilfo, level ilvl" (sprmPIlfo, sprmPIlvl) and the
number is computed. The lists live in the table stream ([MS-DOC] 2.9.147 PlfLst, 2.9.150
LVL, 2.9.146 PlfLfo): each list (LSTF) has 1 or 9 levels (LVL: start value, number
format, the number text "\\x00、" where characters 0-8 stand for the levels' counters),
and each list instance (LFO, what a paragraph points at) may restart or replace levels.

The numbers are rendered exactly as the DOCX reader renders them (counters per list
instance, deeper levels restart, bullets left out, the same "follow" rule), through
``docx_numbering.format_number``. A damaged list table means "no numbers", never an error.
Numbering inherited from a paragraph style is not followed (LibreOffice and Word write
the list on each numbered paragraph they save; a style-only list would go unprinted).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from core.document.docx_numbering import format_number

# MSONFC ([MS-DOC] 2.9.163): the number formats, in ST_NumberFormat's order, so each code
# maps to the OOXML name format_number knows. The Taiwanese counting formats write 1-99
# with the same characters as chineseCounting (LibreOffice saves its Chinese numbering as
# 0x23 unless the text is marked zh-CN), so they print as chineseCounting.
_NFC_NAMES = (
    "decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText",
    "ordinalText", "hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha",
    "decimalFullWidth", "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand",
    "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth", "decimalZero",
    "bullet", "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen",
    "decimalEnclosedCircleChinese", "ideographEnclosedCircle", "ideographTraditional", "ideographZodiac",
    "ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional",
    "taiwaneseCountingThousand", "taiwaneseDigital", "chineseCounting", "chineseLegalSimplified",
    "chineseCountingThousand",
)
_SAME_AS = {"taiwaneseCounting": "chineseCounting", "taiwaneseCountingThousand": "chineseCounting"}


def _format_name(nfc: int) -> str:
    if nfc == 0xFF:
        return "none"
    name = _NFC_NAMES[nfc] if nfc < len(_NFC_NAMES) else "decimal"
    return _SAME_AS.get(name, name)


_FOLLOW = {0: "tab", 1: "space", 2: "nothing"}
MAX_LISTS = 4096  # a document has a few dozen; a hostile count is cut here


@dataclass(frozen=True)
class Level:
    """One level of a Word 97 list: how its numbers start, look and are followed."""

    start: int
    fmt: str
    text: str  # number text; characters 0x00-0x08 are the counters of levels 0-8
    legal: bool  # fLegal: other levels' counters in decimal
    follow: str  # "tab", "space" or "nothing"


def _read_lvl(table: bytes, pos: int) -> tuple[Level, int] | None:
    """LVL at ``pos``: LVLF (28 bytes), grpprlPapx, grpprlChpx, xst. Returns it and the end."""
    if pos + 28 > len(table):
        return None
    start, nfc, flags = struct.unpack_from("<iBB", table, pos)
    follow = table[pos + 15]
    cb_chpx, cb_papx = table[pos + 24], table[pos + 25]
    at = pos + 28 + cb_papx + cb_chpx
    if at + 2 > len(table):
        return None
    cch = struct.unpack_from("<H", table, at)[0]
    end = at + 2 + 2 * cch
    if end > len(table):
        return None
    text = table[at + 2 : end].decode("utf-16-le", "replace")
    level = Level(start, _format_name(nfc), text, bool(flags & 0x04), _FOLLOW.get(follow, "tab"))
    return level, end


def _read_lists(table: bytes, fc: int, lcb: int) -> dict[int, list[Level]]:
    """PlfLst (cLst, LSTF[]) then, right after it, the LVLs of each list in order."""
    lists: dict[int, list[Level]] = {}
    if lcb < 2 or fc + lcb > len(table):
        return lists
    count = struct.unpack_from("<h", table, fc)[0]
    if count <= 0 or count > MAX_LISTS or 2 + 28 * count > lcb:
        return lists
    pos = fc + lcb
    for i in range(count):
        lstf = fc + 2 + 28 * i
        lsid = struct.unpack_from("<i", table, lstf)[0]
        simple = table[lstf + 26] & 0x01  # fSimpleList: one level instead of nine
        levels: list[Level] = []
        for _ in range(1 if simple else 9):
            read = _read_lvl(table, pos)
            if read is None:
                return lists
            level, pos = read
            levels.append(level)
        lists[lsid] = levels
    return lists


@dataclass
class _Instance:
    """A list as a paragraph refers to it: its list and the levels it overrides."""

    lsid: int
    starts: dict[int, int]  # level -> start override
    levels: dict[int, Level]  # level -> replaced LVL


def _read_instances(table: bytes, fc: int, lcb: int) -> list[_Instance]:
    """PlfLfo: lfoMac, LFO[] (16 bytes each), then per LFO an LfoData (cp + LFOLVLs)."""
    out: list[_Instance] = []
    if lcb < 4 or fc + lcb > len(table):
        return out
    count = struct.unpack_from("<i", table, fc)[0]
    if count <= 0 or count > MAX_LISTS or 4 + 16 * count > lcb:
        return out
    overrides = []
    for i in range(count):
        lfo = fc + 4 + 16 * i
        out.append(_Instance(struct.unpack_from("<i", table, lfo)[0], {}, {}))
        overrides.append(table[lfo + 12])  # clfolvl
    pos = fc + 4 + 16 * count
    end = fc + lcb
    for instance, n in zip(out, overrides):
        pos += 4  # every LFO has an LfoData: cp, then clfolvl LFOLVLs
        for _ in range(n):
            if pos + 8 > end:
                return out
            start, bits = struct.unpack_from("<iI", table, pos)
            pos += 8
            ilvl = bits & 0x0F
            if bits & 0x10:  # fStartAt
                instance.starts[ilvl] = start
            if bits & 0x20:  # fFormatting: a whole LVL follows
                read = _read_lvl(table, pos)
                if read is None:
                    return out
                instance.levels[ilvl], pos = read
    return out


class ListNumbers:
    """The visible number of each numbered paragraph, asked in document order."""

    def __init__(self, table: bytes, plf_lst: tuple[int, int], plf_lfo: tuple[int, int]) -> None:
        self._lists = _read_lists(table, *plf_lst)
        self._instances = _read_instances(table, *plf_lfo) if self._lists else []
        self._counters: dict[int, dict[int, int]] = {}

    def _levels(self, ilfo: int) -> tuple[_Instance, list[Level]] | None:
        if not 1 <= ilfo <= len(self._instances):
            return None
        instance = self._instances[ilfo - 1]
        levels = self._lists.get(instance.lsid)
        return (instance, levels) if levels else None

    def prefix(self, ilfo: int | None, ilvl: int | None) -> str:
        """The number text before the paragraph ("" when none); advances the counters."""
        if not ilfo or not self._instances:
            return ""
        found = self._levels(ilfo)
        if found is None:
            return ""
        instance, levels = found
        ilvl = min(max(ilvl or 0, 0), len(levels) - 1)

        def level(k: int) -> Level | None:
            return instance.levels.get(k) or (levels[k] if k < len(levels) else None)

        def start(k: int) -> int:
            lvl = level(k)
            return instance.starts.get(k, lvl.start if lvl is not None else 1)

        current = level(ilvl)
        if current is None:
            return ""
        counters = self._counters.setdefault(ilfo, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if current.fmt in ("bullet", "none"):
            return ""
        parts = []
        for char in current.text:
            k = ord(char)
            if k < 9:
                other = level(k)
                fmt = "decimal" if current.legal and k != ilvl else (other.fmt if other is not None else "decimal")
                parts.append(format_number(counters.get(k, start(k)), fmt))
            else:
                parts.append(char)
        text = "".join(parts)
        if current.follow == "nothing" or not text:
            return text
        if current.follow == "space" or (text[-1:].isascii() and text[-1:] not in ")"):
            return text + " "
        return text  # a tab after "一、" or "（一）" reads as nothing in running text
