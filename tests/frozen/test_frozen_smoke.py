"""Smoke test of the built folder: the executables an office PC double-clicks, not the sources.

Run by scripts/build_release.sh after PyInstaller (or by hand):
    NIANBAO_FROZEN_DIST=dist/nianbao python -m pytest -q -m frozen tests/frozen

Each frozen run is compared with the same command run from source, so a module, data file,
Qt plugin or shared library the bundle lost shows up as a difference or a crash. The
console exe covers every reader (txt, DOCX, Word 97 .doc, PDF, HTML: python-docx/lxml,
olefile, pypdfium2's PDFium), both Excel exports (openpyxl; the folder export also runs the
multiprocessing pool inside the frozen exe, XlsxWriter, and the pandas analysis sheets) and
the memo (python-docx). The windowed exe opens the sample offscreen and saves a
screenshot via ``--screenshot``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
TIMEOUT = 120  # seconds per frozen run; a hang fails instead of blocking CI


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh per-user folder: logs/settings must land here, never beside the executables."""
    return tmp_path_factory.mktemp("home")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
               LOCALAPPDATA=str(home / "AppData" / "Local"), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_RUNTIME_DIR=str(home / "run"))
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    env.update(extra)
    return env


def _run(cmd: list[str], home: Path, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=_env(home, **extra), capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=TIMEOUT)


def _source(args: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, str(ROOT / "main.py"), "audit", *args], home, cwd)


@pytest.fixture(scope="module", autouse=True)
def tree_before(dist: Path) -> dict[str, tuple[int, int]]:
    return _snapshot(dist)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, bundled: Path) -> list[Path]:
    """The bundled sample plus DOCX, .doc, PDF and HTML versions of a seed, outside the bundle
    (the .doc is the committed LibreOffice file of tests/fixtures/doc: no LibreOffice here)."""
    sys.path.insert(0, str(FIXTURES))
    import make_formats

    folder = tmp_path_factory.mktemp("formats")
    seed = SEEDS[1]
    return [
        bundled / "resources" / "sample_report.txt",
        make_formats.make_docx(seed, folder / "seed.docx"),
        Path(shutil.copyfile(FIXTURES / "doc" / f"{seed.stem}.doc", folder / "seed.doc")),
        make_formats.make_pdf(seed, folder / "seed.pdf"),
        make_formats.make_html(seed, folder / "seed.html", encoding="gbk"),
    ]


def test_bundle_is_trimmed_and_complete(dist: Path, bundled: Path, tree_before: dict) -> None:
    names = set(tree_before)
    qm = sorted(Path(n).name for n in names if n.endswith(".qm"))
    assert qm == ["qtbase_zh_CN.qm"]
    assert not [n for n in names if "Qt6Quick" in n or "Qt6Qml" in n or "Qt6Network" in n
                or "opengl32sw" in n or "/wayland" in n.replace("\\", "/")]
    for needed in ("resources/sample_report.txt", "resources/app.png", "resources/licenses/LGPL-3.0.txt",
                   "resources/licenses/Qt-PySide6.txt"):
        assert (bundled / needed).is_file(), needed
    platform_plugin = "qwindows" if sys.platform == "win32" else "qxcb"
    assert [n for n in names if platform_plugin in n and "platforms" in n]
    assert [n for n in names if "qoffscreen" in n]


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="ldd: Linux only")
def test_no_shared_library_left_unresolved(bundled: Path) -> None:
    """Dropping a Qt library that a kept plugin needs would only show on the user's PC.

    A library nobody resolves is either one the bundle should carry (the PySide6 wheel has
    it: the filter dropped it, a failure) or one the system provides that this build
    machine lacks (an xcb library, say: the target's desktop has it; listed, not a failure)."""
    import PySide6

    wheel_libs = {p.name for p in (Path(PySide6.__file__).parent / "Qt" / "lib").glob("*.so*")}
    lib_path = os.pathsep.join([str(bundled), str(bundled / "PySide6" / "Qt" / "lib")])
    bundle_lacks, machine_lacks = [], set()
    for lib in bundled.rglob("*.so*"):
        if not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True,
                             env={**os.environ, "LD_LIBRARY_PATH": lib_path}).stdout
        for line in out.splitlines():
            if "not found" not in line:
                continue
            name = line.split("=>")[0].strip()
            if name in wheel_libs:
                bundle_lacks.append(f"{lib.name}: {name}")
            else:
                machine_lacks.add(name)
    if machine_lacks:
        print(f"system libraries the build machine lacks (the target provides them): {sorted(machine_lacks)}")
    assert bundle_lacks == []


