"""Scanned PDFs read by OCR (core/document/ocr.py) and the 识别存疑 rule.

The scans are made here from the seeds: text PDF (make_formats.make_pdf) -> the pages that
hold the statistical table -> images at 150/200 dpi, one turned 0.7 degrees with noise ->
an image-only PDF. Each scan's audited table is compared cell by cell with the same pages
read from the text layer: every cell must be exact or listed as 识别存疑, never silently
wrong. Those tests need the engine (requirements-ocr.txt, or NIANBAO_OCR_ADDON) and skip
without it; discovery, the missing-engine message, the line layout and the rule do not.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import make_formats
import pytest

from core.audit import audit_document, audit_file
from core.document import ocr, read_document
from core.document.model import Document
from core.errors import ScannedPdfError

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))

needs_engine = pytest.mark.skipif(ocr.locate_engine() is None, reason="OCR engine not installed (requirements-ocr.txt)")

# (seed, scan dpi, angle, noise): every seed at 200 dpi; two at 150 dpi; two turned and noisy.
SCANS = [(s.name[:3], 200, 0.0, 0.0) for s in SEEDS] + [
    ("001", 150, 0.0, 0.0),
    ("003", 150, 0.0, 0.0),
    ("000", 200, 0.7, 12.0),
    ("002", 200, -0.8, 12.0),
]
TIMINGS: list[tuple[str, int, float, str]] = []  # (scan, pages, seconds, cells): printed at the end (-s)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def table_pages(text_pdf: Path, seed: Path) -> list[int]:
    """The pages of the text PDF that print rows of the seed's statistical table."""
    import pypdfium2 as pdfium

    labels = [_squeeze(row[0]) for row in make_formats.expected_rows(seed) if len(_squeeze(row[0])) >= 4]
    pdf = pdfium.PdfDocument(str(text_pdf))
    try:
        pages = []
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            text = _squeeze(textpage.get_text_range())
            textpage.close()
            if sum(label in text for label in labels) >= 3:
                pages.append(index)
        return pages
    finally:
        pdf.close()


def subset_pdf(text_pdf: Path, pages: list[int], out: Path) -> Path:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(text_pdf))
    target = pdfium.PdfDocument.new()
    try:
        target.import_pages(source, pages)
        target.save(str(out))
    finally:
        target.close()
        source.close()
    return out


@pytest.fixture(scope="module")
def text_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """seed id -> a text PDF of the pages holding its table (the truth for the scans)."""
    folder = tmp_path_factory.mktemp("ocr-text")
    out = {}
    for seed in SEEDS:
        full = make_formats.make_pdf(seed, folder / f"{seed.stem}.pdf")
        pages = table_pages(full, seed)
        assert pages, f"{seed.name}: no page holds its table"
        out[seed.name[:3]] = subset_pdf(full, pages, folder / f"{seed.name[:3]}-table.pdf")
    return out


def compare_tables(truth, scanned) -> tuple[list[str], list[str], list[str]]:
    """(exact ids, doubtful-and-different ids, silently wrong descriptions)."""
    assert truth.table is not None and scanned.table is not None
    doubtful = scanned.table.doubtful
    exact, marked, wrong = [], [], []
    for ident, want in truth.table.published.items():
        have = scanned.table.published.get(ident)
        same_raw = _squeeze(have.raw or "") == _squeeze(want.raw or "") if have is not None else False
        if have is not None and have.value == want.value and (want.value is not None or same_raw):
            exact.append(ident)
        elif ident in doubtful:
            marked.append(ident)
        else:
            wrong.append(f"{ident}: {want.raw!r} read as {None if have is None else have.raw!r}")
    return exact, marked, wrong


