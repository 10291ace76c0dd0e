"""What of PySide6 a widgets-only app ships: the TOC filter shared by build.spec and the bench floor.

PyInstaller's Qt hooks collect every plugin type QtGui/QtWidgets *might* load, every
translation, and the Qt libraries those plugins drag in (Wayland, EGLFS, virtual keyboard
-> Qml/Quick ...). The review window needs a platform plugin, a style, input methods (users
type Chinese), png/ico/svg images and Qt's own zh_CN strings; everything else is dead weight
(engineering notes: 231 MB -> 208 MB on the floor; opengl32sw.dll alone is 19.7 MB).

The rules are data (names below) so the bench floor is filtered exactly like the app. This
file is loaded by path from the spec files (``load_bundle_filter``) rather than imported as
``packaging.*``: that name belongs to the PyPI ``packaging`` library PyInstaller itself uses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

# Plugin folder -> plugin stems kept (None: keep the whole folder). A folder not listed is dropped.
KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    # offscreen: headless runs and the smoke test; minimal: a last-resort fallback.
    "platforms": frozenset({"qwindows", "qxcb", "qoffscreen", "qminimal", "qcocoa"}),
    # PNG is built into QtGui; .ico is the app icon; svg for icons drawn as SVG.
    "imageformats": frozenset({"qico", "qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),
    # Windows 10/11 look (qmodernwindowsstyle) lives here since Qt 6.7.
    "styles": None,
    # Native file dialogs on Kylin/UOS desktops (GTK, xdg portal).
    "platformthemes": None,
    # 文件 → 打印: the system's printers (CUPS on Linux).
    "printsupport": None,
    # ibus/fcitx/compose: typing Chinese into a cell. Virtual keyboard is dropped below.
    "platforminputcontexts": None,
    # The xcb platform plugin probes these; tiny, and missing ones print warnings.
    "xcbglintegrations": None,
}

# Plugin stems dropped even inside a kept folder.
DROP_PLUGIN_STEMS: frozenset[str] = frozenset({"qtvirtualkeyboardplugin"})

# Translations: Qt's zh_CN strings only. qt_zh_CN.qm is not a catalogue but a list of two
# (qtbase and Qt Multimedia, which PySide6 does not translate), so it can never load.
KEEP_TRANSLATIONS: frozenset[str] = frozenset({"qtbase_zh_CN.qm"})

# Qt libraries only reachable through dropped plugins or unused modules. Matched against the
# file name without "lib" prefix, e.g. Qt6Quick.dll, libQt6Quick.so.6.
_DROP_QT_LIB = re.compile(
    r"^Qt6(Network|Qml\w*|Quick\w*|Pdf\w*|VirtualKeyboard\w*|Wayland\w*|WlShell\w*|EglFs\w*"
    r"|EglFSDeviceIntegration|Designer\w*|Labs\w*|Lottie\w*|Sql|Test|Help|Multimedia\w*"
    r"|WebEngine\w*|WebChannel|UiTools|OpenGLWidgets|Charts|DataVisualization"
    r"|3D\w*|Graphs\w*|StateMachine|Positioning\w*)(\.|d\.)",
    re.IGNORECASE,
)

# Other files a widgets-only app does not need. opengl32sw.dll: Mesa software OpenGL (19.7 MB).
_DROP_FILE_NAMES: frozenset[str] = frozenset({"opengl32sw.dll"})

# Whole top-level trees under the PySide6 package that are never needed at run time.
_DROP_PYSIDE_DIRS: frozenset[str] = frozenset({"qml", "metatypes", "include", "typesystems", "glue", "doc"})


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def _plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def drop_reason(dest: str) -> str | None:
    """Why a bundle entry (its destination path) is left out, or None to keep it."""
    parts = _parts(dest)
    name = parts[-1]
    if name.lower() in _DROP_FILE_NAMES:
        return "software OpenGL"
    if not parts or parts[0] != "PySide6":
        # Qt libraries can also land at the top level (dependency analysis); judge by name.
        return "unused Qt library" if _DROP_QT_LIB.match(name.removeprefix("lib")) else None
    inner = parts[1:]
    # Linux/macOS wheels nest Qt under PySide6/Qt/, Windows wheels put it in PySide6/.
    if inner and inner[0] == "Qt":
        inner = inner[1:]
    if inner and inner[0] in _DROP_PYSIDE_DIRS:
        return f"unused {inner[0]}"
    if len(inner) >= 3 and inner[0] == "plugins":
        folder, stem = inner[1], _plugin_stem(name)
        if folder not in KEEP_PLUGINS:
            return f"unused plugin type {folder}"
        keep = KEEP_PLUGINS[folder]
        if stem in DROP_PLUGIN_STEMS or (keep is not None and stem not in keep):
            return f"unused {folder} plugin"
        return None
    if len(inner) >= 2 and inner[0] == "translations":
        return None if name in KEEP_TRANSLATIONS else "other translation"
    if _DROP_QT_LIB.match(name.removeprefix("lib")):
        return "unused Qt library"
    return None


def filter_toc(toc: Iterable[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """Split a PyInstaller TOC into (kept entries, dropped entries with their reason)."""
    kept: list[tuple[str, str, str]] = []
    dropped: list[tuple[str, str, str, str]] = []
    for entry in toc:
        reason = drop_reason(entry[0])
        if reason is None:
            kept.append(entry)
        else:
            dropped.append((*entry, reason))
    return kept, dropped


def write_drop_report(path: str, dropped: Iterable[tuple[str, str, str, str]]) -> float:
    """List what was left out (and its size) next to the build; returns the MB saved."""
    total = 0
    lines = []
    for dest, src, _kind, reason in sorted(dropped):
        size = os.path.getsize(src) if src and os.path.isfile(src) else 0
        total += size
        lines.append(f"{size / 1e6:8.2f} MB  {reason:28s} {dest}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"# dropped {len(lines)} entries, {total / 1e6:.1f} MB\n")
        fh.write("\n".join(lines) + "\n")
    return total / 1e6


# Python packages a frozen build must never carry: dev/test tools, other GUI stacks, and
# PDF table extraction (the readers use pypdfium2 only). Qt modules the app never imports
# are excluded too, so their extension modules and Qt libraries are not even analysed.
EXCLUDES: list[str] = [
    "tkinter", "_tkinter", "matplotlib", "IPython", "jedi", "pytest", "_pytest", "pytestqt",
    "hypothesis", "reportlab", "pdfplumber", "pdfminer", "PIL", "bs4", "setuptools", "pkg_resources",
    "pip", "wheel", "PyInstaller", "lib2to3", "pydoc_data", "test",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuickTest", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtDBus", "PySide6.QtLabsStyleKit", "PySide6.QtQmlFeatures", "PySide6.QtPdf",
    "PySide6.QtPdfWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia", "PySide6.Qt3DCore", "PySide6.QtCharts",
]


def project_imports(root: str, folders: Iterable[str] = ("core", "gui"), scripts: Iterable[str] = ("main.py",)) -> set[str]:
    """Top-level names of every module the project's own sources import (lazy imports included)."""
    import ast
    from pathlib import Path

    base = Path(root)
    files = [base / s for s in scripts]
    for folder in folders:
        files.extend((base / folder).rglob("*.py"))
    names: set[str] = set()
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names
