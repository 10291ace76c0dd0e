"""Entry script of ``nianbao-cli``, the console executable beside the windowed one.

It only audits: ``nianbao-cli REPORT... [--json] [--export OUT.xlsx]`` and, for parity
with ``python main.py``, ``nianbao-cli audit REPORT...``. It never imports Qt, and the
spec leaves PyInstaller's PySide6 run-time hook out of this executable, so a batch audit
does not pay for loading Qt. ``freeze_support()`` first: batch workers re-run this exe.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from main import main

    args = sys.argv[1:]
    sys.exit(main(args if args[:1] == ["audit"] else ["audit", *args]))
