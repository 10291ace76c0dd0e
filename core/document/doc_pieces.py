"""Word 97-2003 binary format, part 1: the FIB and the piece table ([MS-DOC] 2.5, 2.9.38).

A .doc is an OLE compound file. Its "WordDocument" stream starts with the File
Information Block (FIB), which says how long the main document text is (``ccpText``
characters, counted in UTF-16 code units: "CPs"), which table stream holds the rest
("0Table" or "1Table") and where the structures in it are. The text itself lies in the
WordDocument stream in *pieces*: the CLX's piece table maps each run of CPs to a byte
offset, either 16-bit (UTF-16LE; all Chinese text) or 8-bit "compressed" (cp1252).

Nothing here knows about paragraphs or tables; it turns bytes into the main text, and
CPs into stream offsets (FCs) for the property lookups in ``doc_props``. Every offset
read from the file is checked before use: a damaged file raises CorruptDocumentError.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_right
from dataclasses import dataclass

from core.document.limits import MAX_TEXT_CHARS, too_long
from core.errors import CorruptDocumentError, EncryptedDocumentError, UnsupportedFormatError

WORD_IDENT = 0xA5EC  # wIdent of Word 6.0 and later; Word 97+ also has nFib >= 0xC1
# nFib of Word 97 is 0xC1; a few Word 97 betas wrote 0xBF/0xC0. Word 6.0/95 write 0x65-0x68,
# with another FIB layout and 8-bit text: not read here.
MIN_NFIB = 0xBF

# Indices of the (fc, lcb) pairs in FibRgFcLcb97 ([MS-DOC] 2.5.6).
_PLCF_BTE_CHPX = 12
_PLCF_BTE_PAPX = 13
_CLX = 33
_PLC_SPA_MOM = 40
_PLCF_TXBX_TXT = 56
_PLF_LST = 73
_PLF_LFO = 74
_MIN_FCLCB_PAIRS = _CLX + 1

_BROKEN = "该 Word 97-2003 文件（.doc/.wps）已损坏或不完整（{}），无法读取，请重新获取原文件或用 Word/WPS 另存为 .docx"


def broken(what: str) -> CorruptDocumentError:
    return CorruptDocumentError(_BROKEN.format(what))


@dataclass(frozen=True)
class Fib:
    """What the reader needs from the FIB."""

    nfib: int
    table_stream: str  # "0Table" or "1Table"
    ccp_text: int  # length of the main document text, in CPs
    ccp_textboxes: int  # length of the main document's text-box story
    textbox_story: int  # its first CP: after the main text, footnotes, headers, comments, endnotes
    clx: tuple[int, int]  # (offset, length) in the table stream
    bte_papx: tuple[int, int]
    bte_chpx: tuple[int, int]
    plf_lst: tuple[int, int] = (0, 0)  # list definitions (Word 97 FIBs have them; absent: no lists)
    plf_lfo: tuple[int, int] = (0, 0)
    plc_spa: tuple[int, int] = (0, 0)  # PlcSpaMom: shapes anchored in the main text
    plc_txbx: tuple[int, int] = (0, 0)  # PlcftxbxTxt: the text boxes' ranges of their story


def parse_fib(word: bytes) -> Fib:
    """Read the FIB; refuse encrypted, pre-97 and damaged files with a clear message."""
    if len(word) < 0x20:
        raise broken("文件信息块不完整")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident != WORD_IDENT:
        raise broken("Word 文件标识不对")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    encrypted = bool(flags & 0x0100)  # fEncrypted
    obfuscated = bool(flags & 0x8000)  # fObfuscated: XOR obfuscation (with fEncrypted)
    if encrypted or obfuscated:
        raise EncryptedDocumentError(
            "该 Word 文件设有打开密码（已加密），无法读取。请在 Word 或 WPS 中输入密码打开，"
            "取消密码后另存为 .docx 再审核"
        )
    if nfib < MIN_NFIB:
        raise UnsupportedFormatError(
            "该文件是 Word 6.0/95 或更早版本的格式，无法读取。请用 Word 或 WPS 打开后“另存为” .docx 文件再审核"
        )
    # FibBase (32 bytes), csw + FibRgW, cslw + FibRgLw, cbRgFcLcb + FibRgFcLcb.
    try:
        csw = struct.unpack_from("<H", word, 0x20)[0]
        at = 0x22 + 2 * csw
        cslw = struct.unpack_from("<H", word, at)[0]
        lw = at + 2
        if cslw < 4:
            raise broken("文件信息块缺少正文长度")
        ccp_text = struct.unpack_from("<i", word, lw + 3 * 4)[0]
        # FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr (unused), ccpAtn, ccpEdn, ccpTxbx at 3-9
        stories = struct.unpack_from("<7i", word, lw + 3 * 4) if cslw > 9 else (ccp_text, 0, 0, 0, 0, 0, 0)
        ccp_textboxes = stories[6]
        textbox_story = sum(max(n, 0) for n in stories[:6])
        at = lw + 4 * cslw
        pairs = struct.unpack_from("<H", word, at)[0]
        if pairs < _MIN_FCLCB_PAIRS:
            raise broken("文件信息块缺少片段表位置")
        fclcb = struct.unpack_from(f"<{2 * min(pairs, _PLF_LFO + 1)}I", word, at + 2)
    except struct.error as err:
        raise broken("文件信息块不完整") from err
    if ccp_text < 0:
        raise broken("正文长度为负数")
    if ccp_text > MAX_TEXT_CHARS:  # refuse before decoding anything
        raise too_long(ccp_text)

    def pair(index: int) -> tuple[int, int]:
        if 2 * index + 1 >= len(fclcb):
            return 0, 0
        return fclcb[2 * index], fclcb[2 * index + 1]

    return Fib(
        nfib=nfib,
        table_stream="1Table" if flags & 0x0200 else "0Table",  # fWhichTblStm
        ccp_text=ccp_text,
        ccp_textboxes=max(ccp_textboxes, 0),
        textbox_story=textbox_story,
        clx=pair(_CLX),
        bte_papx=pair(_PLCF_BTE_PAPX),
        bte_chpx=pair(_PLCF_BTE_CHPX),
        plf_lst=pair(_PLF_LST),
        plf_lfo=pair(_PLF_LFO),
        plc_spa=pair(_PLC_SPA_MOM),
        plc_txbx=pair(_PLCF_TXBX_TXT),
    )


def table_slice(table: bytes, where: tuple[int, int], what: str) -> bytes:
    """The bytes of a structure in the table stream, checked against the stream's size."""
    offset, length = where
    if offset + length > len(table):
        raise broken(f"{what}超出了表格流的范围")
    return table[offset : offset + length]


