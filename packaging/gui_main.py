"""Entry script of ``nianbao``, the windowed executable (``python main.py`` when frozen).

Frozen-only duties live here so main.py stays the plain source entry point:
``multiprocessing.freeze_support()`` must run before anything else, or each batch-audit
worker (core/batch.py spawns them) would re-run this executable and open another window.
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