@needs_engine
@pytest.mark.slow
@pytest.mark.parametrize("seed_id,dpi,angle,noise", SCANS, ids=[f"{s}-{d}dpi{'-turned' if a else ''}" for s, d, a, _n in SCANS])
def test_scanned_table_is_exact_or_marked(seed_id: str, dpi: int, angle: float, noise: float, text_tables, tmp_path: Path) -> None:
    text_pdf = text_tables[seed_id]
    scan = make_formats.make_image_pdf(text_pdf, tmp_path / "scan.pdf", dpi, angle, noise)
    truth = audit_file(text_pdf)
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    doc = read_document(scan, progress=lambda done, total: calls.append((done, total)) or True)
    seconds = time.perf_counter() - started
    result = audit_document(doc)

    assert doc.scanned_pages == tuple(range(doc.pages or 0))
    assert calls == [(k, doc.pages) for k in range(doc.pages + 1)]
    assert result.template_id == truth.template_id
    exact, marked, wrong = compare_tables(truth, result)
    cells = f"exact {len(exact)} marked {len(marked)} wrong {len(wrong)} doubtful-but-right {len(set(exact) & set(result.table.doubtful))}"
    TIMINGS.append((f"{seed_id}@{dpi}{'/turned' if angle else ''}", doc.pages or 0, seconds, cells))
    assert not wrong, f"silently wrong cells: {wrong}"
    assert len(exact) + len(marked) == len(truth.table.published)
    doubtful = [f for f in result.findings if f.rule == "ocr.doubtful"]
    listed = {i for f in doubtful for i in f.ids}
    assert set(marked) <= listed  # every differing cell is in a 识别存疑 finding
    for f in doubtful:
        assert f.message.startswith("以下数字识别存疑，请对照原件核实：") and f.severity.value == "warning"
    # every recognised number points at itself in the text, on a page, inside the page
    for word in doc.ocr:
        assert doc.text[word.span[0] : word.span[1]] == word.text
        assert word.page in doc.scanned_pages and 0.0 <= word.confidence <= 1.0
        left, top, right, bottom = word.box
        assert 0 <= left < right <= 600 and 0 <= top < bottom <= 850  # A4 is 595 x 842 points


@needs_engine
def test_numbers_keep_their_place_on_the_page(text_tables, tmp_path: Path) -> None:
    """A recognised number's box is where the text layer prints it (within a few points)."""
    import pypdfium2 as pdfium

    text_pdf = text_tables["001"]
    scan = make_formats.make_image_pdf(text_pdf, tmp_path / "scan.pdf", 200)
    doc = read_document(scan)
    pdf = pdfium.PdfDocument(str(text_pdf))
    page = pdf[0]
    height = page.get_height()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    checked = 0
    for word in [w for w in doc.ocr if w.page == 0 and len(w.text) >= 2][:12]:
        places = []
        for m in re.finditer(re.escape(word.text), text):
            boxes = [textpage.get_charbox(i) for i in range(m.start(), m.end())]
            left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
            top = height - max(b[3] for b in boxes)
            places.append(max(abs(left - word.box[0]), abs(right - word.box[2]), abs(top - word.box[1])))
        assert places and min(places) < 4.0, (word, places)
        checked += 1
    textpage.close()
    pdf.close()
    assert checked >= 5


@needs_engine
def test_cancel_from_the_progress_callback(text_tables, tmp_path: Path) -> None:
    scan = make_formats.make_image_pdf(text_tables["001"], tmp_path / "scan.pdf", 150)
    seen: list[tuple[int, int]] = []

    def stop_after_first(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1

    result = audit_file(scan, progress=stop_after_first)
    assert result.error == "已取消文字识别"
    assert seen[-1][0] == 1  # stopped after the first page, not at the end


@needs_engine
def test_the_engine_is_let_go_once_the_scan_is_read(text_tables, tmp_path: Path) -> None:
    """Over 1 GB while a scan is read; an office PC gets it back afterwards (also when the
    auditor cancels)."""
    scan = make_formats.make_image_pdf(text_tables["002"], tmp_path / "scan.pdf", 150)
    seen: list[bool] = []

    def watch(done: int, total: int) -> bool:
        seen.append(ocr.engine_loaded())
        return True

    read_document(scan, progress=watch)
    assert seen and all(seen)
    assert not ocr.engine_loaded()
    assert audit_file(scan, progress=lambda done, total: done < 1).error == "已取消文字识别"
    assert not ocr.engine_loaded()


@needs_engine
def test_a_blank_cell_of_a_scan_may_be_a_digit_ocr_missed(tmp_path: Path) -> None:
    """A seed re-published with one cell left blank: in the text PDF the blank is the
    agency's; in its scan it may also be a digit the recognition did not see, and the one
    blank-cell finding says so."""
    seed = next(s for s in SEEDS if s.name.startswith("001"))
    text = seed.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("4.信函申请数\t"))
    blanked = tmp_path / seed.name
    blanked.write_text(text.replace(row, row.rsplit("\t", 1)[0] + "\t"), encoding="utf-8")
    full = make_formats.make_pdf(blanked, tmp_path / "blank.pdf")
    text_pdf = subset_pdf(full, table_pages(full, blanked), tmp_path / "blank-table.pdf")
    scan = make_formats.make_image_pdf(text_pdf, tmp_path / "blank-scan.pdf", 200)

    def blank_finding(path: Path):
        (finding,) = [f for f in audit_file(path).findings if f.rule == "blank.cells"]
        return finding

    printed, scanned = blank_finding(text_pdf), blank_finding(scan)
    assert printed.ids == scanned.ids == ("apply.received.mail",)
    assert "漏读" not in printed.message
    assert scanned.message.endswith("本报告为扫描件，空白也可能是文字识别漏读的数字，请对照原件核实")


