"""Where the frozen app lives, when it runs frozen (core and gui both ask)."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_dir() -> Path | None:
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if getattr(sys, "frozen", False) and folder else None


# The console executable beside the windowed one (build.spec names both).
CLI_NAME = "nianbao-cli"


def worker_executable() -> Path | None:
    """The executable a folder audit's worker processes should run, when frozen.

    Workers re-run an executable with multiprocessing's own arguments. The console one
    turns such a start into a worker (PyInstaller's multiprocessing run-time hook); the
    windowed one is only ever a window, so a folder audit started from the window runs its
    workers through the console executable beside it.
    """
    if bundle_dir() is None:
        return None
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = Path(sys.executable).with_name(CLI_NAME + suffix)
    return cli if cli.is_file() else None
