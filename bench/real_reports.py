"""Print, per real report and in total: cells exact, defects found, findings an auditor would dismiss.

    python bench/real_reports.py [-v]

Reads tests/fixtures/real/ (real published reports with hand-made gold). Reports whose gold
names another year's report (``pair_with``) are audited together, as an auditor opening both
would, so carry-over checks count.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.audit import audit_file, link_years  # noqa: E402
from tests.real_gold import REAL, gold_files, load, score  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    golds = {p: load(p) for p in gold_files()}
    start = time.perf_counter()
    results = {g["file"]: audit_file(REAL / g["file"]) for g in golds.values()}
    link_years(list(results.values()))
    elapsed = time.perf_counter() - start
    totals = [0] * 7
    print(f"{'report':28} {'cells exact':>12} {'defects found':>14} {'dismiss err':>12} {'dismiss warn':>13} {'repeated':>9}")
    for gold in golds.values():
        s = score(gold, results[gold["file"]])
        row = (s.exact, s.cells, s.found, s.defects, len(s.dismiss_errors), len(s.dismiss_warnings), len(s.repeated))
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{s.file:28} {s.exact:>5}/{s.cells:<6} {s.found:>6}/{s.defects:<7} {row[4]:>12} {row[5]:>13} {row[6]:>9}")
        if verbose:
            for label, items in (("wrong cell", s.wrong), ("missed", s.missed), ("dismiss (error)", s.dismiss_errors),
                                 ("dismiss (warning)", s.dismiss_warnings), ("repeated", s.repeated)):
                for item in items:
                    print(f"    {label}: {item}")
    exact, cells, found, defects, d_err, d_warn, rep = totals
    print(f"{'TOTAL':28} {exact:>5}/{cells:<6} {found:>6}/{defects:<7} {d_err:>12} {d_warn:>13} {rep:>9}")
    print(f"audited {len(results)} reports in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