@needs_engine
def test_a_folder_of_scans_in_two_workers_takes_turns_at_the_cores(text_tables, tmp_path: Path) -> None:
    """Each worker recognises a page only while it holds the batch's shared gate: both
    scans are read whole (no worker waits forever, none skips the gate)."""
    from core.batch import audit_folder

    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("001", "003"):
        make_formats.make_image_pdf(text_tables[name], folder / f"{name}-scan.pdf", 150)
    rows = list(audit_folder([folder], workers=2))
    assert [r.error for r in rows] == [None, None]
    assert all(r.template == "2008" for r in rows)


def test_missing_engine_message_names_the_zip(tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv(ocr.ADDON_ENV, str(empty))
    monkeypatch.setattr(ocr, "_ENGINE", None)
    scan = make_formats.make_scanned_pdf(tmp_path / "scan.pdf", pages=1)
    result = audit_file(scan)
    from core import __version__

    assert result.error == (
        f"该 PDF 为扫描件，需要安装“文字识别组件”：把 nianbao-ocr-{__version__}-{ocr.addon_platform()}.zip "
        "解压到程序所在文件夹，重新打开本报告"
    )
    with pytest.raises(ScannedPdfError):
        read_document(scan)


# ----------------------------------------------------------------- discovery (no engine needed)

_FAKE_ENGINE = '''
class EngineType:
    OPENVINO = "openvino"


class _Out:
    def __init__(self, n):
        self.boxes = [[[10, 10], [110, 10], [110, 40], [10, 40]]] * n
        self.txts = ["合计120"] * n
        self.scores = [0.5] * n
        self.word_results = [(("合", 0.99, [[10, 10], [40, 10], [40, 40], [10, 40]]),
                              ("计", 0.99, [[40, 10], [70, 10], [70, 40], [40, 40]]),
                              ("120", 0.5, [[70, 10], [110, 10], [110, 40], [70, 40]]))] * n


class RapidOCR:
    def __init__(self, params=None):
        import os
        self.params = params
        assert os.path.exists(params["Det.model_path"]) and os.path.exists(params["Rec.model_path"])

    def __call__(self, image):
        import os
        if os.environ.get("FAKE_OCR_LOADS_LATE"):  # as RapidOCR does: its runtime is loaded at the first page
            import fake_missing_runtime  # noqa: F401
        return _Out(1)
'''


def _fake_addon(folder: Path, python: str | None = None, runtime: bool = True) -> Path:
    packages = folder / "packages"
    (packages / "rapidocr" / "models").mkdir(parents=True)
    (packages / "rapidocr" / "__init__.py").write_text(_FAKE_ENGINE, encoding="utf-8")
    (packages / "rapidocr" / "models" / "fake_det.onnx").write_bytes(b"")
    (packages / "rapidocr" / "models" / "fake_rec.onnx").write_bytes(b"")
    if runtime:
        (packages / "openvino").mkdir()
        (packages / "openvino" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "stdlib").mkdir()
    manifest = {"version": "0", "python": python or f"{sys.version_info[0]}.{sys.version_info[1]}", "platform": sys.platform}
    (folder / ocr.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


_PROBE = r'''
import json, sys
from importlib.machinery import PathFinder


class _NotInstalledHere:
    """As in the frozen app: the engine comes from the add-on's folders or not at all, even
    where this test environment has the real engine installed."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] not in ("rapidocr", "openvino"):
            return None
        roots = [p for p in sys.path if "ocr-addon" in p]
        return PathFinder.find_spec(name, path if path is not None else roots) or _absent(name)


def _absent(name):
    raise ModuleNotFoundError(name, name=name)


sys.meta_path.insert(0, _NotInstalledHere())
sys.path.insert(0, sys.argv[1])
from core.document import read_document, ocr
doc = read_document(sys.argv[2])            # a text PDF: the engine is not even looked for
before = sorted(m for m in ("rapidocr", "openvino", "numpy", "cv2") if m in sys.modules)
where = ocr.locate_engine()
try:
    scanned = read_document(sys.argv[3])
    words = [(w.text, w.confidence, w.doubtful) for w in scanned.ocr]
    error = None
except Exception as err:
    words, error = [], str(err)
print(json.dumps({"before": before, "where": str(where), "words": words, "error": error,
                  "path_tail": sys.path[-2:], "imported": "rapidocr" in sys.modules}))
'''


def _probe(addon: Path | None, tmp_path: Path, generated_docs, **extra_env: str) -> dict:
    text_pdf = generated_docs[(SEEDS[1].name, "pdf")]
    scan = make_formats.make_scanned_pdf(tmp_path / "scan.pdf", pages=1)
    env = {k: v for k, v in os.environ.items() if k != ocr.ADDON_ENV} | extra_env
    if addon is not None:
        env[ocr.ADDON_ENV] = str(addon)
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(ROOT), str(text_pdf), str(scan)],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_addon_folder_is_found_and_added_to_the_path_only_when_a_scan_arrives(tmp_path: Path, generated_docs) -> None:
    addon = _fake_addon(tmp_path / "ocr-addon")
    seen = _probe(addon, tmp_path, generated_docs)
    assert seen["before"] == []  # reading a text PDF imports no part of the engine
    assert seen["where"] == str(addon)
    assert seen["error"] is None and seen["imported"]
    assert seen["path_tail"] == [str(addon / "packages"), str(addon / "stdlib")]  # appended, after the app's own
    # the fake engine reads "合计120" with the number at 0.5: a doubtful number
    assert seen["words"] == [["120", 0.5, True]]


def test_addon_built_for_another_python_is_not_used(tmp_path: Path, generated_docs) -> None:
    addon = _fake_addon(tmp_path / "ocr-addon", python="2.7")
    seen = _probe(addon, tmp_path, generated_docs)
    assert seen["where"] == "None" and not seen["imported"]
    assert seen["error"].startswith("该 PDF 为扫描件，需要安装“文字识别组件”")


@pytest.mark.parametrize("broken", ["no runtime", "runtime fails at the first page"])
def test_an_incomplete_addon_gets_the_message_not_a_traceback(broken: str, tmp_path: Path, generated_docs) -> None:
    addon = _fake_addon(tmp_path / "ocr-addon", runtime=broken != "no runtime")
    late = {"FAKE_OCR_LOADS_LATE": "1"} if broken != "no runtime" else {}
    seen = _probe(addon, tmp_path, generated_docs, **late)
    assert seen["where"] == str(addon) and seen["words"] == []
    assert seen["error"].startswith("该 PDF 为扫描件，需要安装“文字识别组件”")
    assert "组件不完整" in seen["error"]


def test_addon_beside_the_program_is_the_default(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ocr.ADDON_ENV, raising=False)
    assert ocr.addon_folders() == [ROOT / "ocr-addon"]  # from source: the project root
    exe = tmp_path / "nianbao" / "nianbao-cli"
    monkeypatch.setattr(ocr, "bundle_dir", lambda: tmp_path / "nianbao" / "_internal")  # as if frozen
    monkeypatch.setattr(sys, "executable", str(exe))
    assert ocr.addon_folders() == [tmp_path / "nianbao" / "ocr-addon"]
    assert ocr.locate_engine() is None or isinstance(ocr.locate_engine(), Path)  # frozen: never the environment


def test_fallback_finder_serves_submodules_of_a_package_bundled_in_part(tmp_path: Path) -> None:
    """A frozen app bundles only some modules of a package: the add-on supplies the rest."""
    bundled = tmp_path / "bundle" / "partpkg"
    bundled.mkdir(parents=True)
    (bundled / "__init__.py").write_text("", encoding="utf-8")
    extra = tmp_path / "addon" / "stdlib" / "partpkg"
    extra.mkdir(parents=True)
    (extra / "__init__.py").write_text("", encoding="utf-8")
    (extra / "more.py").write_text("VALUE = 42\n", encoding="utf-8")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2])\n"
        "import partpkg\n"
        "try:\n    import partpkg.more\nexcept ImportError:\n    pass\nelse:\n    raise SystemExit('found without the add-on')\n"
        "from core.document import ocr\nfrom pathlib import Path\n"
        "ocr._use_addon(Path(sys.argv[3]))\n"
        "import partpkg.more\nprint(partpkg.more.VALUE)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "bundle"), str(ROOT), str(tmp_path / "addon")],
        capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "42"


