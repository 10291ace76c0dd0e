"""年报审核台 entry point.

``python main.py audit ...`` runs the headless audit (never imports Qt); anything else
opens the review window.
"""

from __future__ import annotations

import sys


def _utf8_streams() -> None:
    # Windows consoles default to a legacy code page; the audit prints Chinese.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str]) -> int:
    if argv and argv[0] == "audit":
        _utf8_streams()
        from core.cli import main as audit_main

        return audit_main(argv[1:])
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
