"""Engine speed and memory: prints the figures the audit-engine issue sets targets for.

Targets (2 cores): <= 20 ms per text report (median, in-process), <= 50 ms per PDF page,
< 100 ms to read a Word 97 .doc, a folder of 1,000 reports (copies of the seeds) in <= 20 s,
peak memory <= 300 MB.

    python bench/bench_audit.py            # everything
    python bench/bench_audit.py --quick    # fewer repetitions, 200-report folder
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_text(repeat: int) -> None:
    from core.audit import audit_file

    audit_file(SEEDS[0])  # warm imports and regex caches: we measure steady state
    per = {s.name: _median_ms(lambda s=s: audit_file(s), repeat) for s in SEEDS}
    for name, ms in per.items():
        print(f"  {name}: {ms:6.2f} ms")
    print(f"text report, median over seeds: {statistics.median(per.values()):.2f} ms (target <= 20 ms)")


def bench_pdf(repeat: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    try:
        from make_formats import make_pdf  # type: ignore[import-not-found]
    except ImportError:
        print("pdf: tests/fixtures/make_formats.py not available, skipped")
        return
    from core.audit import audit_file
    from core.document import read_document

    with tempfile.TemporaryDirectory() as tmp:
        ratios = []
        for seed in SEEDS:
            pdf = Path(tmp) / (seed.stem + ".pdf")
            make_pdf(seed, pdf)
            pages = read_document(pdf).pages or 1
            ms = _median_ms(lambda pdf=pdf: audit_file(pdf), repeat)
            ratios.append(ms / pages)
            print(f"  {pdf.name}: {ms:7.2f} ms for {pages} pages = {ms / pages:5.2f} ms/page")
        print(f"pdf audit, median per page: {statistics.median(ratios):.2f} ms (target <= 50 ms)")


def bench_doc(repeat: int) -> None:
    """The committed LibreOffice .doc files of the seeds and the 2019/2021-form reports."""
    from core.audit import audit_file
    from core.document import read_document

    docs = sorted((ROOT / "tests" / "fixtures" / "doc").glob("*.doc"))
    docs = [d for d in docs if d.stem[:1].isdigit() or "_20" in d.stem]  # reports, not the bad files
    if not docs:
        print("doc: tests/fixtures/doc not available, skipped")
        return
    read_document(docs[0])  # warm: olefile import
    reads = []
    for doc in docs:
        read_ms = _median_ms(lambda doc=doc: read_document(doc), repeat)
        audit_ms = _median_ms(lambda doc=doc: audit_file(doc), repeat)
        reads.append(read_ms)
        print(f"  {doc.name}: read {read_ms:6.2f} ms, audit (read included) {audit_ms:6.2f} ms "
              f"({doc.stat().st_size // 1024} KB)")
    print(f"doc read, median: {statistics.median(reads):.2f} ms, slowest {max(reads):.2f} ms (target < 100 ms)")


def bench_folder(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(count):
            seed = SEEDS[i % len(SEEDS)]
            shutil.copy(seed, folder / f"{i:04d}_{seed.name}")
        code = (
            "import sys, time, resource, json\n"
            "from core.batch import audit_folder\n"
            "t0 = time.perf_counter(); n = 0\n"
            "for row in audit_folder([sys.argv[1]]): n += 1\n"
            "dt = time.perf_counter() - t0\n"
            "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(json.dumps({'n': n, 'seconds': dt, 'self_kb': own, 'children_kb': kids}))\n"
        )
        try:
            import core.batch  # noqa: F401
        except ImportError:
            code = code.replace("from core.batch import audit_folder", "from core.cli import iter_reports\n"
                                "from core.audit import audit_file\n"
                                "audit_folder = lambda p: map(audit_file, iter_reports(p))")
        out = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr)
            return
        import json

        data = json.loads(out.stdout.strip().splitlines()[-1])
        # ru_maxrss of the children is the largest single worker, so parent + one worker per
        # core is an upper bound on what was resident at once.
        workers = os.cpu_count() or 1
        peak = (data["self_kb"] + workers * data["children_kb"]) / 1024
        print(
            f"folder of {data['n']} reports: {data['seconds']:.2f} s "
            f"({data['n'] / data['seconds']:.0f} reports/s; target 1,000 in <= 20 s), "
            f"peak memory <= {data['self_kb'] / 1024:.0f} MB parent + {workers} x {data['children_kb'] / 1024:.0f} MB "
            f"workers = {peak:.0f} MB (target <= 300 MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    bench_text(5 if args.quick else 30)
    bench_pdf(2 if args.quick else 5)
    bench_doc(5 if args.quick else 30)
    bench_folder(200 if args.quick else 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
