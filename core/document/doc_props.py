"""Word 97-2003 binary format, part 2: paragraph and table properties ([MS-DOC] 2.6, 2.9).

A table is not marked up in the text: its cells end with 0x07 like any other paragraph
mark, and what says "this paragraph is in a table, at nesting depth 2, and ends a row"
are the paragraph's properties (a PAPX: a list of "sprms", property modifiers). They are
found through PlcBtePapx (table stream) -> PapxFkp pages (512 bytes each, WordDocument
stream) by the stream offset (FC) of the paragraph mark. The row-end paragraph (TTP)
also carries the row's table properties: the cell boundaries (sprmTDefTable) and the
vertical merges (TC80 flags, sprmTVertMerge).

Only what rebuilding a table needs is decoded; styles are not consulted (Word writes the
table sprms on each paragraph). One character property is read too: text deleted with
track changes on stays in the text stream, marked sprmCFRMarkDel in its CHPX
(PlcBteChpx -> ChpxFkp), and must not be read, as the DOCX reader skips ``w:del``.
A damaged page gives "no properties", never an error.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, fields

from core.document.doc_pieces import PieceTable

# sprm -> operand size by its spra field (bits 13-15); 6 is variable ([MS-DOC] 2.2.5.1).
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}

SPRM_P_F_IN_TABLE = 0x2416
SPRM_P_F_TTP = 0x2417
SPRM_P_ITAP = 0x6649
SPRM_P_DTAP = 0x664A
SPRM_P_F_INNER_TABLE_CELL = 0x244B
SPRM_P_F_INNER_TTP = 0x244C
SPRM_P_CHG_TABS = 0xC615
SPRM_P_HUGE_PAPX = 0x6646
SPRM_P_ILVL = 0x260A
SPRM_P_ILFO = 0x460B
SPRM_T_DEF_TABLE = 0xD608
SPRM_T_VERT_MERGE = 0xD62B
SPRM_C_F_RMARK_DEL = 0x0800

# A hostile file could make every piece overlap every deleted run; real files have a
# handful of each. Past this many (piece, run) pairs the rest is not looked at.
MAX_DELETION_PAIRS = 200_000

MAX_CELLS = 64  # a Word table row has at most 63 cells

PAGE = 512


def iter_sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) pairs of a grpprl; stops quietly at a truncated entry."""
    pos = 0
    end = len(grpprl)
    while pos + 2 <= end:
        sprm = grpprl[pos] | grpprl[pos + 1] << 8
        pos += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND_SIZE[spra]
        elif sprm == SPRM_T_DEF_TABLE:
            # TDefTableOperand: cb (uint16) = bytes that follow, plus one
            if pos + 2 > end:
                return
            size = grpprl[pos] | grpprl[pos + 1] << 8
            pos += 2
            size = max(size - 1, 0)
        elif sprm == SPRM_P_CHG_TABS and pos < end and grpprl[pos] == 255:
            computed = _chg_tabs_size(grpprl, pos)
            if computed is None:
                return
            size = computed
        else:
            if pos >= end:
                return
            size = grpprl[pos]
            pos += 1
        if pos + size > end:
            return
        yield sprm, grpprl[pos : pos + size]
        pos += size


def _chg_tabs_size(grpprl: bytes, pos: int) -> int | None:
    """Size of a PChgTabsOperand whose cb is 255 ([MS-DOC] 2.9.185): computed, not stored."""
    at = pos + 1
    if at >= len(grpprl):
        return None
    deleted = grpprl[at]
    at += 1 + 4 * deleted  # rgdxaDel + rgdxaClose
    if at >= len(grpprl):
        return None
    added = grpprl[at]
    at += 1 + 3 * added  # rgdxaAdd + rgtbdAdd
    return at - pos


@dataclass(frozen=True)
class CellProps:
    """How one table cell of a Word 97 file is merged with its neighbours."""

    horz_merge: int = 0  # 0 none, 1 first of an old-style horizontal merge, 2/3 merged into it
    vert_merge: int = 0  # 0 none, 1 continues the cell above, 3 starts a vertical merge


@dataclass(frozen=True)
class RowProps:
    """A table row as the TTP's sprmTDefTable describes it (positions in twips)."""

    boundaries: tuple[int, ...]  # rgdxaCenter: cell i spans [boundaries[i], boundaries[i+1])
    cells: tuple[CellProps, ...]


