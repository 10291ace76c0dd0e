"""Word 97-2003 binary format, part 6: text boxes, read where they are anchored.

A text box's text is not in the main text: it is a story of its own after the main
text, footnotes, headers, comments and endnotes (``ccpTxbx`` CPs). The main text holds
only an anchor character (0x08) for the shape. Two tables in the table stream tie them
together ([MS-DOC] 2.8.25 PlcfSpa, 2.8.33 PlcftxbxTxt): PlcSpaMom gives each anchor's CP
and the shape id (FSPA.spid); PlcftxbxTxt splits the story into one range per text box,
with the id of the shape holding it (FTXBXS.lid).

The DOCX reader prints a text box's paragraphs, each on a line of its own, where the
box is anchored; this module gives, for each anchor CP, the same text ("\\n" + paragraph +
"\\n" per paragraph) for ``doc_text`` to put in place of the anchor. Boxes linked into a
chain or inside grouped shapes do not pair up this way and are left out (``unplaced``
says whether any text was left out, for a note). Anything malformed: no text boxes.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from core.document.doc_pieces import Fib, PieceTable, story_text
from core.document.doc_text import hidden_ranges, visible_text
from core.errors import ReportError

_MARKS = re.compile(r"[\r\x07]")
_FSPA = 26
_FTXBXS = 22
MAX_BOXES = 10_000


@dataclass(frozen=True)
class TextBoxes:
    """The text of a Word 97 file's text boxes, keyed by where each is anchored in the main text."""

    by_anchor: dict[int, str]  # anchor CP in the main text -> text to put there
    unplaced: bool  # some text box with text has no anchor we could pair it with


def _plc(table: bytes, where: tuple[int, int], size: int) -> tuple[tuple[int, ...], list[bytes]]:
    """A PLC: n+1 CPs (4 bytes each), then n data elements of ``size`` bytes."""
    offset, length = where
    data = table[offset : offset + length]
    if length < 4 + size or len(data) != length or (length - 4) % (4 + size):
        return (), []
    n = (length - 4) // (4 + size)
    if n > MAX_BOXES:
        return (), []
    cps = struct.unpack_from(f"<{n + 1}i", data, 0)
    base = 4 * (n + 1)
    return cps, [data[base + size * i : base + size * (i + 1)] for i in range(n)]


def _box_text(story: str) -> str:
    """A box's range of the story, its fields resolved, as the DOCX reader renders it."""
    hidden = hidden_ranges(story) if "\x13" in story else []
    parts = _MARKS.split(story)
    if parts and parts[-1] == "":
        parts.pop()  # the box's last paragraph mark
    out = []
    pos = 0
    for part in parts:
        out.append("\n" + visible_text(story, pos, pos + len(part), hidden) + "\n")
        pos += len(part) + 1
    return "".join(out)


def read_textboxes(word: bytes, table: bytes, fib: Fib, pieces: PieceTable) -> TextBoxes:
    if fib.ccp_textboxes <= 1:
        return TextBoxes({}, False)
    try:
        story = story_text(word, pieces, fib.textbox_story, fib.ccp_textboxes)
    except ReportError:  # the pieces do not cover the story: leave the boxes out
        return TextBoxes({}, True)
    box_cps, boxes = _plc(table, fib.plc_txbx, _FTXBXS)
    anchor_cps, shapes = _plc(table, fib.plc_spa, _FSPA)
    ranges: dict[int, tuple[int, int]] = {}
    with_text: set[int] = set()
    for i, ftxbxs in enumerate(boxes):
        start, end = box_cps[i], box_cps[i + 1]
        reusable = struct.unpack_from("<h", ftxbxs, 8)[0]
        lid = struct.unpack_from("<i", ftxbxs, 14)[0]
        if reusable or not 0 <= start < end <= len(story):
            continue  # a free slot (reusable) or the closing dummy entry
        ranges[lid] = (start, end)
        if story[start:end].strip("\r\x07 "):
            with_text.add(lid)
    by_anchor: dict[int, str] = {}
    placed: set[int] = set()
    for i, fspa in enumerate(shapes):
        spid = struct.unpack_from("<i", fspa, 0)[0]
        if spid in ranges and 0 <= anchor_cps[i] < fib.ccp_text:
            start, end = ranges[spid]
            by_anchor[anchor_cps[i]] = _box_text(story[start:end])
            placed.add(spid)
    return TextBoxes(by_anchor, bool(with_text - placed))
