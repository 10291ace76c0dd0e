"""bench/profile_start.py puts each sample under a phase by the functions on its stack: those
functions must still exist, or a renamed one silently moves its time to another phase."""

from __future__ import annotations

import ast
import importlib.util
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _profile_start():
    spec = importlib.util.spec_from_file_location("profile_start", ROOT / "bench" / "profile_start.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gui_functions() -> set[str]:
    """Every function and method defined under gui/, by name and as Class.name."""
    names: set[str] = set()
    for path in (ROOT / "gui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names.update(f"{node.name}.{item.name}" for item in node.body
                             if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
    return names


def test_every_phase_marker_names_a_function_that_exists() -> None:
    defined = _gui_functions()
    markers = [mark for _, marks in _profile_start().PHASES for mark in marks]
    assert markers
    for mark in markers:
        name = mark.removesuffix(" (").strip()
        if name == "Thread._bootstrap":  # the standard library's, for threads started from Python
            assert hasattr(threading.Thread, "_bootstrap")
            continue
        assert name in defined, f"bench/profile_start.py looks for {name!r}, which gui/ no longer defines"