@dataclass
class ParaProps:
    """What a Word 97 paragraph's properties say about tables and list numbering."""

    in_table: bool = False
    itap: int | None = None  # table nesting depth, when the file states it
    dtap: int = 0
    ttp: bool = False  # ends a row of an outermost table
    inner_cell: bool = False  # ends a cell of a nested table
    inner_ttp: bool = False  # ends a row of a nested table
    row: RowProps | None = None
    vert_merges: dict[int, int] = field(default_factory=dict)
    ilfo: int | None = None  # list instance (1-based) of an automatically numbered paragraph
    ilvl: int | None = None  # its list level

    @property
    def depth(self) -> int:
        depth = self.itap if self.itap is not None else (1 if self.in_table else 0)
        return max(0, min(depth + self.dtap, 64))


def _row_props(operand: bytes) -> RowProps | None:
    """TDefTableOperand after its cb: NumberOfColumns, rgdxaCenter, rgTc80."""
    if not operand:
        return None
    count = operand[0]
    if count == 0 or count > MAX_CELLS or len(operand) < 1 + 2 * (count + 1):
        return None
    boundaries = struct.unpack_from(f"<{count + 1}h", operand, 1)
    cells: list[CellProps] = []
    at = 1 + 2 * (count + 1)
    for _ in range(count):
        if at + 2 <= len(operand):
            tcgrf = operand[at] | operand[at + 1] << 8
            cells.append(CellProps(horz_merge=tcgrf & 0x3, vert_merge=(tcgrf >> 5) & 0x3))
        else:
            cells.append(CellProps())  # the TC80 array may stop short: default cells
        at += 20
    return RowProps(tuple(boundaries), tuple(cells))


def apply_sprms(props: ParaProps, grpprl: bytes, data: bytes = b"") -> None:
    for sprm, operand in iter_sprms(grpprl):
        if sprm == SPRM_P_HUGE_PAPX:
            # The properties did not fit in the FKP page (a wide row's sprmTDefTable):
            # they are in the Data stream, as cbGrpprl (uint16) + grpprl.
            offset = struct.unpack("<I", operand)[0]
            if offset + 2 <= len(data):
                size = data[offset] | data[offset + 1] << 8
                apply_sprms(props, data[offset + 2 : offset + 2 + size])  # no further indirection
        elif sprm == SPRM_P_ILFO:
            props.ilfo = struct.unpack("<h", operand)[0]
        elif sprm == SPRM_P_ILVL:
            props.ilvl = operand[0]
        elif sprm == SPRM_P_F_IN_TABLE:
            props.in_table = operand[0] != 0
        elif sprm == SPRM_P_F_TTP:
            props.ttp = operand[0] != 0
        elif sprm == SPRM_P_ITAP:
            props.itap = struct.unpack("<i", operand)[0]
        elif sprm == SPRM_P_DTAP:
            props.dtap += struct.unpack("<i", operand)[0]
        elif sprm == SPRM_P_F_INNER_TABLE_CELL:
            props.inner_cell = operand[0] != 0
        elif sprm == SPRM_P_F_INNER_TTP:
            props.inner_ttp = operand[0] != 0
        elif sprm == SPRM_T_DEF_TABLE:
            props.row = _row_props(operand)
            props.vert_merges.clear()  # sprmTDefTable resets the cells; later sprms amend them
        elif sprm == SPRM_T_VERT_MERGE and len(operand) >= 2:
            # VerticalMergeFlag: cb (=2, the size byte iter_sprms has read), itc, vertMergeFlags
            props.vert_merges[operand[0]] = operand[1] & 0x3


class ParagraphProperties:
    """Paragraph properties by the FC of the paragraph mark, through PlcBtePapx."""

    def __init__(self, word: bytes, plc: bytes, pieces: PieceTable, data: bytes = b"") -> None:
        self._word = word
        self._data = data  # the "Data" stream, where sprmPHugePapx points
        self._pieces = pieces
        self._pages: dict[int, tuple[tuple[int, ...], tuple[bytes, ...]] | None] = {}
        self._decoded_cache: dict[bytes, ParaProps] = {}
        self._fcs, self._pns = _bte(plc)

    def _page(self, pn: int) -> tuple[tuple[int, ...], tuple[bytes, ...]] | None:
        """PapxFkp: rgfc (crun+1 FCs), rgbx (crun BxPap of 13 bytes), crun in the last byte."""
        if pn in self._pages:
            return self._pages[pn]
        parsed = None
        page = self._word[pn * PAGE : (pn + 1) * PAGE]
        if len(page) == PAGE:
            crun = page[PAGE - 1]
            if 0 < crun and 4 * (crun + 1) + 13 * crun <= PAGE - 1:
                rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
                grpprls = []
                for i in range(crun):
                    offset = 2 * page[4 * (crun + 1) + 13 * i]
                    grpprls.append(_papx_grpprl(page, offset))
                parsed = (rgfc, tuple(grpprls))
        self._pages[pn] = parsed
        return parsed

    def _decoded(self, grpprl: bytes) -> ParaProps:
        """The properties a PAPX states; paragraphs of one kind share one (read-only) object."""
        props = self._decoded_cache.get(grpprl)
        if props is None:
            props = ParaProps()
            apply_sprms(props, grpprl, self._data)
            self._decoded_cache[grpprl] = props
        return props

    def at(self, cp: int) -> ParaProps:
        """Properties of the paragraph whose mark is the character at ``cp`` (do not modify:
        the object may be shared with other paragraphs)."""
        grpprl = b""
        fc = self._pieces.fc_of(cp)
        if fc is not None and self._fcs:
            k = bisect_right(self._fcs, fc) - 1
            if 0 <= k < len(self._pns):
                page = self._page(self._pns[k])
                if page is not None:
                    rgfc, grpprls = page
                    i = bisect_right(rgfc, fc) - 1
                    if 0 <= i < len(grpprls) and fc < rgfc[i + 1]:
                        grpprl = grpprls[i]
        props = self._decoded(grpprl)
        piece = self._pieces.piece_at(cp)
        if piece is not None and piece.prm & 1:  # Prm1: a grpprl of the CLX applies too
            index = piece.prm >> 1
            if index < len(self._pieces.grpprls):
                props = ParaProps(**{f.name: getattr(props, f.name) for f in fields(props)})
                props.vert_merges = dict(props.vert_merges)
                apply_sprms(props, self._pieces.grpprls[index])
        return props


