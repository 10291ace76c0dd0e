"""``python main.py audit REPORT... [--json] [--export OUT.xlsx] [--memo OUT.docx | --memo-dir DIR]``.

Spec: cli.md. Never imports Qt. Exit status 0 when every report was audited, 2 when any
could not be read or holds no statistical table (the others are still audited and
printed; the reason goes to stderr), 1 when an --export or memo file could not be written.
``--export`` writes one report's corrected workbook, or for a folder / several reports
the summary workbook; ``--memo`` one report's 审核意见, ``--memo-dir`` one per report
(signed ``--reviewer``, default the login name, and ``--unit``). A folder is audited on
every core when --json is not also asked for. The readable output lists the reports worst
first, as the window does; the JSON keeps the argument order (cli.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from core.audit import AuditResult, audit_file, link_years
from core.batch import MemoRequest, audit_folder, reviewed_session, row_from_result
from core.export.json_report import report_json
from core.export.memo_text import memo_names
from core.export.target import ExportError
from core.folders import iter_reports
from core.rules import no_table_finding
from core.rules.base import fmt
from core.rules.finding import Severity
from core.schema.labels import short_label
from core.session import current_user


def worst_first_key(result: AuditResult) -> tuple[object, ...]:
    """The order the window lists a folder in: unreadable first, then most errors, warnings."""
    counts = [sum(1 for f in result.findings if f.severity is s) for s in Severity]
    return (result.error is None, *(-c for c in counts), result.path)


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
        "文件夹或多个报告导出汇总表（汇总、指标长表、问题及机关对比等分析表）。已有同名文件将被覆盖",
    )
    parser.add_argument("--memo", metavar="OUT.docx", help="导出一份报告的审核意见（Word 文档）")
    parser.add_argument(
        "--memo-dir", metavar="DIR", help="为每份可读取的报告各导出一份审核意见到此文件夹（不存在则新建）"
    )
    parser.add_argument("--reviewer", metavar="NAME", help="审核意见落款的审核人（默认为当前登录名）")
    parser.add_argument("--unit", metavar="NAME", default="", help="审核意见落款的审核单位（默认不写）")
    return parser


def _summary_mode(args: argparse.Namespace) -> bool:
    """--export writes the folder summary for a folder or several reports, else one report's workbook."""
    return len(args.reports) > 1 or any(Path(a).is_dir() for a in args.reports)


def _check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.export and not args.export.lower().endswith(".xlsx"):
        parser.error("--export 的文件名须以 .xlsx 结尾")
    if args.memo and not args.memo.lower().endswith(".docx"):
        parser.error("--memo 的文件名须以 .docx 结尾")
    if args.memo and _summary_mode(args):
        parser.error("--memo 只用于一份报告；文件夹或多份报告请用 --memo-dir 文件夹")
    if args.memo_dir and Path(args.memo_dir).exists() and not Path(args.memo_dir).is_dir():
        parser.error(f"--memo-dir 须是文件夹：{args.memo_dir}")


def _signer(args: argparse.Namespace) -> tuple[str, str]:
    reviewer = args.reviewer if args.reviewer is not None else current_user()
    return reviewer.strip(), (args.unit or "").strip()


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


def _run_folder_parallel(args: argparse.Namespace) -> int:
    """A folder or several reports without --json: audit on every core, print worst first,
    then write the summary workbook and/or one memo per report."""
    memo = None
    if args.memo_dir:
        folder = _memo_folder(args.memo_dir)
        if folder is None:
            return 1
        reviewer, unit = _signer(args)
        memo = MemoRequest(folder=folder, reviewer=reviewer, unit=unit)
    rows = sorted(audit_folder(args.reports, memo=memo), key=lambda r: r.worst_first_key)
    for row in rows:
        if row.error:
            _write(sys.stderr, f"{row.path}：{row.error}\n")
        _write(sys.stdout, row_text(row) + "\n\n")
    code = _write_summary(rows, args.export) if args.export else 0
    if memo is not None:
        code = _report_memos(rows, memo.folder) or code
    return code or (2 if any(r.error for r in rows) else 0)


