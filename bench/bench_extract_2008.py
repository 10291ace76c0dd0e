"""Old-template table extraction speed, per seed and per format (budget: 5 ms a report).

    python bench/bench_extract_2008.py          # 100 runs each
    python bench/bench_extract_2008.py 20       # fewer

Prints, for each seed as TXT and as generated DOCX/HTML/PDF, the minimum and median wall
time of ``extract_2008`` with the label cache emptied before every run (what a report
never seen before costs). Reading the file is not included: that is the readers' bench.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))


def main(repeat: int) -> None:
    import make_formats

    from core.document import read_document
    from core.forms.national_2008.extract import extract_2008
    from core.table.labels import normalise

    seeds = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
    print(f"{'seed':28s} {'format':6s} {'min ms':>7s} {'median':>7s} {'rows':>5s}")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            paths = {
                "txt": seed,
                "docx": make_formats.make_docx(seed, Path(tmp) / f"{seed.stem}.docx"),
                "html": make_formats.make_html(seed, Path(tmp) / f"{seed.stem}.html"),
                "pdf": make_formats.make_pdf(seed, Path(tmp) / f"{seed.stem}.pdf"),
            }
            for fmt, path in paths.items():
                doc = read_document(path)
                times = []
                for _ in range(repeat):
                    normalise.cache_clear()
                    t0 = time.perf_counter()
                    found = extract_2008(doc)
                    times.append((time.perf_counter() - t0) * 1000)
                print(
                    f"{seed.stem:28s} {fmt:6s} {min(times):7.2f} {statistics.median(times):7.2f}"
                    f" {len(found.values):5d}"
                )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
