"""Entry script of ``nianbao``, the windowed executable (``python main.py`` when frozen).

A folder audit (core/batch.py) spawns its workers by re-running this executable;
``freeze_support()`` turns such a process into the worker instead of a second window.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from gui.startup_trace import mark

    mark("python running")

    from main import main

    sys.exit(main(sys.argv[1:]))
