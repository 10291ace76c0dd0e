"""Print the review window's two speed figures (targets from issue 3).

1. start -> audited sample fully shown: wall time from launching a fresh Python process
   to the moment the window, with the sample's audit in it, has been painted (<= 1.0 s).
2. value edit -> updated highlights: one correction pushed through the undo stack, the
   rules re-run, the review autosaved (fsync), models, marks and status refreshed and the
   window repainted (<= 50 ms).

Run: ``python bench/bench_gui.py`` (uses the offscreen platform unless one is set).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TARGET, EDIT_TARGET = 1.0, 0.050


def _child_start() -> None:
    """Runs in a fresh process: open the sample, wait until shown, print the wall clock."""
    sys.path.insert(0, str(ROOT))
    from gui.app import make_app, make_window
    from gui.session_controller import LOADING

    app = make_app()
    window = make_window([])
    window.resize(1366, 768)
    window.show()
    while any(c.state == LOADING for c in window.controllers):
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    window.repaint()
    assert window.controllers[0].state == "ready"
    print(f"{time.time():.6f}", flush=True)
    window.close()


_FLOOR = (
    "import time\nfrom PySide6.QtWidgets import QApplication, QMainWindow\napp = QApplication([])\n"
    "w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents(); w.repaint()\nprint(f'{time.time():.6f}')"
)


def bench_floor(runs: int = 5) -> list[float]:
    """A bare QMainWindow's first paint on this machine now: the floor to compare against."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    times = []
    for _ in range(runs):
        began = time.time()
        out = subprocess.run([sys.executable, "-c", _FLOOR], env=env, capture_output=True, text=True, check=True).stdout
        times.append(float(out.strip()) - began)
    return times


def bench_start(runs: int = 5) -> tuple[float, list[float]]:
    """(first run, later runs). Later runs have bytecode cached, as an installed or frozen
    app always has; the first compiles every module (this checkout sets
    PYTHONDONTWRITEBYTECODE, so caching goes to a private prefix, not the source tree)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bench_gui_")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="bench_gui_pyc_")
    times = []
    for _ in range(runs + 1):
        began = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child-start"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout
        times.append(float(out.strip().splitlines()[-1]) - began)
    return times[0], times[1:]


def bench_edit(edits: int = 40) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bench_gui_")
    sys.path.insert(0, str(ROOT))
    import shutil

    from gui.app import make_app, make_window
    from gui.session_controller import LOADING

    app = make_app()
    report = Path(tempfile.mkdtemp(prefix="bench_gui_report_")) / "sample.txt"
    shutil.copy(ROOT / "resources" / "sample_report.txt", report)
    window = make_window([str(report)])
    window.resize(1366, 768)
    window.show()
    while any(c.state == LOADING for c in window.controllers):
        app.processEvents()
        time.sleep(0.002)
    settle = time.perf_counter() + 0.3  # the first paint is start-up, not the first edit
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.005)
    ctl = window.controllers[0]
    session = ctl.session
    ids = [i for i, v in session.table.published.items() if v.value is not None and i in session.table.template]
    times = []
    for n in range(edits):
        ident = ids[n % len(ids)]
        new = session.value(ident) + 1
        began = time.perf_counter()
        ctl.edit_value(ident, new, "基准测试")
        app.processEvents()  # deliver the update requests: paints the changed marks, cells, status
        times.append(time.perf_counter() - began)
    window.close()
    return times


def main() -> int:
    if "--child-start" in sys.argv:
        _child_start()
        return 0
    floor = bench_floor()
    first, start = bench_start()
    edit = bench_edit()
    start_median, edit_median = statistics.median(start), statistics.median(edit)
    print(f"start -> audited sample shown: median {start_median:.3f} s, min {min(start):.3f} s, max {max(start):.3f} s "
          f"({len(start)} runs, bytecode cached; target <= {START_TARGET:.1f} s) "
          f"{'OK' if start_median <= START_TARGET else 'SLOW'}; first run compiling bytecode {first:.3f} s")
    print(f"  floor (bare QMainWindow first paint, same machine, same moment): median {statistics.median(floor):.3f} s; "
          f"our overhead over the floor: {start_median - statistics.median(floor):.3f} s")
    print(f"value edit -> updated highlights: median {edit_median * 1000:.1f} ms, max {max(edit) * 1000:.1f} ms "
          f"({len(edit)} edits; target <= {EDIT_TARGET * 1000:.0f} ms) {'OK' if edit_median <= EDIT_TARGET else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
