"""``python main.py audit REPORT... [--json] [--export OUT.xlsx]`` (spec: cli.md).

Never imports Qt. Exit status 0 when every report was audited, 2 when any could not be
read or holds no statistical table (the others are still audited and printed; the reason
goes to stderr), 1 when the --export file could not be written.
``--export`` writes one report's corrected workbook, or for a folder / several reports
the summary workbook (audited on every core when --json is not also asked for).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from core.audit import AuditResult, audit_file, link_years
from core.batch import audit_folder, reviewed_session, row_from_result
from core.export.json_report import report_json
from core.folders import iter_reports
from core.rules import no_table_finding
from core.rules.base import fmt
from core.rules.finding import Severity
from core.schema.labels import short_label


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

            assert result.table is not None
            label = short_label(result.table.label(f.suggestion.id))
            lines.append(f"      建议：{label}可能应为{fmt(f.suggestion.value)}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py audit",
        description="核对政府信息公开工作年度报告",
        epilog="退出码：0 全部报告均已核对；2 有报告无法读取（其余照常核对）；1 导出文件无法写入。",
    )
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="报告文件或文件夹")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（见 cli.md）")
    parser.add_argument(
        "--export",
        metavar="OUT.xlsx",
        help="导出 Excel：单个报告导出更正表（指标、问题、修改记录、说明）；"
        "文件夹或多个报告导出汇总表（汇总、指标长表、问题）。已有同名文件将被覆盖",
    )
    return parser


def _summary_mode(args: argparse.Namespace) -> bool:
    """--export writes the folder summary for a folder or several reports, else one report's workbook."""
    return len(args.reports) > 1 or any(Path(a).is_dir() for a in args.reports)


def row_text(row) -> str:  # type: ignore[no-untyped-def]
    """The readable summary of a folder-run row (same layout as ``summary_text``)."""
    if row.error:
        return f"{row.path}\n  无法读取：{row.error}"
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    lines = [
        f"{row.path}\n  {row.agency or '（单位未识别）'} · {row.year or '年份未识别'} · "
        f"模板 {row.template or '未识别'} · 错误 {row.errors} · 警告 {row.warnings} · 提示 {row.infos}"
        + (f" · {row.review}" if row.review != "未审核" else "")
    ]
    for f in row.findings:
        if f.disposition == "false_alarm":
            continue
        lines.append(f"  [{labels.get(f.severity, f.severity)}] {f.message}")
        if f.suggestion:
            lines.append(f"      建议：{f.suggestion}")
    return "\n".join(lines)


def _export_folder_parallel(args: argparse.Namespace) -> int:
    """Folder + --export without --json: audit on every core, print, write the summary."""

    rows = sorted(audit_folder(args.reports), key=lambda r: r.index)
    for row in rows:
        if row.error:
            _write(sys.stderr, f"{row.path}：{row.error}\n")
        _write(sys.stdout, row_text(row) + "\n\n")
    code = _write_summary(rows, args.export)
    return code or (2 if any(r.error for r in rows) else 0)


def _write_summary(rows, out: str) -> int:  # type: ignore[no-untyped-def]
    from core.export.summary import export_summary
    from core.export.target import ExportError

    try:
        path = export_summary(rows, out, overwrite=True)
    except ExportError as err:
        _write(sys.stderr, f"导出失败：{err}\n")
        return 1
    _write(sys.stderr, f"已导出汇总表：{path}\n")
    return 0


def _export(args: argparse.Namespace, results: list[AuditResult]) -> int:
    from core.export.excel import export_workbook
    from core.export.target import ExportError

    if _summary_mode(args):
        return _write_summary([row_from_result(r, i) for i, r in enumerate(results)], args.export)
    result = results[0]
    if result.error:
        _write(sys.stderr, f"导出失败：报告无法读取，未生成 {args.export}\n")
        return 2
    session, review = reviewed_session(result)
    try:
        path = export_workbook(session, args.export, overwrite=True)
    except ExportError as err:
        _write(sys.stderr, f"导出失败：{err}\n")
        return 1
    note = f"（已套用审核记录，{review}）" if session.history else ""
    _write(sys.stderr, f"已导出更正表{note}：{path}\n")
    return 0


def _write(stream, text: str) -> None:  # type: ignore[no-untyped-def]
    if stream is not None:  # a windowed exe has no stdout
        stream.write(text)


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if args.export and not args.export.lower().endswith(".xlsx"):
        _parser().error("--export 的文件名须以 .xlsx 结尾")
    if args.export and not args.json and _summary_mode(args):
        return _export_folder_parallel(args)
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
        elif result.table is None:
            missing = True  # read, but with no table of a known form there is nothing to check cell by cell
            reason = next((f.message for f in result.findings if f.rule == "document.unknown_form"), no_table_finding().message)
            _write(sys.stderr, f"{path}：{reason}\n")
    # A report whose previous year is among the arguments gets the cross-year checks.
    link_years(results)
    if not args.json:
        for result in results:
            _write(sys.stdout, summary_text(result) + "\n\n")
    if args.json:

        _write(sys.stdout, json.dumps([report_json(r) for r in results], ensure_ascii=False, indent=1) + "\n")
    if args.export:
        code = _export(args, results)
        if code == 1:
            return 1
    return 2 if missing else 0