def test_console_exe_audits_every_format_like_the_source(cli_exe: Path, reports: list[Path], home: Path,
                                                         tmp_path: Path) -> None:
    args = ["--json", *map(str, reports)]
    frozen = _run([str(cli_exe), *args], home, tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    results = json.loads(frozen.stdout)
    assert [r["file"] for r in results] == [str(p) for p in reports]
    for result in results:
        assert result["error"] is None, result
        assert result["template"] is not None, result["file"]
        assert sum(1 for i in result["indicators"] if i["value"] is not None) >= 20, result["file"]
    source = _source(args, home, tmp_path)
    assert source.returncode == 0, source.stderr
    assert results == json.loads(source.stdout)


def test_console_exe_accepts_the_audit_subcommand(cli_exe: Path, reports: list[Path], home: Path,
                                                  tmp_path: Path) -> None:
    plain = _run([str(cli_exe), str(reports[0])], home, tmp_path)
    with_audit = _run([str(cli_exe), "audit", str(reports[0])], home, tmp_path)
    assert plain.returncode == with_audit.returncode == 0, plain.stderr + with_audit.stderr
    assert plain.stdout == with_audit.stdout
    assert "模板" in plain.stdout


def test_console_exe_reports_unreadable_file_with_status_2(cli_exe: Path, home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    frozen = _run([str(cli_exe), "--json", str(broken)], home, tmp_path)
    assert frozen.returncode == 2
    assert json.loads(frozen.stdout)[0]["error"]
    assert "Traceback" not in frozen.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_DEBUG: glibc only")
def test_console_exe_never_loads_qt(cli_exe: Path, reports: list[Path], home: Path, tmp_path: Path) -> None:
    run = _run([str(cli_exe), str(reports[0])], home, tmp_path, LD_DEBUG="files")
    assert run.returncode == 0
    assert "libpython" in run.stderr  # LD_DEBUG really traced the loads
    assert "Qt6Core" not in run.stderr and "QtCore" not in run.stderr


def _workbook_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


def _export_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Cell values, with the moment of the run (导出时间 ...) blanked: it differs between two runs."""
    import datetime as dt

    def stable(value: object) -> object:
        if isinstance(value, dt.datetime) or (isinstance(value, str) and _TIMESTAMP.match(value)):
            return None
        return value

    return {sheet: [tuple(stable(v) for v in row) for row in rows]
            for sheet, rows in _workbook_values(path).items()}


def test_console_exe_exports_one_report_like_the_source(cli_exe: Path, reports: list[Path], home: Path,
                                                        tmp_path: Path) -> None:
    frozen_out, source_out = tmp_path / "frozen.xlsx", tmp_path / "source.xlsx"
    frozen = _run([str(cli_exe), str(reports[1]), "--export", str(frozen_out)], home, tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    source = _source([str(reports[1]), "--export", str(source_out)], home, tmp_path)
    assert source.returncode == 0, source.stderr
    values = _export_values(frozen_out)
    assert len(values) >= 2 and sum(len(rows) for rows in values.values()) > 30
    assert values == _export_values(source_out)


def test_console_exe_writes_a_memo_like_the_source(cli_exe: Path, reports: list[Path], home: Path,
                                                   tmp_path: Path) -> None:
    """python-docx in the bundle: the 审核意见 of a report, paragraph for paragraph as from source."""
    import docx

    frozen_out, source_out = tmp_path / "frozen.docx", tmp_path / "source.docx"
    frozen = _run([str(cli_exe), str(reports[1]), "--memo", str(frozen_out), "--reviewer", "审核人"], home, tmp_path)
    source = _source([str(reports[1]), "--memo", str(source_out), "--reviewer", "审核人"], home, tmp_path)
    assert frozen.returncode == source.returncode == 0, frozen.stderr
    paragraphs = [p.text for p in docx.Document(str(frozen_out)).paragraphs]
    assert paragraphs == [p.text for p in docx.Document(str(source_out)).paragraphs]
    assert paragraphs[0].startswith("关于《") and "审核人：审核人" in paragraphs


@pytest.mark.parametrize("exe_name", ["nianbao-cli", "nianbao"])
def test_both_exes_export_a_folder_with_worker_processes(exe_name: str, dist: Path, home: Path,
                                                         tmp_path: Path) -> None:
    """A folder export audits on a process pool whose workers (and, on Linux, the resource tracker)
    re-run the frozen exe: each entry script must turn such a start into that helper, the windowed
    one without PyInstaller's multiprocessing hook (packaging/multiprocessing_child.py)."""
    exe = dist / (exe_name + (".exe" if sys.platform == "win32" else ""))
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    frozen_out, source_out = tmp_path / "frozen-summary.xlsx", tmp_path / "source-summary.xlsx"
    frozen = _run([str(exe), "audit", str(folder), "--export", str(frozen_out)], home, tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    assert "Traceback" not in frozen.stderr
    source = _source([str(folder), "--export", str(source_out)], home, tmp_path)
    assert source.returncode == 0, source.stderr
    values = _export_values(frozen_out)
    first_sheet = next(iter(values.values()))
    assert len(first_sheet) == 1 + len(SEEDS)  # header + one row per report, none lost to a dead worker
    assert values == _export_values(source_out)


def _strace_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True).returncode == 0


def test_windowed_exe_shows_the_audited_sample_offscreen(gui_exe: Path, dist: Path, home: Path,
                                                         tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    cmd = [str(gui_exe), "--screenshot", str(shot)]
    trace = tmp_path / "openat.txt"
    traced = _strace_works()
    if traced:  # also see which files the window opens, and how
        cmd = ["strace", "-f", "-e", "trace=openat", "-o", str(trace), *cmd]
    run = _run(cmd, home, tmp_path, QT_QPA_PLATFORM="offscreen")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert shot.is_file() and shot.stat().st_size > 20_000

    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50  # text, marks and tables, not a blank or single-colour window
    # The window logged in the per-user folder it was given.
    written = [p.name for p in home.rglob("*") if p.is_file()]
    assert "nianbao.log" in written
    if traced:
        opened = [line for line in trace.read_text(encoding="utf-8", errors="replace").splitlines()
                  if "ENOENT" not in line]
        # Qt's own strings in Chinese: the bundled catalogue is found and read.
        assert any("qtbase_zh_CN.qm" in line for line in opened)
        beside = [line for line in opened if str(dist) in line and ("O_WRONLY" in line or "O_RDWR" in line)]
        assert beside == []


def test_nothing_was_written_beside_the_executables(dist: Path, tree_before: dict) -> None:
    assert _snapshot(dist) == tree_before
