"""OCR of scanned reports: speed per page and table accuracy, cell by cell.

Each seed report becomes a text PDF (tests/fixtures/make_formats.py), then "scans" of it
(pages rendered to images and wrapped in an image-only PDF: 150 and 200 dpi, one
turned by 0.7 degrees with noise, and two deliberately poor ones: 100 and 85 dpi, turned,
noisier). Each scan is read back through OCR at the chosen
render resolutions and its statistical table is compared with the text PDF's:

- exact:  the same value;
- marked: a different value (or none) on a cell listed as 识别存疑;
- wrong:  a different value (or none) that nothing marks: the failure that must not happen;
- lost:   a row the text PDF has and the scan's table lacks (reported as a missing row);
- extra:  doubtful cells that were right after all (work for the auditor, not an error).

It also prints the confidence of every wrongly read cell and the lowest confidences of
right ones, which is how ``DOUBT_BELOW`` was chosen.

    python bench/bench_ocr.py                       # every seed, scans 150/200/rot, render 200
    python bench/bench_ocr.py --render 150 200 300  # compare render resolutions
    python bench/bench_ocr.py --seeds 001 --scans 200
    python bench/bench_ocr.py --table-pages --scans hard harder   # where digits go wrong
    python bench/bench_ocr.py --batch [--table-pages]             # five scans through core.batch
    NIANBAO_OCR_ADDON=/path/to/ocr-addon python bench/bench_ocr.py   # the add-on, not the venv
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))

SCANS = {  # name -> (scan dpi, angle in degrees, noise sd)
    "150": (150, 0.0, 0.0),
    "200": (200, 0.0, 0.0),
    "rot": (200, 0.7, 12.0),
    # worse than a sensible scanner setting: these find the confidences at which digits go wrong
    "hard": (100, 1.0, 20.0),
    "harder": (85, 1.2, 30.0),
}


def table_pages(text_pdf: Path, seed: Path) -> list[int]:
    """The pages printing rows of the seed's table (as tests/core/test_ocr.py picks them)."""
    import re

    import make_formats
    import pypdfium2 as pdfium

    squeeze = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    labels = [squeeze(r[0]) for r in make_formats.expected_rows(seed) if len(squeeze(r[0])) >= 4]
    pdf = pdfium.PdfDocument(str(text_pdf))
    pages = []
    for index in range(len(pdf)):
        textpage = pdf[index].get_textpage()
        if sum(label in squeeze(textpage.get_text_range()) for label in labels) >= 3:
            pages.append(index)
        textpage.close()
    pdf.close()
    return pages


def subset(text_pdf: Path, pages: list[int], out: Path) -> Path:
    import pypdfium2 as pdfium

    source, target = pdfium.PdfDocument(str(text_pdf)), pdfium.PdfDocument.new()
    target.import_pages(source, pages)
    target.save(str(out))
    target.close()
    source.close()
    return out


def compare(text_result, scan_result) -> dict[str, object]:
    """Cell-by-cell comparison of two audits' tables (the text PDF's is the truth)."""
    truth = text_result.table.published if text_result.table else {}
    got = scan_result.table.published if scan_result.table else {}
    doubtful = scan_result.table.doubtful if scan_result.table else {}
    counts = {"exact": 0, "marked": 0, "wrong": 0, "lost": 0, "extra": 0}
    wrong: list[str] = []
    for ident, want in truth.items():
        have = got.get(ident)
        if have is None:
            counts["lost"] += 1
            wrong.append(f"{ident}: lost")
            continue
        same = have.value == want.value and (have.value is not None or (have.raw or "").strip() == (want.raw or "").strip())
        if same:
            counts["exact"] += 1
            if ident in doubtful:
                counts["extra"] += 1
        elif ident in doubtful:
            counts["marked"] += 1
        else:
            counts["wrong"] += 1
            wrong.append(f"{ident}: {want.raw!r} read {have.raw!r}")
    return {**counts, "wrong_cells": wrong, "template": scan_result.template_id == text_result.template_id}


def cell_confidences(scan_result, text_result) -> list[tuple[float, bool]]:
    """(confidence, right?) of every table value OCR read as a number."""
    doc = scan_result.document
    truth = text_result.table.published if text_result.table else {}
    out = []
    for ident, have in (scan_result.table.published if scan_result.table else {}).items():
        if have.span is None or have.span[0] == have.span[1]:
            continue
        words = [w for w in doc.ocr if w.span[0] < have.span[1] and w.span[1] > have.span[0]]
        if not words:
            continue
        want = truth.get(ident)
        right = want is not None and want.value == have.value
        out.append((min(w.confidence for w in words), right))
    return out


