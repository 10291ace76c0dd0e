"""Print the PDF page view's figures (target from issue 15: a page at fit width <= 150 ms).

1. render one page at the pane's width, as the render thread does (PDFium bitmap -> QImage),
   at the default width of the original pane and at a wide one;
2. read one page's character boxes (once per page, for the marks);
3. one repaint of the page view while scrolling, on the GUI thread: what the auditor waits
   for on every scroll step (pages already rendered; the thread renders, the GUI only paints).

Run: ``python bench/bench_pdf_pages.py`` (offscreen unless a platform is set). The PDFs are
made from test reports by tests/fixtures (needs reportlab).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bench_pdf_")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

TARGET_MS = 150.0


def _pdfs(folder: Path) -> list[Path]:
    import make_formats

    from tests.fixtures.new_template.make import make_pdf
    from tests.fixtures.new_template.reports import REPORTS

    seeds = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
    made = [make_formats.make_pdf(seed, folder / f"{seed.stem}.pdf") for seed in seeds[:3]]
    made.append(make_pdf(REPORTS["qingjiang_2022"], folder / "qingjiang_2022.pdf"))
    return made


def main() -> int:
    import pypdfium2 as pdfium
    from PySide6.QtWidgets import QApplication

    from core.document.pdf_reader import PDFIUM_LOCK
    from gui import pdf_renderer

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench_pdf_files_"))
    pdfs = _pdfs(folder)
    results: dict[int, list[float]] = {530: [], 1000: []}
    boxes: list[float] = []
    pages = 0
    for path in pdfs:
        pdf = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(pdf)):
            pages += 1
            for width, times in results.items():
                began = time.perf_counter()
                with PDFIUM_LOCK:
                    image = pdf_renderer._render(pdf, index, width)
                times.append(time.perf_counter() - began)
                assert image.width() == width
            began = time.perf_counter()
            with PDFIUM_LOCK:
                pdf_renderer._boxes(pdf, index)
            boxes.append(time.perf_counter() - began)
        pdf.close()
    for width, times in results.items():
        median, worst = statistics.median(times) * 1000, max(times) * 1000
        print(f"render a page at {width} px (render thread): median {median:.1f} ms, max {worst:.1f} ms "
              f"({len(times)} pages of {len(pdfs)} PDFs; target <= {TARGET_MS:.0f} ms) "
              f"{'OK' if worst <= TARGET_MS else 'SLOW'}")
    print(f"read a page's character boxes (once per page): median {statistics.median(boxes) * 1000:.1f} ms, "
          f"max {max(boxes) * 1000:.1f} ms")
    print(f"  scroll repaint (GUI thread, pages rendered, marks drawn): {_scroll_paint(app, pdfs[-1]):.1f} ms median")
    return 0


def _scroll_paint(app: object, path: Path) -> float:
    """Median time of one page-view repaint while stepping down the pages."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.session_controller import LOADING

    work = Path(tempfile.mkdtemp(prefix="bench_pdf_window_"))
    window = MainWindow(QSettings(str(work / "s.ini"), QSettings.Format.IniFormat), work / "fallback", interactive=False)
    window.resize(1366, 768)
    window.show()
    (ctl,) = window.open_files([str(path)])
    deadline = time.monotonic() + 30
    while (ctl.state == LOADING or not window.original.settled()) and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)
    view = window.original.pages
    bar = view.verticalScrollBar()
    times = []
    for step in range(40):
        bar.setValue((step * 60) % max(bar.maximum(), 1))
        began = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - began)
        app.processEvents()  # type: ignore[attr-defined]
    window.close()
    return statistics.median(times) * 1000


if __name__ == "__main__":
    sys.exit(main())
