"""Entry script of ``nianbao``, the windowed executable (``python main.py`` when frozen).

Frozen-only duties live here so main.py stays the plain source entry point. First of
all: a batch-audit worker (core/batch.py spawns them by re-running this executable)
must become that worker, not open another window. ``divert_if_child`` does what
PyInstaller's multiprocessing run-time hook would, without importing multiprocessing
on a normal start (build.spec leaves the hook out of this executable).
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from multiprocessing_child import divert_if_child

    divert_if_child()

    from gui.startup_trace import mark

    mark("python running")

    from main import main

    sys.exit(main(sys.argv[1:]))
