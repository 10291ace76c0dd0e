"""Big inputs are refused from what they declare, before the expensive step.

A 35 MB DOCX inside every zip limit used to be parsed whole (a minute, 2.5 GB) before its
text was found too long; a 10 MB text file of 4 million characters was audited and shown.
Time and memory are measured in a child process (its own peak), as the
auditor's machine would see them; bench/bench_robustness.py prints the same figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from big_files import PEAK, big_docx, big_text, long_report

from core.document import read_document
from core.document.limits import MAX_TEXT_CHARS, MAX_TEXT_FILE_BYTES
from core.errors import DocumentTooLargeError

ROOT = Path(__file__).parents[2]
MB = 2**20

_MEASURE = PEAK + """
import json, sys, time
from core.document import read_document
from core.errors import ReportError
start = time.perf_counter()
try:
    doc = read_document(sys.argv[1])
    outcome = {"chars": len(doc.text)}
except ReportError as err:
    outcome = {"error": str(err), "kind": type(err).__name__}
outcome["seconds"] = time.perf_counter() - start
outcome["peak_mb"] = peak_mb()
print(json.dumps(outcome, ensure_ascii=False))
"""


def measure_reading(path: Path, timeout: float = 60) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is read with resource (POSIX)")
def test_a_35_mb_docx_with_too_much_text_is_refused_in_2_s_and_300_mb(tmp_path: Path) -> None:
    path = big_docx(tmp_path / "很长的报告.docx", 35)
    assert path.stat().st_size > 34 * MB
    outcome = measure_reading(path)
    assert float(outcome["seconds"]) < 2.0, outcome  # type: ignore[arg-type]
    assert float(outcome["peak_mb"]) < 300, outcome  # type: ignore[arg-type]
    assert outcome.get("kind") == "DocumentTooLargeError", outcome
    assert "过大" in str(outcome["error"]) and "DOCX" in str(outcome["error"])


def test_a_10_mb_text_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = big_text(tmp_path / "很长的报告.txt", 10)
    with pytest.raises(DocumentTooLargeError) as caught:
        read_document(path)
    assert "过大" in str(caught.value) and "10.0 MB" in str(caught.value)


def test_a_text_within_the_byte_limit_but_too_long_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "全是字母.txt"
    path.write_text("abcdefghij\n" * ((MAX_TEXT_FILE_BYTES - 100) // 11), encoding="ascii")  # 1 byte a character
    assert path.stat().st_size <= MAX_TEXT_FILE_BYTES
    with pytest.raises(DocumentTooLargeError) as caught:
        read_document(path)
    assert "文字内容过多" in str(caught.value)


def test_the_longest_report_the_limit_allows_is_read(tmp_path: Path) -> None:
    """25 times the longest real report still reads (the limit is not a guess at its edge)."""
    path = long_report(tmp_path / "长报告.txt", MAX_TEXT_CHARS)
    assert len(read_document(path).text) == MAX_TEXT_CHARS
