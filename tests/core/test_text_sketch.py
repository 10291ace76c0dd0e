"""The narrative sketch a folder run keeps per report estimates the copied-text share."""

from __future__ import annotations

import pickle
from pathlib import Path

from core.audit import audit_file
from core.cross_year import (
    SAME_TEXT_THRESHOLD,
    narrative_text,
    sketch_similarity,
    text_similarity,
    text_sketch,
)

REAL = sorted((Path(__file__).parents[1] / "fixtures" / "real").glob("pingtan_*.txt"))


def test_sketch_estimate_is_close_to_the_exact_share_on_real_consecutive_years() -> None:
    texts = [narrative_text(audit_file(p)) for p in REAL]
    assert all(len(t) > 2000 for t in texts)
    for earlier, later in zip(texts, texts[1:]):
        exact = text_similarity(earlier, later)
        estimate = sketch_similarity(text_sketch(earlier), text_sketch(later))
        assert abs(exact - estimate) < 0.08, (exact, estimate)
        assert estimate < SAME_TEXT_THRESHOLD  # these years were written anew


def test_a_copied_year_is_recognised_from_the_sketches() -> None:
    earlier = narrative_text(audit_file(REAL[0]))
    later = earlier[:2000] + "本年度新增一段说明文字，介绍信息公开平台建设情况。" + earlier[2000:]
    assert sketch_similarity(text_sketch(earlier), text_sketch(later)) > 0.95


def test_sketch_is_small_and_stable_across_processes() -> None:
    import os
    import subprocess
    import sys

    sketch = text_sketch(narrative_text(audit_file(REAL[0])))
    assert len(pickle.dumps(sketch)) < 4000
    code = (f"from core.audit import audit_file; from core.cross_year import narrative_text, text_sketch; "
            f"print(list(text_sketch(narrative_text(audit_file({str(REAL[0])!r}))).hashes[:8]))")
    root = Path(__file__).parents[2]
    other = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})  # str hashes differ there
    assert other.stdout.strip() == str(list(sketch.hashes[:8]))
    assert text_sketch("").size == 0 and sketch_similarity(text_sketch(""), sketch) == 0.0