def printed_numbers(text_pdf: Path) -> dict[int, list[tuple[str, tuple[float, float, float, float]]]]:
    """Page -> every number the text layer prints, with its box (points, top-left origin)."""
    import pypdfium2 as pdfium

    from core.document.ocr import NUMBER

    out: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
    pdf = pdfium.PdfDocument(str(text_pdf))
    for index in range(len(pdf)):
        page = pdf[index]
        height = page.get_height()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        found = []
        for m in NUMBER.finditer(text):
            boxes = [textpage.get_charbox(i) for i in range(m.start(), m.end())]
            found.append((m.group(), (min(b[0] for b in boxes), height - max(b[3] for b in boxes),
                                      max(b[2] for b in boxes), height - min(b[1] for b in boxes))))
        out[index] = found
        textpage.close()
    pdf.close()
    return out


def number_accuracy(text_pdf: Path, doc, tolerance: float = 8.0) -> list[tuple[float, bool, str]]:
    """(confidence, right?, what) of every number OCR read, judged against the number the
    text layer prints at the same place (all numbers, narrative included: a big sample)."""
    printed = printed_numbers(text_pdf)
    out = []
    for word in doc.ocr:
        cx, cy = (word.box[0] + word.box[2]) / 2, (word.box[1] + word.box[3]) / 2
        near = [t for t, (left, top, right, b) in printed.get(word.page, [])
                if left - tolerance <= cx <= right + tolerance and top - tolerance <= cy <= b + tolerance]
        if not near:
            continue  # OCR saw a number where the text layer has none (or nothing close): not judged
        out.append((word.confidence, word.text in near, f"p{word.page + 1} {near} read {word.text!r}"))
    return out