def _memo_folder(path: str) -> str | None:
    """The --memo-dir folder, made when missing; None (message written) when it cannot be."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as err:
        _write(sys.stderr, f"导出失败：无法新建文件夹“{path}”（{err.strerror or err}）\n")
        return None
    return path


def _report_memos(rows, folder: str) -> int:  # type: ignore[no-untyped-def]
    """Say what the memo run wrote; 1 when any memo could not be written."""
    written = [r for r in rows if r.memo]
    for r in rows:
        if r.memo_error:
            _write(sys.stderr, f"导出失败：{r.memo_error}\n")
        elif r.memo and not r.agency:
            _write(sys.stderr, f"{r.path}：未识别报送单位，审核意见的收文单位留待填写\n")
    _write(sys.stderr, f"已导出 {len(written)} 份审核意见到：{folder}\n")
    return 1 if any(r.memo_error for r in rows) else 0


def _write_summary(rows, out: str) -> int:  # type: ignore[no-untyped-def]
    from core.export.summary import export_summary  # XlsxWriter, and pandas for its analysis sheets

    try:
        path = export_summary(rows, out, overwrite=True)
    except ExportError as err:
        _write(sys.stderr, f"导出失败：{err}\n")
        return 1
    _write(sys.stderr, f"已导出汇总表：{path}\n")
    return 0


def _export(args: argparse.Namespace, results: list[AuditResult]) -> int:
    from core.export.excel import export_workbook  # openpyxl

    if _summary_mode(args):
        return _write_summary([row_from_result(r, i) for i, r in enumerate(results)], args.export)
    result = results[0]
    if result.error:
        _write(sys.stderr, f"导出失败：报告无法读取，未生成 {args.export}\n")
        return 2
    session, review = reviewed_session(result)
    reviewer, unit = _signer(args)
    try:
        path = export_workbook(session, args.export, overwrite=True, reviewer=reviewer, unit=unit)
    except ExportError as err:
        _write(sys.stderr, f"导出失败：{err}\n")
        return 1
    note = f"（已套用审核记录，{review}）" if session.history else ""
    _write(sys.stderr, f"已导出更正表{note}：{path}\n")
    return 0


def _memos(args: argparse.Namespace, results: list[AuditResult]) -> int:
    """--memo (one report) or --memo-dir from the reports audited here (cross-year checks included)."""
    from core.export.memo import export_memo  # python-docx

    reviewer, unit = _signer(args)
    if args.memo:
        targets = [(results[0], args.memo)]
    else:
        folder = _memo_folder(args.memo_dir)
        if folder is None:
            return 1
        names = memo_names([r.path for r in results])
        targets = [(r, os.path.join(folder, names[r.path])) for r in results]
    code, done = 0, 0
    for result, out in targets:
        if result.error:
            if args.memo:
                _write(sys.stderr, f"导出失败：报告无法读取，未生成 {out}\n")
            continue
        session, _review = reviewed_session(result)
        try:
            path = export_memo(session, out, reviewer=reviewer, unit=unit, overwrite=True)
        except ExportError as err:
            _write(sys.stderr, f"导出失败：{err}\n")
            code = 1
            continue
        done += 1
        if not session.result.agency:
            _write(sys.stderr, f"{result.path}：未识别报送单位，审核意见的收文单位留待填写\n")
        if args.memo:
            _write(sys.stderr, f"已导出审核意见：{path}\n")
    if args.memo_dir:
        _write(sys.stderr, f"已导出 {done} 份审核意见到：{args.memo_dir}\n")
    return code


def _write(stream, text: str) -> None:  # type: ignore[no-untyped-def]
    if stream is not None:  # a windowed exe has no stdout
        stream.write(text)


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(list(argv))
    _check_args(parser, args)
    if not args.json and _summary_mode(args) and (args.export or args.memo_dir):
        return _run_folder_parallel(args)
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
    if args.json:
        _write(sys.stdout, json.dumps([report_json(r) for r in results], ensure_ascii=False, indent=1) + "\n")
    else:
        for result in sorted(results, key=worst_first_key):
            _write(sys.stdout, summary_text(result) + "\n\n")
    failed = False
    if args.export:
        code = _export(args, results)
        failed = code == 1
    if args.memo or args.memo_dir:
        failed = _memos(args, results) == 1 or failed
    if failed:
        return 1
    return 2 if missing else 0