# -------------------------------------------------------------------- layout (no engine needed)


def _quad(x0: float, y0: float, x1: float, y1: float, angle: float = 0.0) -> tuple[tuple[float, float], ...]:
    """A box turned by ``angle`` radians about the page origin (a sheet fed askew)."""
    cos, sin = math.cos(angle), math.sin(angle)
    return tuple((x * cos - y * sin, x * sin + y * cos) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))


def _row(y: float, label: str, unit: str, value: str, angle: float = 0.0, score: float = 0.99) -> list:
    box = ocr._Box
    return [
        box(label, 0.99, _quad(120, y, 120 + 30 * len(label), y + 30, angle)),
        box(unit, 0.99, _quad(925, y, 955, y + 30, angle)),
        box(value, score, _quad(1016, y, 1016 + 15 * len(value), y + 30, angle),
            (ocr._Piece(value, score, _quad(1016, y, 1016 + 15 * len(value), y + 30, angle)),)),
    ]


@pytest.mark.parametrize("degrees", [0.0, 0.8, -1.0])
def test_boxes_become_rows_with_column_tabs_even_when_turned(degrees: float) -> None:
    from core.document.pdf_reader import _align_rows, _join_wrapped, _merge_centred_rows

    angle = math.radians(degrees)
    boxes = []
    for k, (label, unit, value) in enumerate([("收到申请数", "件", "12"), ("当面申请数", "件", "3"), ("网络申请数", "件", "9")]):
        boxes += _row(400 + 36 * k, label, unit, value, angle)
    lines, tokens = ocr.page_lines(boxes, 150, 842.0, 0)
    _align_rows(lines)
    text = "\n".join(t.text for t in _join_wrapped(_merge_centred_rows(lines)))
    assert text == "收到申请数\t件\t12\n当面申请数\t件\t3\n网络申请数\t件\t9"
    words = ocr.assign_spans(text, 100, tokens)
    expected = [("12", text.index("12")), ("3", text.index("\t3") + 1), ("9", text.index("\t9") + 1)]
    assert [(w.text, w.span[0] - 100) for w in words] == expected
    assert all(w.page == 0 and not w.doubtful for w in words)


