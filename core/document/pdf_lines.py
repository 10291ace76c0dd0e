"""The line model a PDF page is read into, shared by the text-layer reader and OCR.

A page becomes lines of cells (a cell = the text between column gaps) that keep, for each
character, the PDFium index of the glyph it came from (-1 for what the reader inserted, and
for every character OCR read), so the window can mark the printed glyphs of a span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A gap wider than this many font sizes between two glyphs on one line is a column gap.
TAB_GAP_EM = 1.2


@dataclass(slots=True)
class Text:
    """Rendered text and, for each of its characters, the PDFium character index on the
    page it was read from (-1 for a tab, space or line break the reader put in), so the
    window can draw a mark over the very glyphs a span of the document text came from."""

    text: str
    chars: list[int]

    def __add__(self, other: Text) -> Text:
        return Text(self.text + other.text, self.chars + other.chars)


def inserted(text: str) -> Text:
    return Text(text, [-1] * len(text))


def joined(parts: list[Text], separator: str) -> Text:
    text: list[str] = []
    chars: list[int] = []
    for k, part in enumerate(parts):
        if k:
            text.append(separator)
            chars.extend([-1] * len(separator))
        text.append(part.text)
        chars.extend(part.chars)
    return Text("".join(text), chars)


@dataclass
class Cell:
    """A run of a PDF line's text with no wide gap inside it, and the glyphs it came from."""

    text: str
    x0: float
    x1: float
    chars: list[int] = field(default_factory=list)  # empty: no glyphs (OCR)

    @property
    def rendered(self) -> Text:
        return Text(self.text, self.chars or [-1] * len(self.text))


@dataclass
class Line:
    """A PDF text line as its cells, left to right."""

    cells: list[Cell]
    em: float
    y: float = 0.0  # bottom of the line band in reading coordinates (larger = higher)
    text_override: Text | None = None
    first_word: float = 0.0  # width of the line's first word (a Latin run or one CJK glyph)

    @property
    def x0(self) -> float:
        return self.cells[0].x0

    @property
    def x1(self) -> float:
        return self.cells[-1].x1

    @property
    def is_row(self) -> bool:
        return len(self.cells) > 1

    def render(self) -> Text:
        return joined([c.rendered for c in self.cells], "\t")

    def shown(self) -> Text:
        return self.text_override if self.text_override is not None and self.text_override.text else self.render()