def bench_batch(folder: Path, table_pages_only: bool) -> None:
    """A folder of five scanned reports through core.batch, one worker and two."""
    import resource

    import make_formats

    from core.batch import audit_folder

    reports = folder / "scanned-reports"
    reports.mkdir()
    pages = 0
    for seed in SEEDS:
        text_pdf = make_formats.make_pdf(seed, folder / f"{seed.stem}.pdf")
        if table_pages_only:
            text_pdf = subset(text_pdf, table_pages(text_pdf, seed), folder / f"{seed.stem}-table.pdf")
        make_formats.make_image_pdf(text_pdf, reports / f"{seed.stem}-scan.pdf", 200)
        import pypdfium2 as pdfium

        pages += len(pdfium.PdfDocument(str(text_pdf)))
    for workers in (1, 2):
        started = time.perf_counter()
        rows = list(audit_folder([reports], workers=workers))
        seconds = time.perf_counter() - started
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        print(f"batch of {len(rows)} scanned reports ({pages} pages), {workers} worker(s): {seconds:.1f} s "
              f"({seconds / pages:.2f} s/page), errors {[r.error for r in rows if r.error]}, "
              f"templates {sorted(str(r.template) for r in rows)}, peak RSS of one process {peak / 1024:.0f} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", nargs="*", default=[s.name[:3] for s in SEEDS])
    parser.add_argument("--scans", nargs="*", default=list(SCANS), choices=list(SCANS))
    parser.add_argument("--render", nargs="*", type=int, default=None, help="OCR render dpi (default: the reader's)")
    parser.add_argument("--table-pages", action="store_true", help="only the pages holding the table (quicker)")
    parser.add_argument("--batch", action="store_true", help="only: a folder of five scans through core.batch")
    args = parser.parse_args()

    import make_formats

    from core.audit import audit_document
    from core.document import ocr, read_document

    where = ocr.locate_engine()
    if where is None:
        print("no OCR engine: install requirements-ocr.txt or set NIANBAO_OCR_ADDON", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    version = ocr.engine().version  # no reference kept: the reader lets the engine go after each scan
    print(f"engine: rapidocr {version} from {where}, loaded in {time.perf_counter() - t0:.2f} s")
    if args.batch:
        with tempfile.TemporaryDirectory() as tmp:
            bench_batch(Path(tmp), args.table_pages)
        return 0
    renders = args.render or [ocr.DPI]
    all_conf: list[tuple[float, bool]] = []
    all_numbers: list[tuple[float, bool, str]] = []
    totals: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for seed in [s for s in SEEDS if s.name[:3] in args.seeds]:
            text_pdf = make_formats.make_pdf(seed, folder / f"{seed.stem}.pdf")
            if args.table_pages:
                text_pdf = subset(text_pdf, table_pages(text_pdf, seed), folder / f"{seed.stem}-table.pdf")
            text_result = audit_document(read_document(text_pdf))
            for scan in args.scans:
                dpi, angle, noise = SCANS[scan]
                scanned = make_formats.make_image_pdf(text_pdf, folder / f"{seed.stem}-{scan}.pdf", dpi, angle, noise)
                scanned_from = text_pdf
                for render in renders:
                    ocr.DPI = render
                    pages: list[float] = []
                    last = [time.perf_counter()]

                    def tick(done: int, total: int, pages: list[float] = pages, last: list[float] = last) -> bool:
                        now = time.perf_counter()
                        if done:
                            pages.append(now - last[0])
                        last[0] = now
                        return True

                    cpu = time.process_time()
                    doc = read_document(scanned, progress=tick)
                    cpu = time.process_time() - cpu
                    result = audit_document(doc)
                    c = compare(text_result, result)
                    conf = cell_confidences(result, text_result)
                    all_conf += conf
                    judged = number_accuracy(scanned_from, doc)
                    all_numbers += judged
                    key = (scan, render)
                    blank = {"pages": 0, "seconds": 0.0, "cpu": 0.0, "exact": 0, "marked": 0, "wrong": 0, "lost": 0, "extra": 0}
                    agg = totals.setdefault(key, blank)
                    agg["pages"] += len(pages)
                    agg["seconds"] += sum(pages)
                    agg["cpu"] += cpu
                    for k in ("exact", "marked", "wrong", "lost", "extra"):
                        agg[k] += c[k]  # type: ignore[operator]
                    print(
                        f"{seed.name[:3]} scan {scan:>3} render {render} dpi: {len(pages)} pages, "
                        f"median {statistics.median(pages):.2f} s/page (max {max(pages):.2f}, cpu {cpu / len(pages):.2f}); "
                        f"cells exact {c['exact']} marked {c['marked']} wrong {c['wrong']} lost {c['lost']} "
                        f"(doubtful but right {c['extra']}); doubtful numbers in text {sum(w.doubtful for w in doc.ocr)}/{len(doc.ocr)}",
                        flush=True,
                    )
                    for line in c["wrong_cells"]:  # type: ignore[union-attr]
                        print("    ", line)
    print("\ntotals (scan, render dpi): pages, mean s/page, cpu s/page, exact/marked/wrong/lost, doubtful-but-right")
    for (scan, render), agg in totals.items():
        n = max(agg["pages"], 1)
        print(f"  {scan:>3} @ {render}: {agg['pages']:.0f} pages, {agg['seconds'] / n:.2f} s/page, cpu {agg['cpu'] / n:.2f}; "
              f"{agg['exact']:.0f}/{agg['marked']:.0f}/{agg['wrong']:.0f}/{agg['lost']:.0f}, extra {agg['extra']:.0f}")
    wrong = sorted(c for c, ok in all_conf if not ok)
    right = sorted(c for c, ok in all_conf if ok)
    print(f"\nconfidence of wrongly read cells ({len(wrong)}): {[round(c, 4) for c in wrong]}")
    print(f"lowest confidences of right cells ({len(right)}): {[round(c, 4) for c in right[:15]]}")
    for cut in (0.8, 0.9, 0.95, 0.97, 0.98, 0.99):
        print(f"  threshold {cut}: wrong above it {sum(c >= cut for c in wrong)}, right below it {sum(c < cut for c in right)}")
    bad = sorted((c, what) for c, ok, what in all_numbers if not ok)
    good = sorted(c for c, ok, _w in all_numbers if ok)
    print(f"\nevery recognised number judged against the text layer at its place: {len(good)} right, {len(bad)} wrong")
    for c, what in bad:
        print(f"    wrong at {c:.4f}: {what}")
    for cut in (0.8, 0.9, 0.95, 0.97, 0.98, 0.99):
        wrong_above, right_below = sum(c >= cut for c, _w in bad), sum(c < cut for c in good)
        print(f"  threshold {cut}: wrong numbers above it {wrong_above}, right ones below it {right_below}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
