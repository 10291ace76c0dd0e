"""Read scanned PDF pages with offline OCR (RapidOCR on OpenVINO), as an optional add-on.

The engine is never imported at start-up and is not part of the app bundle. It is found
only when a PDF without a text layer arrives, in this order:

1. ``NIANBAO_OCR_ADDON`` (environment): the add-on folder to use. When it is set it is
   the only place searched, so an empty folder there means "no engine" (tests use that);
2. ``ocr-addon/`` beside the program: the folder holding the executables when frozen,
   the project root when run from source (what ``nianbao-ocr-<版本>-<平台>.zip`` unpacks to);
3. run from source only: the engine installed in the current environment
   (``pip install -r requirements-ocr.txt``).

An add-on folder holds ``nianbao-ocr.json`` (its version, the Python and platform it was
built for), ``packages/`` (rapidocr, openvino, numpy, OpenCV... as pip installed them,
with the models inside the rapidocr package) and ``stdlib/`` (the standard-library
modules a frozen app leaves out). Both are appended to ``sys.path`` when first needed,
after the app's own entries, so nothing the app bundles is ever replaced.

Nothing is downloaded: the models are passed to RapidOCR by path (its download code is
only reached when no path is given), and the character list is read from the model.

Pages are rendered with pypdfium2 at ``DPI``; recognised boxes become the same lines a
text-layer page gives (``pdf_reader``'s line model: cells at column gaps, tabs between
them), so the table extractor needs no OCR case. Every recognised number keeps its page,
box and confidence (``OcrWord``); below ``DOUBT_BELOW`` it is "识别存疑".
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import platform
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

from core import __version__
from core.document.model import OcrWord, Progress
from core.document.pdf_lines import TAB_GAP_EM, Cell, Line
from core.errors import CorruptDocumentError, DocumentTooLargeError, ReportError, ScannedPdfError
from core.frozen import bundle_dir

ADDON_ENV = "NIANBAO_OCR_ADDON"
ADDON_DIR = "ocr-addon"
MANIFEST = "nianbao-ocr.json"

# Measured (bench/bench_ocr.py, docs/ocr.md): every table digit of the test scans was right at
# 150, 200 and 300 dpi; 150 dpi left 4-5x more doubtful numbers in the text, 300 dpi is
# slower for nothing (recognition scales each line to 48 px anyway).
DPI = 200
# Confidence under which a recognised number is reported as 识别存疑. Measured on scans of
# the seed reports, down to 85 dpi turned and noisy (docs/ocr.md): every misread number
# scored 0.79 or less, while right ones fell below 0.95 for ~1% of numbers.
DOUBT_BELOW = 0.95
# An annual report has 5-40 pages; a scan of hundreds would keep the machine busy for an hour.
MAX_OCR_PAGES = 80

MISSING_MESSAGE = "该 PDF 为扫描件，需要安装“文字识别组件”：把 {zip_name} 解压到程序所在文件夹，重新打开本报告"
CANCELLED_MESSAGE = "已取消文字识别"



class OcrMissingError(ScannedPdfError):
    """A scanned PDF and no OCR engine: the message says how to add it."""


class OcrCancelledError(ReportError):
    """The progress callback asked to stop."""


# ----------------------------------------------------------------------------- discovery


def addon_platform() -> str:
    """The platform part of the add-on's file name, as the release scripts write it."""
    machine = platform.machine()
    if sys.platform == "win32":
        return "windows-" + ("x64" if machine.lower() in ("amd64", "x86_64") else "x86")
    if sys.platform == "darwin":
        return "macos-" + machine
    return f"{sys.platform}-{machine}"


def addon_zip_name() -> str:
    return f"nianbao-ocr-{__version__}-{addon_platform()}.zip"


def missing_message() -> str:
    """The message for a scan without the engine, naming the exact file to unpack."""
    return MISSING_MESSAGE.format(zip_name=addon_zip_name())


def _program_dir() -> Path:
    """Beside the executables when frozen; the project root when run from source."""
    bundle = bundle_dir()
    if bundle is not None:
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def addon_folders() -> list[Path]:
    """Where an add-on may be, in order (the first that holds a manifest is used)."""
    configured = os.environ.get(ADDON_ENV)
    if configured:
        return [Path(configured)]
    return [_program_dir() / ADDON_DIR]