@dataclass(frozen=True)
class Piece:
    """CPs [cp_start, cp_end) stored from byte ``fc`` of the WordDocument stream."""

    cp_start: int
    cp_end: int
    fc: int
    compressed: bool  # 8-bit cp1252 characters instead of UTF-16LE
    prm: int  # property modifier (Prm); an odd value points at a grpprl of the CLX


@dataclass(frozen=True)
class PieceTable:
    """Where each run of a Word 97 file's text is stored, and the formatting its pieces carry."""

    pieces: tuple[Piece, ...]
    grpprls: tuple[bytes, ...]  # the CLX's Prc entries, indexed by Prm1.igrpprl
    starts: tuple[int, ...]  # cp_start of each piece, for bisect

    def fc_of(self, cp: int) -> int | None:
        """Byte offset in the WordDocument stream of the character at ``cp``."""
        k = bisect_right(self.starts, cp) - 1
        if k < 0:
            return None
        piece = self.pieces[k]
        if not piece.cp_start <= cp < piece.cp_end:
            return None
        return piece.fc + (cp - piece.cp_start) * (1 if piece.compressed else 2)

    def piece_at(self, cp: int) -> Piece | None:
        k = bisect_right(self.starts, cp) - 1
        if k < 0 or cp >= self.pieces[k].cp_end:
            return None
        return self.pieces[k]


