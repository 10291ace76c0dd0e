"""Where each character of a PDF's text was printed: the map the page view marks figures with."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from core.audit import audit_file
from core.document import read_document
from core.document.model import Document, PageRun

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))


def _printed(path: Path, doc: Document, span: tuple[int, int]) -> str:
    """The characters PDFium holds at the places ``page_chars`` names for ``span``."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page, first, count in doc.page_chars(span):
            textpage = pdf[page].get_textpage()
            out.append("".join(textpage.get_text_range(first + k, 1) for k in range(count)))
        return "".join(out)
    finally:
        pdf.close()


@pytest.mark.parametrize("seed", [SEEDS[0], SEEDS[4]], ids=["000", "004"])
def test_every_printed_character_maps_back_to_its_glyph(seed: Path, generated_docs) -> None:  # type: ignore[no-untyped-def]
    path = generated_docs[(seed.name, "pdf")]
    doc = read_document(path)
    assert doc.page_runs and doc.page_runs == tuple(sorted(doc.page_runs, key=lambda r: r.start))
    # Every visible character of the text is covered, exactly once ...
    covered = [0] * len(doc.text)
    for run in doc.page_runs:
        for k in range(run.start, run.start + run.length):
            covered[k] += 1
    assert all(n == (0 if ch.isspace() else 1) for n, ch in zip(covered, doc.text))
    # ... by the very character PDFium has at that place of that page.
    assert _printed(path, doc, (0, len(doc.text))) == "".join(ch for ch in doc.text if not ch.isspace())
    assert {run.page for run in doc.page_runs} == set(range(doc.pages or 0))


def test_a_table_value_maps_to_its_printed_digits(generated_docs) -> None:  # type: ignore[no-untyped-def]
    path = generated_docs[(SEEDS[4].name, "pdf")]
    result = audit_file(path)
    assert result.table is not None and result.document is not None
    values = [v for v in result.table.published.values() if v.span and v.raw]
    assert len(values) > 20
    for value in values:
        assert _printed(path, result.document, value.span) == value.raw.replace(" ", "")  # type: ignore[arg-type]


def test_page_chars_splits_at_run_breaks_and_is_empty_elsewhere() -> None:
    runs = (PageRun(0, 0, 10, 3), PageRun(4, 0, 20, 2), PageRun(8, 1, 0, 4))
    doc = Document(text="abc\tde\n\nfghi", source="x.pdf", format="pdf", page_runs=runs)
    assert doc.page_chars((1, 6)) == [(0, 11, 2), (0, 20, 2)]
    assert doc.page_chars((3, 4)) == []  # the tab prints nothing
    assert doc.page_chars((9, 12)) == [(1, 1, 3)]
    assert Document(text="abc", source="x.txt", format="txt").page_chars((0, 3)) == []
    assert Document(text="abc", source="x.txt", format="txt").body is None
