"""Folder review at scale: 1,000 reports audited and summarised (with the analysis sheets).

Run: ``python bench/bench_batch.py [N] [--workers W] [--writers-only]``. The folder holds
copies of the five seeds and of the 2019/2021-form fixture reports. Prints wall time,
reports/s and peak memory summed over this process and its worker processes (psutil
when installed, else /proc), for the whole run: audit + summary workbook with 机关对比,
偏离明细, 问题统计 (and 逐年变化/汇总核对 when the folder has them). Targets (issue 16):
<= 30 s on 2 cores, peak <= 400 MB.

Then the two writers the summary could use, each in a fresh process on the same rows
writing the same 汇总/指标/问题 sheets: XlsxWriter in constant-memory mode (what
core/export/summary.py uses) and openpyxl's write-only mode. Each prints its wall time and
the peak memory it added to its process.
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


def _write_openpyxl(rows, path: str) -> None:  # type: ignore[no-untyped-def]
    """The candidate that lost: the same three data sheets through openpyxl's write-only mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    from core.export.layout import number
    from core.export.sanitize import clean_text, needs_text_guard
    from core.export.summary import (
        DISPOSITION_LABELS,
        FINDING_HEADERS,
        INDICATOR_HEADERS,
        KIND_LABELS,
        SEVERITY_LABELS,
        SUMMARY_HEADERS,
        report_names,
    )

    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    names = report_names(rows)

    def sheet(title, headers):  # type: ignore[no-untyped-def]
        ws = wb.create_sheet(title)
        ws.freeze_panes = "B2"
        cells = []
        for h in headers:
            c = WriteOnlyCell(ws, value=h)
            c.font, c.fill = bold, fill
            cells.append(c)
        ws.append(cells)
        return ws

    def text(ws, value):  # type: ignore[no-untyped-def]
        if not isinstance(value, str):
            return value
        cleaned = clean_text(value)
        if needs_text_guard(cleaned):
            c = WriteOnlyCell(ws, value=cleaned)
            c.data_type, c.quotePrefix = "s", True
            return c
        return cleaned

    ws = sheet("汇总", SUMMARY_HEADERS)
    for r in rows:
        ws.append([text(ws, v) for v in (names[r.path], r.agency, r.year, r.template, r.errors, r.warnings, r.infos,
                                          r.confirmed, r.corrections, r.review, r.error, r.sha256 or None)])
    ws = sheet("指标", INDICATOR_HEADERS)
    for r in rows:
        for i in r.indicators:
            if i.unit is not None:
                ws.append([text(ws, v) for v in (names[r.path], r.agency, r.year, i.id, i.label, i.unit, number(i.value),
                                                  number(i.published), i.status)])
    ws = sheet("问题", FINDING_HEADERS)
    for r in rows:
        for f in r.findings:
            ws.append([text(ws, v) for v in (names[r.path], r.agency, r.year, SEVERITY_LABELS.get(f.severity),
                                              KIND_LABELS.get(f.kind), f.rule, ", ".join(f.ids), f.message,
                                              f.suggestion or None, DISPOSITION_LABELS.get(f.disposition))])
    wb.save(path)


def _write_xlsxwriter(rows, path: str) -> None:  # type: ignore[no-untyped-def]
    from core.export.summary import build_summary

    build_summary(rows, path, analysis=False)


WRITERS = {"XlsxWriter (constant_memory)": _write_xlsxwriter, "openpyxl (write-only)": _write_openpyxl}


def _writer_child(name: str, rows_file: str, out: str, result) -> None:  # type: ignore[no-untyped-def]
    """In a fresh process: load the rows, then time one writer and the memory it adds."""
    import pickle
    import resource

    sys.path.insert(0, str(ROOT))
    with open(rows_file, "rb") as fh:
        rows = pickle.load(fh)
    import openpyxl  # noqa: F401  (both libraries loaded before the baseline: only the writing is measured)
    import xlsxwriter  # noqa: F401

    import core.export.summary  # noqa: F401

    def rss_mb() -> float:
        try:
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except OSError:  # no /proc: the peak so far, which may hide the writer's own
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    base, peak, stop = rss_mb(), [0.0], threading.Event()
    sampler = threading.Thread(target=_rss_sampler, args=(stop, peak, rss_mb), daemon=True)
    sampler.start()
    started = time.perf_counter()
    WRITERS[name](rows, out)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    result.put((seconds, max(peak[0], rss_mb()) - base, os.path.getsize(out)))


def compare_writers(rows, folder: Path) -> None:  # type: ignore[no-untyped-def]
    import multiprocessing
    import pickle

    rows_file = folder / "rows.pickle"
    with open(rows_file, "wb") as fh:
        pickle.dump(rows, fh)
    cells = sum(1 for r in rows for i in r.indicators if i.unit is not None) * 9
    print(f"summary writers, same {len(rows)} reports (~{cells:,} cells in 指标), each in a fresh process:")
    ctx = multiprocessing.get_context("spawn")
    for name in WRITERS:
        result = ctx.Queue()
        child = ctx.Process(target=_writer_child, args=(name, str(rows_file), str(folder / "w.xlsx"), result))
        child.start()
        seconds, added_mb, size = result.get()
        child.join()
        print(f"  {name:30s} {seconds:6.2f} s   +{added_mb:5.0f} MB peak   {size / 2**20:5.1f} MB file")


def _make_folder(folder: Path, n: int) -> None:
    """n reports: the seeds (2008 form) and the 2019/2021-form fixtures, copied in turn."""
    sources = sorted((ROOT / "tests" / "fixtures").glob("0*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "new_template").glob("*.txt")
    )
    for i in range(n):
        source = sources[i % len(sources)]
        shutil.copyfile(source, folder / f"{i:04d}_{source.name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--writers-only", action="store_true", help="only compare the two summary writers")
    args = parser.parse_args()

    from core.batch import audit_folder, default_workers
    from core.export.summary import export_summary

    workers = args.workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        _make_folder(folder, args.n)
        out = Path(tmp) / "汇总.xlsx"
        if args.writers_only:
            compare_writers(list(audit_folder([folder], workers=workers)), Path(tmp))
            return 0

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
        import openpyxl

        sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
        print(f"summary export: {wall - audited:.2f} s ({out.stat().st_size / 2**20:.1f} MB; sheets: {'、'.join(sheets)})")
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
        print()
        compare_writers(rows, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
