"""A scanned PDF opened in the window: OCR progress per page in the status bar, and the
status bar's 取消 stops the recognition after the page it is on (not at the end)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.document import ocr
from tests.fixtures import make_formats

SEEDS = sorted((Path(__file__).parents[1] / "fixtures").glob("0*.txt"))

pytestmark = pytest.mark.skipif(ocr.locate_engine() is None, reason="OCR engine not installed (requirements-ocr.txt)")


def test_scan_shows_pages_and_cancel_stops_the_ocr(open_window, tmp_path: Path, qtbot) -> None:
    from gui.session_controller import FAILED

    text_pdf = make_formats.make_pdf(SEEDS[1], tmp_path / "seed.pdf")
    scan = make_formats.make_image_pdf(text_pdf, tmp_path / "扫描件.pdf", 150)
    window, (ctl,) = open_window(scan, wait=False)
    seen: list[tuple[int, int]] = []
    ctl.pages.connect(lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: any(done >= 1 for done, _ in seen), timeout=60_000)
    total = seen[-1][1]
    assert total >= 3  # the whole report, page by page
    assert window.status.progress.isVisible() and "文字识别" in window.status.progress.format()
    window.status.cancel.click()
    assert ctl.state == FAILED
    assert window.runner.wait(30_000)  # the OCR thread ends after its current page
    assert max(done for done, _ in seen) < total
    assert not window.status.progress.isVisible()


def test_a_scan_opens_on_its_pages_with_marks_on_the_recognised_numbers(open_window, tmp_path: Path, qtbot) -> None:
    """The auditor checks what OCR read against the scan itself: the page view shows the
    scanned pages, and a table figure's mark sits where OCR found that number."""
    from PySide6.QtCore import Qt

    from gui.session_controller import READY

    text_pdf = make_formats.make_pdf(SEEDS[1], tmp_path / "seed.pdf")
    scan = make_formats.make_image_pdf(text_pdf, tmp_path / "扫描件.pdf", 200)
    window, (ctl,) = open_window(scan, wait=False)
    qtbot.waitUntil(lambda: ctl.state != "loading", timeout=120_000)
    assert ctl.state == READY
    session, pages = ctl.session, window.original.pages
    doc = session.result.document
    assert doc.scanned_pages and window.original.page_mode  # the scan is shown, not only its text
    ident = next(i for i, v in session.table.published.items()
                 if v.span is not None and v.value is not None and doc.ocr_boxes(v.span))
    span = session.table.span(ident)
    (page, box), *_ = doc.ocr_boxes(span)
    pages.show_span(span)
    qtbot.waitUntil(lambda: pages.mark_center(span) is not None, timeout=20_000)
    centre = pages.mark_center(span)
    hits = pages.marks_at(centre)
    assert hits  # a mark is drawn over the number on the scanned page
    qtbot.mouseClick(pages.viewport(), Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert window.indicators.current_id() == ident  # and it leads to the table row
