"""The OCR add-on with the frozen app: a scanned PDF read by ``nianbao-cli`` as from source.

Runs when an add-on is present, skips otherwise:
- ``ocr-addon/`` unpacked beside the executables (what users do: the default search), or
- ``NIANBAO_OCR_ADDON`` set for the test run (e.g. ``build/ocr-addon`` staged by
  ``scripts/build_ocr_addon.sh --no-zip``), passed on to the frozen and source runs.

    scripts/build_ocr_addon.sh && unzip -q dist/nianbao-ocr-*.zip -d dist/nianbao
    NIANBAO_FROZEN_DIST=dist/nianbao python -m pytest -q -m frozen tests/frozen

Without any add-on the frozen app must still say how to get it (always runs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
TIMEOUT = 600  # OCR of two pages takes seconds; a hang still fails


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    (home / "run").mkdir(mode=0o700)
    return home


def _run(cmd: list[str], home: Path, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """As the smoke test runs the executables: a fresh per-user folder, no PYTHON*/QT_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_", "NIANBAO_OCR"))}
    env.update(HOME=str(home), USERPROFILE=str(home), LOCALAPPDATA=str(home / "AppData" / "Local"),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_RUNTIME_DIR=str(home / "run"), **extra)
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=TIMEOUT)


@pytest.fixture(scope="module")
def addon_env(dist: Path) -> dict[str, str]:
    if (dist / "ocr-addon" / "nianbao-ocr.json").is_file():
        return {}  # found beside the executables, as on a user's PC
    configured = os.environ.get("NIANBAO_OCR_ADDON")
    if configured and (Path(configured) / "nianbao-ocr.json").is_file():
        return {"NIANBAO_OCR_ADDON": str(Path(configured).resolve())}
    pytest.skip("no OCR add-on: unpack nianbao-ocr-*.zip into the dist folder or set NIANBAO_OCR_ADDON")


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The table pages of a seed as an image-only PDF (200 dpi)."""
    sys.path.insert(0, str(FIXTURES))
    import make_formats

    folder = tmp_path_factory.mktemp("scan")
    text_pdf = make_formats.make_pdf(SEEDS[1], folder / "seed.pdf")
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(text_pdf))
    target = pdfium.PdfDocument.new()
    target.import_pages(source, [len(source) - 2, len(source) - 1])  # the table closes the report
    target.save(str(folder / "table.pdf"))
    target.close()
    source.close()
    return make_formats.make_image_pdf(folder / "table.pdf", folder / "scan.pdf", 200)


def test_frozen_cli_reads_a_scan_with_the_addon_like_the_source(cli_exe: Path, scan: Path, addon_env: dict,
                                                                 home: Path, tmp_path: Path, dist: Path) -> None:
    frozen = _run([str(cli_exe), "--json", str(scan)], home, tmp_path, **addon_env)
    assert frozen.returncode == 0, frozen.stderr
    (result,) = json.loads(frozen.stdout)
    assert result["error"] is None and result["template"] == "2008"
    assert sum(1 for i in result["indicators"] if i["value"] is not None) >= 20
    # the same command from source, with the same add-on (never the dev environment's own engine)
    source_env = addon_env or {"NIANBAO_OCR_ADDON": str(dist / "ocr-addon")}
    source = _run([sys.executable, str(ROOT / "main.py"), "audit", "--json", str(scan)], home, tmp_path, **source_env)
    assert source.returncode == 0, source.stderr
    assert json.loads(source.stdout) == [result]


def test_frozen_cli_without_the_addon_says_how_to_add_it(cli_exe: Path, scan: Path, home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-addon"
    empty.mkdir()
    frozen = _run([str(cli_exe), "--json", str(scan)], home, tmp_path, NIANBAO_OCR_ADDON=str(empty))
    assert frozen.returncode == 2
    (result,) = json.loads(frozen.stdout)
    assert result["error"].startswith("该 PDF 为扫描件，需要安装“文字识别组件”：把 nianbao-ocr-")
    assert result["error"].endswith(".zip 解压到程序所在文件夹，重新打开本报告")
    assert "Traceback" not in frozen.stderr