def parse_clx(clx: bytes) -> PieceTable:
    """Clx = Prc* Pcdt ([MS-DOC] 2.9.38): property grpprls, then the piece table."""
    grpprls: list[bytes] = []
    pos = 0
    plc = b""
    while True:
        if pos >= len(clx):
            raise broken("找不到片段表")
        kind = clx[pos]
        if kind == 0x01:  # Prc: clxt, cbGrpprl (int16), grpprl
            if pos + 3 > len(clx):
                raise broken("片段表属性不完整")
            size = struct.unpack_from("<h", clx, pos + 1)[0]
            if size < 0 or pos + 3 + size > len(clx):
                raise broken("片段表属性长度不对")
            grpprls.append(clx[pos + 3 : pos + 3 + size])
            pos += 3 + size
        elif kind == 0x02:  # Pcdt: clxt, lcb (uint32), PlcPcd
            if pos + 5 > len(clx):
                raise broken("片段表不完整")
            size = struct.unpack_from("<I", clx, pos + 1)[0]
            plc = clx[pos + 5 : pos + 5 + size]
            if len(plc) != size:
                raise broken("片段表被截断")
            break
        else:
            raise broken("片段表格式不对")
    # PlcPcd: n+1 CPs (4 bytes each), then n Pcds (8 bytes each).
    if len(plc) < 16 or (len(plc) - 4) % 12:
        raise broken("片段表长度不对")
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    if cps[0] != 0 or any(cps[k] > cps[k + 1] for k in range(n)):
        raise broken("片段表的字符位置不连续")
    pieces: list[Piece] = []
    base = 4 * (n + 1)
    for k in range(n):
        _flags, fc_raw, prm = struct.unpack_from("<HIH", plc, base + 8 * k)
        compressed = bool(fc_raw & 0x40000000)
        fc = fc_raw & 0x3FFFFFFF
        if compressed:
            fc //= 2
        if cps[k] < cps[k + 1]:
            pieces.append(Piece(cps[k], cps[k + 1], fc, compressed, prm))
    return PieceTable(tuple(pieces), tuple(grpprls), tuple(p.cp_start for p in pieces))


def _cp1252_table() -> str:
    """The 8-bit mapping of compressed pieces ([MS-DOC] 2.4.1): cp1252, with the five
    bytes cp1252 leaves undefined kept as the same code point."""
    out = []
    for b in range(256):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


_CP1252 = _cp1252_table()


def main_text(word: bytes, table: PieceTable, ccp_text: int) -> str:
    """The first ``ccp_text`` CPs of the document: one character per CP.

    A character outside the BMP (a rare CJK ideograph) is two CPs, a surrogate pair: the
    pair is kept as two characters here so that string index == CP; ``fix_surrogates``
    joins them when the text leaves the reader.
    """
    return story_text(word, table, 0, ccp_text)


def story_text(word: bytes, table: PieceTable, start: int, count: int) -> str:
    """CPs [start, start + count): the main text (start 0) or a later story (text boxes)."""
    end = start + count
    parts: list[str] = []
    cp = start
    for piece in table.pieces:
        if cp >= end:
            break
        if piece.cp_end <= cp:
            continue
        if piece.cp_start > cp:
            raise broken("片段表的字符位置不连续")
        first = cp - piece.cp_start
        n = min(piece.cp_end, end) - cp
        width = 1 if piece.compressed else 2
        raw = word[piece.fc + first * width : piece.fc + (first + n) * width]
        if len(raw) != n * width:
            raise broken("正文超出了 WordDocument 流的范围")
        if piece.compressed:
            parts.append(raw.decode("latin-1").translate(_CP1252))
        else:
            parts.append(_utf16_units(raw, n))
        cp += n
    if cp < end:
        raise broken("片段表没有覆盖全部正文")
    return "".join(parts)


def _utf16_units(raw: bytes, count: int) -> str:
    """UTF-16LE bytes as one character per 16-bit unit (a surrogate pair stays two)."""
    text = raw.decode("utf-16-le", "surrogatepass")
    if len(text) == count:
        return text  # no character outside the BMP: the common case
    units = array("H")
    units.frombytes(raw)
    if sys.byteorder == "big":
        units.byteswap()
    wide = array("I", units)  # each unit widened to 32 bits: UTF-32 keeps surrogates apart
    return wide.tobytes().decode(f"utf-32-{'le' if sys.byteorder == 'little' else 'be'}", "surrogatepass")


def fix_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs (rare CJK characters); a lone surrogate becomes U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
