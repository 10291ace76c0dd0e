"""``python main.py audit REPORT... [--json] [--export OUT.xlsx]`` (spec: cli.md).

Never imports Qt. Exit status 0 when every report was read, 2 when any could not be
(the others are still audited and printed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from core.audit import AuditResult, audit_file
from core.rules.finding import Severity


def iter_reports(paths: Sequence[str]) -> Iterator[str]:
    """Arguments in order; a folder stands for the reports under it, sorted by name."""
    from core.document import SUPPORTED_SUFFIXES

    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                 and not f.name.endswith(".review.json") and not f.name.startswith("~$")),
                key=lambda f: str(f.relative_to(p)),
            )
            for f in found:
                yield str(f)
        else:
            yield arg


def summary_text(result: AuditResult) -> str:
    if result.error:
        return f"{result.path}\n  无法读取：{result.error}"
    counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
    head = (
        f"{result.path}\n  {result.agency or '（单位未识别）'} · {result.year or '年份未识别'} · "
        f"模板 {result.template_id or '未识别'} · 错误 {counts[Severity.ERROR]} · "
        f"警告 {counts[Severity.WARNING]} · 提示 {counts[Severity.INFO]}"
    )
    lines = [head]
    for f in result.findings:
        lines.append(f"  [{f.severity.label}] {f.message}")
        if f.suggestion is not None:
            from core.rules.base import fmt
            from core.schema.labels import short_label

            assert result.table is not None
            label = short_label(result.table.label(f.suggestion.id))
            lines.append(f"      建议：{label}可能应为{fmt(f.suggestion.value)}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py audit", description="核对政府信息公开工作年度报告")
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="报告文件或文件夹")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（见 cli.md）")
    return parser


def _write(stream, text: str) -> None:  # type: ignore[no-untyped-def]
    if stream is not None:  # a windowed exe has no stdout
        stream.write(text)


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    results: list[AuditResult] = []
    missing = False
    for path in iter_reports(args.reports):
        if not os.path.exists(path):
            result = AuditResult(path=path, error="文件不存在")
        else:
            result = audit_file(path)
        results.append(result)
        if result.error:
            missing = True
            _write(sys.stderr, f"{path}：{result.error}\n")
        if not args.json:
            _write(sys.stdout, summary_text(result) + "\n\n")
    if args.json:
        from core.export.json_report import report_json

        _write(sys.stdout, json.dumps([report_json(r) for r in results], ensure_ascii=False, indent=1) + "\n")
    return 2 if missing else 0
