"""Folder review at scale: 1,000 reports (copies of the seeds) audited and summarised.

Run: ``python bench/bench_batch.py [N] [--workers W]``. Prints wall time, reports/s and
peak memory summed over this process and its worker processes (psutil when installed,
else ``resource`` max RSS of self + children). Targets (issue 4): <= 30 s on 2 cores,
peak <= 400 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _tree_rss_psutil() -> float:
    import psutil

    me = psutil.Process()
    total = 0
    for p in [me, *me.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def _tree_rss_proc() -> float:
    """Linux without psutil: walk /proc for this process and its descendants."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    total_kb = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def _rss_sampler(stop: threading.Event, peak: list[float], measure) -> None:  # type: ignore[no-untyped-def]
    """Sum of RSS over this process and its workers, sampled every 50 ms."""
    while not stop.is_set():
        peak[0] = max(peak[0], measure())
        stop.wait(0.05)


def _resource_peak_mb() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss is KiB on Linux; RUSAGE_CHILDREN is the largest single child, so count it
    # once per worker as an upper bound of their sum
    return own / 1024, children / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    from core.batch import audit_folder, default_workers
    from core.export.summary import export_summary

    seeds = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
    workers = args.workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(args.n):
            seed = seeds[i % len(seeds)]
            shutil.copyfile(seed, folder / f"{i:04d}_{seed.name}")
        out = Path(tmp) / "汇总.xlsx"

        stop, peak = threading.Event(), [0.0]
        measure = None
        try:
            import psutil  # noqa: F401  (optional: a dev tool, never a runtime dependency)

            measure = _tree_rss_psutil
        except ImportError:
            if os.path.isdir("/proc/self"):
                measure = _tree_rss_proc
        sampler = None
        if measure is not None:
            sampler = threading.Thread(target=_rss_sampler, args=(stop, peak, measure), daemon=True)
            sampler.start()

        import resource

        def cpu_seconds() -> float:
            own = resource.getrusage(resource.RUSAGE_SELF)
            kids = resource.getrusage(resource.RUSAGE_CHILDREN)
            return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

        cpu_before = cpu_seconds()
        started = time.perf_counter()
        rows = list(audit_folder([folder], workers=workers))
        audited = time.perf_counter() - started
        export_summary(rows, out)
        wall = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_before  # workers are joined by now, so RUSAGE_CHILDREN has them
        stop.set()
        if sampler is not None:
            sampler.join()

        errors = sum(1 for r in rows if r.error)
        print(f"reports:        {len(rows)} ({errors} unreadable), workers: {workers}, cores: {os.cpu_count()}")
        for message in sorted({r.error for r in rows if r.error})[:3]:
            print(f"  unreadable:   {message}")
        if hasattr(os, "getloadavg"):
            print(f"load average:   {os.getloadavg()[0]:.1f} (other work on the machine slows the figures)")
        print(f"audit:          {audited:.2f} s")
        print(f"summary export: {wall - audited:.2f} s ({out.stat().st_size / 2**20:.1f} MB)")
        print(f"wall time:      {wall:.2f} s  ({len(rows) / wall:.0f} reports/s)")
        print(f"CPU time:       {cpu:.1f} s over parent + workers"
              f" (on {workers} otherwise idle cores: about {cpu / workers:.1f} s of wall time)")
        own, child = _resource_peak_mb()
        if sampler is not None:
            print(f"peak memory:    {peak[0]:.0f} MB (sum of RSS over parent + workers, sampled)")
        print(f"max RSS:        parent {own:.0f} MB, largest worker {child:.0f} MB"
              f" (bound parent + {workers} x worker = {own + workers * child:.0f} MB)")
        ok = wall <= 30 and (peak[0] or own + workers * child) <= 400
        print("targets (<= 30 s, <= 400 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
