"""Instructions a start from source executes, up to and including its ``--screenshot``: a
repeatable figure for comparing two versions of the start-up path.

    python bench/bench_start_instructions.py [FILE...]     (needs valgrind)

Wall time on a shared 2-core machine moves by ±10% between runs, more than most single
start-up changes save; callgrind's instruction count of the same start is repeatable to
~0.1% (hash seeds vary). Only if the order of events is fixed, though: under valgrind the
audit takes seconds, past the window's wait for it (``gui.app.FIRST_PAINT_WAIT_MS``), and
the window would show first and paint twice. So the child run here waits for the audit as long as it
takes - the order a normal start has. It counts user-space instructions of all threads:
not system calls, page faults or time spent waiting on other threads (bench_frozen.py and
bench_gui.py measure those, as time).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _child(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    import gui.app

    gui.app.FIRST_PAINT_WAIT_MS = 10 * 60 * 1000
    return gui.app.run(argv)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return _child(argv[1:])
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_DATA_HOME": str(Path(tmp) / "share"), "XDG_CONFIG_HOME": str(Path(tmp) / "config")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # count a start with its bytecode cached, as usual
        command = [sys.executable, __file__, "--child", "--screenshot", str(Path(tmp) / "shot.png"), *argv]
        subprocess.run(command, env=env, check=True, capture_output=True)  # writes the bytecode caches
        out = Path(tmp) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
                       env=env, check=True, capture_output=True)
        summary = next(line for line in out.read_text(errors="replace").splitlines()
                       if line.startswith(("summary:", "totals:")))
    total = int(re.sub(r"\D", "", summary.split(":", 1)[1]))
    print(f"start from source to the saved screenshot: {total / 1e6:,.1f} M instructions "
          f"(callgrind, all threads, user space)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
