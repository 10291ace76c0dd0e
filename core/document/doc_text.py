"""Word 97-2003 binary format, part 3: the main text as paragraphs, fields resolved.

The text of a .doc holds its structure as control characters ([MS-DOC] 2.8.25):

- 0x0D ends a paragraph, 0x07 ends a table cell (or a table row: the row-end paragraph);
  which of the two an 0x07 is, ``doc_tables`` decides from the paragraph properties.
- 0x13 field begin, 0x14 field separator, 0x15 field end. What lies between 0x13 and
  0x14 is the field code (``PAGE``, ``HYPERLINK "..."``, ``TOC \\o``), between 0x14 and
  0x15 the result the reader sees. Fields nest (a result or a code may hold fields);
  only text in the result of every enclosing field is kept, as the DOCX reader keeps
  runs and drops ``w:instrText``.
- 0x0B line break, 0x0C page or section break, 0x0E column break: a new line, as the
  DOCX reader renders ``w:br``.
- 0x1E non-breaking hyphen: "-"; 0x1F optional hyphen: nothing (invisible unless a line
  breaks there); 0x01 picture anchor, 0x02 footnote mark, 0x05 comment mark and other
  controls: nothing. 0x08, a drawing's anchor: the text of the text box it holds
  (``doc_textboxes``), else nothing. Tab (0x09) and no-break space (0xA0) stay.

Paragraph and cell marks stay structural even inside a field code, so every paragraph
keeps the CP of its mark for the property lookup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from core.document.doc_pieces import fix_surrogates

CELL_MARK = "\x07"
PARAGRAPH_MARK = "\r"

_MARKS = re.compile(r"[\r\x07]")
_FIELD_CHARS = re.compile(r"[\x13\x14\x15]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# Controls other than tab become a line break, a hyphen or nothing.
_CONTROLS: dict[int, str | None] = {c: None for c in range(0x20) if c != 0x09}
_CONTROLS.update({0x0B: "\n", 0x0C: "\n", 0x0E: "\n", 0x1E: "-"})


@dataclass(frozen=True)
class Paragraph:
    """A paragraph or table cell of a Word 97 file's main text, up to its mark."""

    text: str  # visible text, marks removed; may hold "\n" (line breaks) and tabs
    mark: str  # CELL_MARK, PARAGRAPH_MARK, or "" for text after the last mark
    cp: int  # CP of the mark (where its properties are looked up)


def hidden_ranges(text: str) -> list[tuple[int, int]]:
    """[start, end) CP ranges not shown: field codes and the field characters themselves.

    A field character without its partner (a damaged file) hides only itself."""
    ranges: list[tuple[int, int]] = []
    stack: list[list[int]] = []  # [begin, separator or -1]
    for match in _FIELD_CHARS.finditer(text):
        pos = match.start()
        char = match.group()
        if char == "\x13":
            stack.append([pos, -1])
        elif char == "\x14":
            if stack and stack[-1][1] < 0:
                stack[-1][1] = pos
            else:
                ranges.append((pos, pos + 1))
        elif stack:
            begin, separator = stack.pop()
            ranges.append((begin, (separator if separator >= 0 else pos) + 1))
            ranges.append((pos, pos + 1))
        else:
            ranges.append((pos, pos + 1))
    for begin, separator in stack:  # never closed: drop the stray characters only
        ranges.append((begin, begin + 1))
        if separator >= 0:
            ranges.append((separator, separator + 1))
    return _merge(ranges)


Edit = tuple[int, int, str]  # CPs [start, end) shown as the string (hidden: "")


def _visible(text: str, start: int, end: int, edits: list[Edit], k: int) -> tuple[str, int]:
    """text[start:end], cleaned, with the edits applied (their strings are not cleaned);
    ``k`` is the first edit that may overlap (edits are sorted and disjoint, paragraphs
    come in order), returned advanced for the next call."""
    while k < len(edits) and edits[k][1] <= start:
        k += 1
    if k == len(edits) or edits[k][0] >= end:
        return clean(text[start:end]), k
    parts = []
    pos = start
    j = k
    while j < len(edits) and edits[j][0] < end:
        e_start, e_end, shown = edits[j]
        if e_start > pos:
            parts.append(clean(text[pos:e_start]))
        if e_start >= start:  # an edit reaching in from the previous paragraph shows there
            parts.append(shown)
        pos = max(pos, e_end)
        if e_end > end:
            break
        j += 1
    if pos < end:
        parts.append(clean(text[pos:end]))
    return "".join(parts), k


def visible_text(text: str, start: int, end: int, hidden: list[tuple[int, int]]) -> str:
    """text[start:end] without the hidden ranges, cleaned."""
    return _visible(text, start, end, [(a, b, "") for a, b in hidden], 0)[0]


def clean(text: str) -> str:
    text = text.translate(_CONTROLS)
    if _SURROGATE.search(text):
        text = fix_surrogates(text)
    return text


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def paragraphs(
    text: str, deleted: list[tuple[int, int]] | None = None, anchors: dict[int, str] | None = None
) -> list[Paragraph]:
    """Split the main text at paragraph and cell marks; fields resolved, controls mapped.

    ``deleted``: CP ranges of tracked deletions, hidden like field codes (their paragraph
    and cell marks still count: the DOCX reader, too, keeps a paragraph whose mark was
    deleted). ``anchors``: CP of a shape's anchor character -> the text to show there
    (a text box's paragraphs), unless the anchor itself is hidden."""
    hidden = hidden_ranges(text) if "\x13" in text or "\x14" in text or "\x15" in text else []
    if deleted:
        hidden = _merge(hidden + deleted)
    edits: list[Edit] = [(a, b, "") for a, b in hidden]
    if anchors:
        starts = [a for a, _ in hidden]
        for cp, shown in anchors.items():
            k = bisect_right(starts, cp) - 1
            if k < 0 or hidden[k][1] <= cp:  # not inside a field code or a deletion
                edits.append((cp, cp + 1, shown))
        edits.sort()
    out: list[Paragraph] = []
    start = 0
    k = 0
    for match in _MARKS.finditer(text):
        pos = match.start()
        visible, k = _visible(text, start, pos, edits, k)
        out.append(Paragraph(visible, match.group(), pos))
        start = pos + 1
    if start < len(text):
        visible, k = _visible(text, start, len(text), edits, k)
        if visible.strip():
            out.append(Paragraph(visible, "", len(text)))
    return out