def _addon_fits(folder: Path) -> bool:
    """The folder holds an add-on built for this Python (same minor version, same platform)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    python = manifest.get("python")
    platform = manifest.get("platform")
    return bool(python == f"{sys.version_info[0]}.{sys.version_info[1]}" and platform == sys.platform)


def find_addon() -> Path | None:
    for folder in addon_folders():
        if _addon_fits(folder):
            return folder
    return None


def _installed_here() -> bool:
    """The engine is importable from the current environment (never imports it)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "openvino"))
    except (ImportError, ValueError):
        return False


def _frozen() -> bool:
    return bundle_dir() is not None


def locate_engine() -> Path | str | None:
    """Where the engine would come from, importing none of it: an add-on folder,
    "installed" (the current environment, source runs only), or None."""
    addon = find_addon()
    if addon is not None:
        return addon
    if not os.environ.get(ADDON_ENV) and not _frozen() and _installed_here():
        return "installed"
    return None


def engine_available() -> bool:
    """Cheap: would ``engine()`` find an engine? (imports nothing of it)."""
    return _ENGINE is not None or locate_engine() is not None


_ENGINE: _Engine | None = None
_ENGINE_LOCK = threading.Lock()
_READERS = 0  # documents being recognised now; the engine is let go when none is


def engine() -> _Engine:
    """The process's OCR engine, loaded on first use (and let go after the documents that
    use it: ``_engine_for_one_document``); ``OcrMissingError`` without one."""
    with _ENGINE_LOCK:
        return _load_engine()


def _load_engine() -> _Engine:
    """``engine()`` with ``_ENGINE_LOCK`` held."""
    global _ENGINE
    if _ENGINE is None:
        where = locate_engine()
        if where is None:
            raise OcrMissingError(missing_message())
        if isinstance(where, Path):
            _use_addon(where)
        try:
            _ENGINE = _Engine()
        except ImportError as err:
            raise _incomplete(err) from err
    return _ENGINE


def _incomplete(err: ImportError) -> OcrMissingError:
    """A part of the add-on could not be loaded: what to install, and what was missing."""
    return OcrMissingError(missing_message() + f"（组件不完整：{err}）")


def engine_loaded() -> bool:
    """The engine is in memory (while some scan is being read)."""
    return _ENGINE is not None


@contextmanager
def _engine_for_one_document() -> Iterator[_Engine]:
    """The engine while a document is read. When no document is being read any more it is
    let go (except in a batch's worker process): its models and the per-line-width work its
    runtime keeps grow to over 1 GB, which an office PC needs back once the scan is read; the
    next scan loads it again in about a second. Loading and counting the reader happen under
    one lock, so a document finishing meanwhile cannot let go of the engine just handed out."""
    global _ENGINE, _READERS
    with _ENGINE_LOCK:
        loaded = _load_engine()
        _READERS += 1
    try:
        yield loaded
    finally:
        with _ENGINE_LOCK:
            _READERS -= 1
            if _READERS == 0 and not _KEEP_LOADED:
                _ENGINE = None


def _use_addon(folder: Path) -> None:
    roots = [folder / sub for sub in ("packages", "stdlib") if (folder / sub).is_dir()]
    for root in roots:
        if str(root) not in sys.path:
            sys.path.append(str(root))  # after the app's own entries: nothing bundled is replaced
    if roots and not any(isinstance(f, _AddonFallback) for f in sys.meta_path):
        sys.meta_path.append(_AddonFallback(roots))


