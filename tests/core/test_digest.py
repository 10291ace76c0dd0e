"""core.digest gives hashlib's SHA-256, without hashlib."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from core.digest import sha256_hex

ROOT = Path(__file__).parents[2]


def test_same_digest_as_hashlib() -> None:
    for data in (b"", b"abc", "政府信息公开".encode("utf-8") * 1000, bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_reading_a_report_does_not_load_openssl(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("二〇一八年政府信息公开工作年度报告\n", encoding="utf-8")
    code = f"import sys; from core.document import read_document; read_document({str(report)!r}); print('hashlib' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