def test_number_confidence_is_its_own_not_its_lines() -> None:
    boxes = _row(400, "主动公开政府信息数", "条", "120", score=0.6)
    lines, tokens = ocr.page_lines(boxes, 200, 842.0, 3)
    (token,) = tokens
    assert token.text == "120" and token.confidence == 0.6 and token.page == 3
    left, top, right, bottom = token.box
    assert (left, top) == (round(1016 * 72 / 200, 2), round(400 * 72 / 200, 2))  # points from the top-left


# ------------------------------------------------------------------ the rule (no engine needed)


def _ocr_document(seed: Path, doubtful_ids: list[str]) -> tuple[Document, list[str]]:
    """A seed read as text, given OcrWords over its table values as if it had been scanned."""
    doc = read_document(seed)
    base = audit_document(doc)
    words = []
    for ident, found in base.table.published.items():
        if found.span is None or found.span[0] == found.span[1] or found.value is None:
            continue
        confidence = 0.5 if ident in doubtful_ids else 0.999
        words.append(ocr.OcrWord(found.raw, found.span, 0, (0.0, 0.0, 1.0, 1.0), confidence, confidence < ocr.DOUBT_BELOW))
    words.sort(key=lambda w: w.span)
    from dataclasses import replace

    return replace(doc, ocr=tuple(words), scanned_pages=(0,)), list(base.table.published)