class _AddonFallback:
    """Last resort for submodules of a package the frozen app bundles only in part.

    PyInstaller bundles the modules the app's own code imports: ``email`` or ``json`` may
    be there without the submodule the engine needs, and their ``__path__`` points into
    the bundle, so the add-on's copy is never searched. This finder, consulted after every
    other one, looks the missing submodule up in the add-on's folders."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        parts = name.split(".")
        if len(parts) < 2:
            return None  # top-level modules are found through sys.path already
        for root in self.roots:
            folder = root.joinpath(*parts[:-1])
            if folder.is_dir():
                spec = PathFinder.find_spec(name, [str(folder)])
                if spec is not None:
                    return spec
        return None

    def invalidate_caches(self) -> None:
        pass


# --------------------------------------------------------------------------------- engine


_PAGE_GATE: Any = None
_KEEP_LOADED = False


def serve_batch(gate: Any) -> None:
    """In each worker process of a folder audit. ``gate`` (a lock shared by the workers) lets
    one page at a time be recognised, with every core, while the other workers read, check
    and write: OpenVINO on two cores reads a folder of scans a third faster that way than two
    pages at once with a core each. And the engine stays loaded from one scan to the next:
    the process ends with the batch (docs/ocr.md, "Batch")."""
    global _PAGE_GATE, _KEEP_LOADED
    _PAGE_GATE, _KEEP_LOADED = gate, True


class _Engine:
    """RapidOCR with the models shipped inside its package, given by path (no download),
    run by OpenVINO: on the same ONNX models it recognises a page in half the time ONNX
    Runtime takes on these CPUs, with the same text (docs/ocr.md)."""

    def __init__(self) -> None:
        import openvino  # noqa: F401  RapidOCR loads its runtime at the first page: a missing one is told here
        import rapidocr
        from rapidocr import EngineType, RapidOCR

        models = Path(rapidocr.__file__).resolve().parent / "models"
        det = sorted(models.glob("*det*.onnx"))
        rec = sorted(models.glob("*rec*.onnx"))
        if not det or not rec:
            raise ImportError(f"{models} 中没有识别模型")
        self._ocr = RapidOCR(
            params={
                "Global.log_level": "error",
                "Global.use_cls": False,  # pages are upright: skip the per-box 180° classifier
                "Global.return_word_box": True,  # per-word boxes and scores: a number's own confidence
                "Global.text_score": 0.0,  # keep every box: a doubtful number must be shown, not dropped
                "Global.max_side_len": 4000,  # do not shrink the page before recognition
                "Det.engine_type": EngineType.OPENVINO,
                "Rec.engine_type": EngineType.OPENVINO,
                "Det.model_path": str(det[0]),
                "Rec.model_path": str(rec[0]),
                "Det.limit_type": "max",
                "Det.limit_side_len": 1600,  # detection needs less resolution than recognition
            }
        )
        self.lock = threading.Lock()
        try:
            from rapidocr._version import __version__ as version
        except ImportError:
            version = "?"
        self.version = version

    def recognise(self, image: Any) -> list[_Box]:
        """Boxes of one page image (grey or BGR ndarray), in pixels."""
        with _PAGE_GATE or nullcontext(), self.lock:
            try:
                out: Any = self._ocr(image)  # the engine's output classes differ by stage; only the full result reaches here
            except ImportError as err:  # the models load at the first page: a part of the add-on is missing
                raise _incomplete(err) from err
        if out is None or getattr(out, "boxes", None) is None or out.txts is None:
            return []
        words = getattr(out, "word_results", None) or [()] * len(out.txts)
        boxes = []
        for quad, text, score, word in zip(out.boxes, out.txts, out.scores, words):
            pieces = []
            for item in word or ():
                w_text, w_score, w_quad = item[0], item[1], item[2]
                pieces.append(_Piece(str(w_text), float(w_score), _quad(w_quad)))
            boxes.append(_Box(str(text), float(score), _quad(quad), tuple(pieces)))
        return boxes


def _quad(points: Any) -> tuple[tuple[float, float], ...]:
    return tuple((float(p[0]), float(p[1])) for p in points)


# --------------------------------------------------------------------------------- layout


@dataclass(frozen=True, slots=True)
class _Piece:
    """A word (a run of digits or Latin letters, or one CJK character) inside a box."""

    text: str
    score: float
    quad: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class _Box:
    """One recognised text box (a line or a cell) in image pixels."""

    text: str
    score: float
    quad: tuple[tuple[float, float], ...]
    pieces: tuple[_Piece, ...] = ()


@dataclass(slots=True)
class Token:
    """A number inside a cell's text, before it has a span in the document."""

    text: str
    confidence: float
    box: tuple[float, float, float, float]  # points, top-left origin
    page: int


# A number as the table reader sees one: digits, with separators only between digits.
NUMBER = re.compile(r"[0-9０-９](?:[0-9０-９,，.．]*[0-9０-９])?")


