"""Where the frozen start-up goes, by cause: a sampling profile of the app and the floor.

    pip install py-spy
    python bench/profile_start.py [--app DIST_DIR] [--floor FLOOR_DIR] [--runs 12] [--rate 1000]

bench/bench_frozen.py says how long the start takes against the floor; this says what the
time is spent on, in the frozen build as users run it (a source run imports, compiles and
loads differently). Each executable is started ``--runs`` times under py-spy, the sampling
profiler, with ``--screenshot`` as the bench does; every sample is put under

- a phase, by where the app's threads stood: building the review window, the audit (its
  thread), other threads, showing the report in the panels, the first full paint,
  writing the PNG and closing (after the bench's clock), and the rest: Python and Qt starting,
  the frame's first paint, the process's exit;
- a cause: PySide6 making Python enums for the Qt classes used (``enum``), value classes made by
  ``dataclasses``, regular expressions compiled, modules unpacked and imported, or the rest:
  our code and the Qt calls it makes, named by its innermost frame of ours.

Figures are milliseconds per run (samples x interval / runs); the sampler adds a little to
each. The floor is reported by cause only: it has no phases but its paint. Compare its row
with the app's "rest" row and the "after the first paint" sum.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

# A sample's phase is the first of these whose frame is on its stack (function names of
# gui/app.py, gui/workers.py, gui/session_controller.py and gui/screenshot.py).
PHASES = (
    ("PNG written, window closed (after the clock)", ("write_png (", "closeEvent (")),
    ("the audit (its thread)", ("_AuditJob.run (",)),
    ("other threads (crash leftovers swept)", ("Thread._bootstrap (",)),
    ("building the review window", ("make_window (", "_fill (")),
    ("showing the report in the panels", ("load_result (", "_loaded (")),
    ("the first full paint", ("when_settled", "shoot_when_drawn", "shoot (")),
)
BEFORE = "start, first paint, exit: the rest"
CAUSES = ("Qt enums", "dataclasses", "regex compile", "imports", "code, Qt calls")
_FILE = re.compile(r"\(([^():]+):\d+\)$")


def our_files() -> set[str]:
    """The project's modules as a frame may name them: frozen code names its file by the path
    its build recorded, from the project root or the base name alone."""
    paths = [p.relative_to(ROOT).as_posix() for folder in ("core", "gui") for p in (ROOT / folder).rglob("*.py")]
    return {*paths, *(path.rsplit("/", 1)[-1] for path in paths if not path.endswith("__init__.py"))}


def phase_of(stack: str) -> str:
    return next((name for name, marks in PHASES if any(mark in stack for mark in marks)), BEFORE)


def cause_of(frames: list[str]) -> str:
    leaf = _FILE.search(frames[-1])
    leaf_file = leaf.group(1) if leaf else ""
    if leaf_file == "enum.py":
        return CAUSES[0]
    if any("(dataclasses.py:" in frame for frame in frames):
        return CAUSES[1]
    if any("(_parser.py:" in frame or "(_compiler.py:" in frame for frame in frames):
        return CAUSES[2]
    if leaf_file.startswith("<frozen importlib") or leaf_file.startswith("pyimod0"):
        return CAUSES[3]
    return CAUSES[4]


def innermost_own(frames: list[str], ours: set[str]) -> str:
    for frame in reversed(frames):
        found = _FILE.search(frame)
        if found and found.group(1) in ours:
            return frame
    return "(Python and Qt start-up)"


def sample(exe: Path, runs: int, rate: int, spy: str) -> list[tuple[list[str], int]]:
    """(stack frames, sample count) of every run, all runs together."""
    stacks: list[tuple[list[str], int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
               "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config")}
        for run in range(runs + 1):  # the first run warms the page cache and is dropped
            raw, shot = Path(tmp) / f"run{run}.txt", Path(tmp) / f"shot{run}.png"
            subprocess.run([spy, "record", "--rate", str(rate), "--format", "raw", "--nonblocking",
                            "--output", str(raw), "--", str(exe), "--screenshot", str(shot)],
                           env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if run == 0:
                continue
            for line in raw.read_text(encoding="utf-8").splitlines():
                stack, _, count = line.rpartition(" ")
                if stack:
                    stacks.append((stack.split(";"), int(count)))
    return stacks


def report_app(stacks: list[tuple[list[str], int]], per_run: float) -> None:
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    own: collections.Counter[str] = collections.Counter()
    ours = our_files()
    for frames, count in stacks:
        phase, cause = phase_of(";".join(frames)), cause_of(frames)
        table[phase][cause] += count
        if phase not in (BEFORE, PHASES[0][0]) and cause == CAUSES[4]:
            own[innermost_own(frames, ours)] += count
    print(f"{'app, ms per run':48s}" + "".join(f"{c:>15s}" for c in CAUSES) + f"{'all':>9s}")
    for phase in [BEFORE, *(name for name, _ in PHASES[1:]), PHASES[0][0]]:
        row = table.get(phase, collections.Counter())
        print(f"  {phase:46s}" + "".join(f"{row[c] * per_run:15.1f}" for c in CAUSES) + f"{sum(row.values()) * per_run:9.1f}")
    after = [row for phase, row in table.items() if phase not in (BEFORE, PHASES[0][0])]
    print(f"  {'after the first paint, up to the clock':46s}"
          + "".join(f"{sum(r[c] for r in after) * per_run:15.1f}" for c in CAUSES)
          + f"{sum(sum(r.values()) for r in after) * per_run:9.1f}")
    print("our code and its Qt calls after the first paint, by innermost frame of ours (ms per run):")
    for frame, count in own.most_common(15):
        print(f"  {count * per_run:5.1f}  {frame}")


def report_floor(stacks: list[tuple[list[str], int]], per_run: float) -> None:
    """The floor, all but saving its picture (bench/floor/floor_app.py does that in ``_save``),
    so like the app's rows it holds Python and Qt starting, the first paint and the exit."""
    causes: collections.Counter[str] = collections.Counter()
    for frames, count in stacks:
        if not any("_save (" in frame for frame in frames):
            causes[cause_of(frames)] += count
    print(f"{'floor, all but saving its picture':48s}" + "".join(f"{causes[c] * per_run:15.1f}" for c in CAUSES)
          + f"{sum(causes.values()) * per_run:9.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "nianbao", help="built app folder")
    parser.add_argument("--floor", type=Path, default=ROOT / "build" / "bench-floor" / "dist" / "floor",
                        help="built floor folder (bench/bench_frozen.py builds it)")
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--rate", type=int, default=1000, help="samples per second")
    args = parser.parse_args()
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("py-spy not found: pip install py-spy")
    per_run = 1000 / args.rate / args.runs
    app = args.app / f"nianbao{EXE_SUFFIX}"
    if not app.exists():
        raise SystemExit(f"{app} not found: run scripts/build_release.sh")
    report_app(sample(app, args.runs, args.rate, spy), per_run)
    floor = args.floor / f"floor{EXE_SUFFIX}"
    if floor.exists():
        report_floor(sample(floor, args.runs, args.rate, spy), per_run)
    else:
        print(f"{floor} not found: run bench/bench_frozen.py once to build the floor")
    print(f"{args.runs} runs each at {args.rate} samples/s, offscreen, {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
