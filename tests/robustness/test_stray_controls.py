"""A UTF-8 report with a few stray control characters (NULs pasted from a PDF) is read,
with them dropped and a warning the auditor sees among the findings, instead of being
refused as "无法识别该文件的文字编码"."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.audit import audit_file
from core.rules.finding import Kind, Severity

SEED = sorted((Path(__file__).parents[1] / "fixtures").glob("0*.txt"))[0]


def _with_controls(text: str, controls: str, every: int) -> str:
    out, k = [], 0
    for i, ch in enumerate(text):
        out.append(ch)
        if i % every == every - 1 and ch not in "\n":
            out.append(controls[k % len(controls)])
            k += 1
    return "".join(out)


@pytest.mark.parametrize("controls, every", [("\x00", 500), ("\x00\x01\x02\x1b\x7f", 300), ("\x00", 60)])
def test_stray_controls_are_dropped_with_a_warning(tmp_path: Path, controls: str, every: int) -> None:
    clean = audit_file(SEED)
    text = SEED.read_text(encoding="utf-8")
    dirty = tmp_path / "从PDF复制的报告.txt"
    dirty.write_text(_with_controls(text, controls, every), encoding="utf-8")
    result = audit_file(dirty)
    assert result.error is None, result.error
    assert result.document is not None and result.document.text == clean.document.text  # type: ignore[union-attr]
    notes = [f for f in result.findings if f.rule == "document.reader_note"]
    assert len(notes) == 1 and notes[0].severity is Severity.WARNING and notes[0].kind is Kind.DOCUMENT
    assert "控制字符" in notes[0].message
    others = [(f.rule, f.ids) for f in result.findings if f.rule != "document.reader_note"]
    assert others == [(f.rule, f.ids) for f in clean.findings]


def test_the_warning_survives_a_correction(tmp_path: Path) -> None:
    from core.session import AuditSession

    dirty = tmp_path / "报告.txt"
    dirty.write_text(_with_controls(SEED.read_text(encoding="utf-8"), "\x00", 400), encoding="utf-8")
    session = AuditSession(audit_file(dirty))
    ident = next(i for i, v in session.table.published.items() if v.value is not None)  # type: ignore[union-attr]
    session.set_value(ident, session.value(ident) + 1)  # type: ignore[operator]
    assert any(f.rule == "document.reader_note" for f in session.findings)


def test_binary_data_is_still_refused(tmp_path: Path) -> None:
    import os

    junk = tmp_path / "乱码.txt"
    junk.write_bytes(bytes(range(32)) * 300 + os.urandom(2000))
    result = audit_file(junk)
    assert result.error is not None and "编码" in result.error