def _bounds(quad: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def skew_angle(boxes: Sequence[_Box]) -> float:
    """The page's tilt in radians (positive: lines run down to the right in the image), the
    median slope of the long boxes' top edges (the detector's boxes follow the text's slant);
    0 when no box is long enough to tell."""
    slopes = []
    for b in boxes:
        (x0, y0), (x1, y1) = b.quad[0], b.quad[1]
        (x3, y3) = b.quad[3]
        length, height = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if x1 > x0 and length > 6 * max(height, 1.0):
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


@dataclass(slots=True)
class _Placed:
    """A recognised text box with its deskewed extent on the page."""

    box: _Box
    x0: float  # deskewed, pixels
    x1: float
    top: float
    bottom: float


def _deskew(boxes: Sequence[_Box], angle: float) -> list[_Placed]:
    cos, sin = math.cos(-angle), math.sin(-angle)
    placed = []
    for b in boxes:
        pts = [(x * cos - y * sin, x * sin + y * cos) for x, y in b.quad]
        x0, top, x1, bottom = _bounds(pts)
        placed.append(_Placed(b, x0, x1, top, bottom))
    return placed


def group_lines(placed: list[_Placed]) -> list[list[_Placed]]:
    """Boxes that overlap vertically by at least half the smaller height form a line;
    lines top to bottom, boxes left to right."""
    lines: list[tuple[float, float, list[_Placed]]] = []  # (top, bottom, boxes)
    for p in sorted(placed, key=lambda q: (q.top + q.bottom) / 2):
        height = p.bottom - p.top
        best, best_overlap = None, 0.0
        for k in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
            top, bottom, _members = lines[k]
            overlap = min(bottom, p.bottom) - max(top, p.top)
            if overlap >= 0.5 * min(height, bottom - top) and overlap > best_overlap:
                best, best_overlap = k, overlap
        if best is None:
            lines.append((p.top, p.bottom, [p]))
        else:
            top, bottom, members = lines[best]
            members.append(p)
            # the band follows the line's median box, so a tall stray box does not swallow rows
            tops = sorted(m.top for m in members)
            bottoms = sorted(m.bottom for m in members)
            lines[best] = (tops[len(tops) // 2], bottoms[len(bottoms) // 2], members)
    lines.sort(key=lambda line: (line[0] + line[1]) / 2)
    return [sorted(members, key=lambda q: q.x0) for _t, _b, members in lines]


@dataclass(slots=True)
class _Atom:
    """The smallest piece of a line we place: a word of a box, or a whole box when the
    recogniser gave no usable words. ``x0``/``x1`` deskewed pixels; ``bounds`` as scanned."""

    text: str
    score: float
    x0: float
    x1: float
    bounds: tuple[float, float, float, float]


def _atoms(box: _Box, cos: float, sin: float) -> list[_Atom]:
    text = " ".join(box.text.split())
    pieces = [p for p in box.pieces if p.text.strip()]
    if pieces and "".join(p.text.strip() for p in pieces) == text.replace(" ", ""):
        chosen = [(p.text.strip(), p.score, p.quad) for p in pieces]
    else:
        chosen = [(text, box.score, box.quad)]
    atoms = []
    for t, score, quad in chosen:
        xs = [x * cos - y * sin for x, y in quad]
        atoms.append(_Atom(t, score, min(xs), max(xs), _bounds(quad)))
    return atoms


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def page_lines(boxes: Sequence[_Box], dpi: float, page_height_pt: float, page: int) -> tuple[list[Any], list[Token]]:
    """pdf_reader ``_Line``s of one recognised page, and its numbers in reading order.

    Within a line, a gap of ``TAB_GAP_EM`` font sizes or more between two words starts a
    new cell (a table column, as for a text-layer PDF); a smaller gap next to a Latin word
    or a digit is a space (the recogniser leaves most spaces out); CJK characters join."""
    scale = 72.0 / dpi
    boxes = [b for b in boxes if b.text.strip()]
    angle = skew_angle(boxes)
    cos, sin = math.cos(-angle), math.sin(-angle)
    lines: list[Any] = []
    tokens: list[Token] = []
    for members in group_lines(_deskew(boxes, angle)):
        atoms = [atom for m in members for atom in _atoms(m.box, cos, sin)]
        heights = sorted(a.bounds[3] - a.bounds[1] for m in members for a in _atoms(m.box, cos, sin) if len(a.text) <= 3)
        if heights:
            em = heights[len(heights) // 2] * scale  # a word box is about one font size tall
        else:
            em = sorted(m.bottom - m.top for m in members)[len(members) // 2] * scale / 1.5
        em = max(em, 1.0)
        cells: list[tuple[str, float, float, list[tuple[int, _Atom]]]] = []
        placed: list[tuple[int, _Atom]] = []  # the cell being built
        text, x0, x1 = "", 0.0, 0.0
        for atom in atoms:
            if placed:
                gap = (atom.x0 - x1) * (scale)
                if gap >= TAB_GAP_EM * em:
                    cells.append((text, x0, x1, placed))
                    text, placed = "", []
                elif gap >= 0.25 * em and (_latin(text[-1]) or _latin(atom.text[0])):
                    text += " "
            if not placed:
                x0 = atom.x0
            placed.append((len(text), atom))
            text += atom.text
            x1 = max(x1, atom.x1) if len(placed) > 1 else atom.x1
        cells.append((text, x0, x1, placed))
        for text, _x0, _x1, placed in cells:
            tokens.extend(_numbers(text, placed, scale, page))
        bottom = sorted(m.bottom for m in members)[len(members) // 2]
        first = atoms[0]
        first_word = (first.x1 - first.x0) * scale if len(first.text) <= 12 else em
        line_cells = [Cell(t, a * scale, b * scale) for t, a, b, _p in cells]
        lines.append(Line(line_cells, em, page_height_pt - bottom * scale, first_word=first_word))
    return lines, tokens


def _numbers(text: str, placed: list[tuple[int, _Atom]], scale: float, page: int) -> list[Token]:
    """The numbers of a cell, each with the lowest score of the words it is made of (a
    number split over words is as doubtful as its worst part) and their box in points."""
    found = []
    for m in NUMBER.finditer(text):
        s, e = m.start(), m.end()
        boxes = []
        scores = []
        for at, atom in placed:
            end = at + len(atom.text)
            if at < e and end > s:
                scores.append(atom.score)
                bx0, by0, bx1, by1 = atom.bounds
                if len(atom.text) > (e - s):  # a whole box: its share of the width
                    per = (bx1 - bx0) / len(atom.text)
                    bx0, bx1 = bx0 + per * max(s - at, 0), bx0 + per * (min(e, end) - at)
                boxes.append((bx0, by0, bx1, by1))
        if not scores:
            continue
        box = (
            round(min(b[0] for b in boxes) * scale, 2),
            round(min(b[1] for b in boxes) * scale, 2),
            round(max(b[2] for b in boxes) * scale, 2),
            round(max(b[3] for b in boxes) * scale, 2),
        )
        found.append(Token(m.group(), min(scores), box, page))
    return found


def assign_spans(page_text: str, offset: int, tokens: Sequence[Token]) -> list[OcrWord]:
    """Find each number of the page in its rendered text, in order.

    The line renderer keeps cells in reading order (it only inserts empty cells, and puts a
    label wrapped around a centred value back together), so each number is the next match
    of its text; a short look-ahead covers the few that a re-joined label moves."""
    words: list[OcrWord] = []
    found = [(m.start(), m.end(), m.group()) for m in NUMBER.finditer(page_text)]
    used = [False] * len(tokens)
    next_token = 0
    for s, e, text in found:
        for k in range(next_token, min(len(tokens), next_token + 8)):
            if not used[k] and tokens[k].text == text:
                used[k] = True
                t = tokens[k]
                words.append(OcrWord(text, (offset + s, offset + e), t.page, t.box, round(t.confidence, 4), t.confidence < DOUBT_BELOW))
                while next_token < len(tokens) and used[next_token]:
                    next_token += 1
                break
    return words


# ---------------------------------------------------------------------------------- pages


def check_page_count(count: int) -> None:
    if count > MAX_OCR_PAGES:
        raise DocumentTooLargeError(f"扫描件页数过多（{count} 页需要文字识别，上限 {MAX_OCR_PAGES} 页），不像是一份年度报告")


def recognise_pages(
    pdf: Any,
    indices: Sequence[int],
    lock: threading.Lock,
    progress: Progress | None = None,
) -> dict[int, tuple[list[Any], list[Token]]]:
    """Render and recognise ``indices`` of an open pypdfium2 document.

    PDFium calls (rendering) hold ``lock``; recognition runs without it, so another thread
    may read a text PDF meanwhile. ``progress(done, total)`` is called before the first page
    and after each; returning False stops with ``OcrCancelledError``.
    """
    total = len(indices)
    out: dict[int, tuple[list[Any], list[Token]]] = {}
    with _engine_for_one_document() as ocr:
        _report(progress, 0, total)
        for done, index in enumerate(indices, 1):
            with lock:
                try:
                    page = pdf[index]
                    try:
                        height_pt = page.get_height()
                        bitmap = page.render(scale=DPI / 72.0, grayscale=True)
                        image = bitmap.to_numpy().copy()
                        bitmap.close()
                    finally:
                        page.close()
                except Exception as err:  # PDFium calls only: a page too damaged to draw
                    raise CorruptDocumentError(f"PDF 文件已损坏，第 {index + 1} 页无法显示，请重新获取原文件") from err
            boxes = ocr.recognise(image)
            out[index] = page_lines(boxes, DPI, height_pt, index)
            _report(progress, done, total)
        return out


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise OcrCancelledError(CANCELLED_MESSAGE)
