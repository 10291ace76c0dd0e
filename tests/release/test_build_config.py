"""Packaging rules checked without building: what the Qt filter keeps, the version resource."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(relpath: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / relpath)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle_filter() -> ModuleType:
    return _load("packaging/bundle_filter.py", "nianbao_bundle_filter")


@pytest.fixture(scope="module")
def version_info() -> ModuleType:
    return _load("packaging/version_info.py", "nianbao_version_info")


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    "PySide6/Qt/plugins/imageformats/libqico.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6\\Qt6Gui.dll",
    "PySide6\\Qt6Svg.dll",
    "numpy.libs/libscipy_openblas64_-abc.so",
])
def test_kept(bundle_filter: ModuleType, dest: str) -> None:
    assert bundle_filter.drop_reason(dest) is None


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_zh_TW.qm",
    "PySide6\\translations\\qt_zh_CN.qm",  # a list of catalogues, one of them never shipped
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6\\Qt6Network.dll",
    "PySide6\\opengl32sw.dll",
    "PySide6/Qt/qml/QtQuick/qmldir",
])
def test_dropped(bundle_filter: ModuleType, dest: str) -> None:
    assert bundle_filter.drop_reason(dest) is not None


def test_filter_toc_splits_and_explains(bundle_filter: ModuleType) -> None:
    toc = [("PySide6/Qt/lib/libQt6Core.so.6", "/x", "BINARY"), ("PySide6/Qt/lib/libQt6Qml.so.6", "/y", "BINARY")]
    kept, dropped = bundle_filter.filter_toc(toc)
    assert kept == toc[:1]
    assert [d[0] for d in dropped] == ["PySide6/Qt/lib/libQt6Qml.so.6"]


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)), ("1.2.3.4", (1, 2, 3, 4)),
])
def test_version_numbers(version_info: ModuleType, version: str, numbers: tuple[int, ...]) -> None:
    assert version_info.version_numbers(version) == numbers


def test_version_resource_is_chinese_and_follows_core_version(version_info: ModuleType, tmp_path: Path) -> None:
    from core import __version__

    files = version_info.write_version_files(ROOT, tmp_path)
    assert set(files) == {"nianbao", "nianbao-cli"}
    text = files["nianbao"].read_text(encoding="utf-8")
    # Evaluate it the way PyInstaller does (eval of constructor calls), with recording stand-ins.
    strings: dict[str, str] = {}
    names = {n: (lambda *a, **k: (a, k)) for n in
             ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "VarFileInfo", "VarStruct")}
    names["StringStruct"] = lambda key, value: strings.__setitem__(key, value)
    eval(compile(text, "version", "eval"), names)  # noqa: S307 (our own generated file)
    assert strings["ProductName"] == "年报审核台"
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "nianbao.exe"
    assert re.search(r"filevers=\(\d+, \d+, \d+, \d+\)", text)


def test_app_ico_holds_png_images_up_to_256px() -> None:
    import struct

    data = (ROOT / "resources" / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes


def test_nothing_the_app_runs_lists_modules_so_the_pkgutil_hook_can_go() -> None:
    """build.spec drops PyInstaller's pkgutil run-time hook: without it, pkgutil.iter_modules()
    cannot see the bundled modules, so nothing in the app may list modules."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '_unused_hooks = ("pyi_rth_pkgutil",)' in spec
    listing = re.compile(r"\b(iter_modules|walk_packages|iter_importer_modules)\b")
    users = sorted(
        str(path.relative_to(ROOT))
        for folder in ("core", "gui", "packaging")
        for path in (ROOT / folder).rglob("*.py")
        if listing.search(path.read_text(encoding="utf-8"))
    )
    assert users == []


# requirements.txt name -> the module our code imports
_IMPORT_NAMES = {
    "PySide6-Essentials": "PySide6", "python-docx": "docx", "charset-normalizer": "charset_normalizer", "XlsxWriter": "xlsxwriter",
}


def test_every_runtime_requirement_is_imported_where_pyinstaller_sees_it(bundle_filter: ModuleType) -> None:
    """PyInstaller bundles what the analysis finds in import statements (function-level
    ones included, e.g. olefile inside core/document/doc_reader.py), so every runtime
    requirement must be imported by name somewhere in core/gui, and none excluded."""
    wanted = set()
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name = re.split(r"[<>=!~\[ ;]", line.strip(), maxsplit=1)[0]
        if name and not name.startswith("#"):
            wanted.add(_IMPORT_NAMES.get(name, name))
    assert "olefile" in wanted
    assert wanted <= bundle_filter.project_imports(str(ROOT))
    assert not wanted & set(bundle_filter.EXCLUDES)
