"""Entry script of ``nianbao``, the windowed executable (``python main.py`` when frozen).

The windowed executable is only ever a window: a folder audit started from it runs its
worker processes through ``nianbao-cli`` (``core.frozen.worker_executable``), so this
script needs no ``multiprocessing.freeze_support()`` and build.spec leaves PyInstaller's
multiprocessing run-time hook out of this executable.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from gui.startup_trace import mark

    mark("python running")

    from main import main

    sys.exit(main(sys.argv[1:]))
