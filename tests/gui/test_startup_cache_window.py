"""The release's start-up cache (core/startup_cache.py, as build.spec writes it) covers the window's modules too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_window_modules_compile_nothing_the_release_cache_holds(tmp_path: Path) -> None:
    cache = tmp_path / "startup_cache.marshal"
    wrote = subprocess.run([sys.executable, "-m", "core.startup_cache", str(cache), "core", "gui"], cwd=ROOT,
                           capture_output=True, text=True, timeout=180)
    assert wrote.returncode == 0, wrote.stderr
    # A fresh start that imports every window module: no generated method and no pattern of
    # ours may be compiled instead of read from the cache.
    probe = (
        "import builtins, importlib, pkgutil, re, traceback\n"
        "from core import startup_cache\n"
        f"startup_cache.use(__import__('pathlib').Path({str(cache)!r}))\n"
        "real_compile, real_re, ours = builtins.compile, re.compile, []\n"
        "def ours_only(real):\n"
        "    def counting(*a, **k):\n"
        "        caller = traceback.extract_stack(limit=3)[0].filename.replace('\\\\', '/')\n"
        "        if '/core/' in caller or '/gui/' in caller: ours.append(str(a[0])[:60])\n"
        "        return real(*a, **k)\n"
        "    return counting\n"
        "builtins.compile, re.compile = ours_only(real_compile), ours_only(real_re)\n"
        "import gui\n"
        "for m in pkgutil.walk_packages(gui.__path__, 'gui.'): importlib.import_module(m.name)\n"
        "print(len(ours), ours[:3])\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=180,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("0 "), run.stdout
