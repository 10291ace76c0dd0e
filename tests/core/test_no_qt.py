"""core/ is the library under the GUI and the CLI: it must never pull in Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"


def test_no_module_in_core_imports_qt() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} for n in names):
                offenders.append(str(path.relative_to(CORE.parent)))
    assert offenders == []


def test_auditing_a_seed_loads_no_qt_module() -> None:
    seed = sorted((Path(__file__).parents[1] / "fixtures").glob("0*.txt"))[0]
    code = (
        "import sys, core.audit as a; r = a.audit_file(sys.argv[1]); "
        "assert r.table is not None; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(seed)], cwd=CORE.parent, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