def _papx_grpprl(page: bytes, offset: int) -> bytes:
    """PapxInFkp at ``offset``: cb, [cb'], istd (2 bytes), grpprl. Offset 0: no PAPX."""
    if offset == 0 or offset >= PAGE - 1:
        return b""
    cb = page[offset]
    if cb:
        start, size = offset + 1, 2 * cb - 1
    else:
        start, size = offset + 2, 2 * page[offset + 1]
    data = page[start : min(start + size, PAGE - 1)]
    return data[2:]  # skip the style index


def _bte(plc: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """PlcBteChpx/PlcBtePapx: n+1 FCs, then n page numbers (low 22 bits)."""
    if len(plc) < 12 or (len(plc) - 4) % 8:
        return (), ()
    n = (len(plc) - 4) // 8
    fcs = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pns = tuple(pn & 0x3FFFFF for pn in struct.unpack_from(f"<{n}I", plc, 4 * (n + 1)))
    return fcs, pns


def _deleted_fc_runs(word: bytes, plc: bytes) -> list[tuple[int, int]]:
    """FC ranges whose CHPX says "deleted revision" (ChpxFkp: rgfc, rgb, crun at byte 511)."""
    runs: list[tuple[int, int]] = []
    for pn in sorted(set(_bte(plc)[1])):
        page = word[pn * PAGE : (pn + 1) * PAGE]
        if len(page) != PAGE:
            continue
        crun = page[PAGE - 1]
        if crun == 0 or 5 * crun + 4 > PAGE - 1:
            continue
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for i in range(crun):
            offset = 2 * page[4 * (crun + 1) + i]
            if offset == 0 or offset >= PAGE - 1:
                continue
            grpprl = page[offset + 1 : min(offset + 1 + page[offset], PAGE - 1)]
            if b"\x00\x08" not in grpprl:  # cheap test before decoding the sprms
                continue
            for sprm, operand in iter_sprms(grpprl):
                if sprm == SPRM_C_F_RMARK_DEL and operand[0] in (1, 0x81):
                    if rgfc[i] < rgfc[i + 1]:
                        runs.append((rgfc[i], rgfc[i + 1]))
                    break
    return sorted(runs)


def deleted_ranges(word: bytes, plc: bytes, pieces: PieceTable, cp_limit: int) -> list[tuple[int, int]]:
    """CP ranges [start, end) of text deleted with track changes, within the first cp_limit CPs."""
    runs = _deleted_fc_runs(word, plc)
    if not runs:
        return []
    starts = [run[0] for run in runs]
    out: list[tuple[int, int]] = []
    pairs = 0
    for piece in pieces.pieces:
        if piece.cp_start >= cp_limit:
            break
        width = 1 if piece.compressed else 2
        fc_end = piece.fc + (piece.cp_end - piece.cp_start) * width
        k = max(0, bisect_right(starts, piece.fc) - 1)
        while k < len(runs) and runs[k][0] < fc_end:
            a, b = max(runs[k][0], piece.fc), min(runs[k][1], fc_end)
            if a < b:
                cp_a = piece.cp_start + (a - piece.fc) // width
                cp_b = piece.cp_start + -(-(b - piece.fc) // width)
                out.append((cp_a, min(cp_b, cp_limit)))
            k += 1
            pairs += 1
            if pairs > MAX_DELETION_PAIRS:
                return sorted(out)
    return sorted(out)