def test_doubtful_cells_make_one_warning_per_table_listing_them() -> None:
    seed = SEEDS[1]
    probe, ids = _ocr_document(seed, [])
    values = [i for i in ids if audit_document(probe).table.published[i].value is not None]
    picked = [values[0], values[3]]
    doc, _ids = _ocr_document(seed, picked)
    result = audit_document(doc)
    assert result.table.doubtful.keys() == set(picked)
    (finding,) = [f for f in result.findings if f.rule == "ocr.doubtful"]
    assert finding.severity.value == "warning" and finding.ids == tuple(picked)
    assert finding.message.startswith("以下数字识别存疑，请对照原件核实：“")
    for ident in picked:
        assert result.table.raw(ident) in finding.message
    assert [e.span for e in finding.evidence] == [result.table.span(i) for i in picked]
    assert [w.text for w in doc.ocr if w.doubtful] == [result.table.raw(i) for i in picked]

    # the auditor confirms one value (a correction to what the scan shows): it leaves the list
    from core.audit import current_findings

    result.table.corrections[picked[0]] = result.table.value(picked[0])
    (finding,) = [f for f in current_findings(result) if f.rule == "ocr.doubtful"]
    assert finding.ids == (picked[1],)
    result.table.corrections[picked[1]] = Decimal(7)
    assert not [f for f in current_findings(result) if f.rule == "ocr.doubtful"]


def test_new_template_doubtful_cells_are_grouped_by_printed_table() -> None:
    seeds = sorted((ROOT / "tests" / "fixtures" / "new_template").glob("*_2021.txt"))
    doc0 = read_document(seeds[0])
    base = audit_document(doc0)
    published = base.table.published
    t3 = next(i for i, v in published.items() if i.startswith("t3") and v.value is not None and v.span and v.span[0] < v.span[1])
    t4 = next(i for i, v in published.items() if i.startswith("t4") and v.value is not None and v.span and v.span[0] < v.span[1])
    doc, _ = _ocr_document(seeds[0], [t3, t4])
    result = audit_document(doc)
    found = {f.ids: f.message for f in result.findings if f.rule == "ocr.doubtful"}
    assert set(found) == {(t3,), (t4,)}
    assert found[(t3,)].endswith("（表三）") and found[(t4,)].endswith("（表四）")


def test_a_value_read_as_no_number_in_a_scan_is_doubtful_too() -> None:
    """A blurred "1" read as "八": not a number at all, so no OcrWord; still 识别存疑."""
    from dataclasses import replace

    doc = read_document(SEEDS[1])
    base = audit_document(doc)
    ident, found = next((i, v) for i, v in base.table.published.items() if v.raw == "1" and v.span)
    text = doc.text[: found.span[0]] + "八" + doc.text[found.span[1] :]
    scanned = replace(doc, text=text, pages=1, scanned_pages=(0,))
    result = audit_document(scanned)
    assert result.table.doubtful == {ident: 0.0}
    (finding,) = [f for f in result.findings if f.rule == "ocr.doubtful"]
    assert finding.ids == (ident,) and "八" in finding.message
    # the same text from a text layer: unreadable (an error), but no recognition doubt
    assert audit_document(replace(doc, text=text)).table.doubtful == {}


def test_a_text_report_has_no_ocr_words_and_no_doubt() -> None:
    doc = read_document(SEEDS[0])
    assert doc.ocr == () and doc.scanned_pages == ()
    assert not [f for f in audit_document(doc).findings if f.rule == "ocr.doubtful"]


@pytest.fixture(scope="module", autouse=True)
def _print_timings():
    yield
    if TIMINGS:
        pages = sum(t[1] for t in TIMINGS)
        seconds = sum(t[2] for t in TIMINGS)
        print(f"\nOCR: {pages} pages in {seconds:.1f} s ({seconds / max(pages, 1):.2f} s/page)")
        for scan, n, t, cells in TIMINGS:
            print(f"  {scan}: {n} pages {t:.1f} s; {cells}")
