"""Audit a whole folder of reports on every core, streaming compact result rows.

Each worker process reads, audits and reduces one chunk of reports to ``BatchRow``s
(counts, review status, indicator values, findings: no document text), so the parent's
memory grows with the number of rows, not with the documents, and stays flat per report.
A broken file, or even a crash inside the audit, becomes a row with ``error`` set: a
folder run never stops on one bad report. A worker process that dies outright costs only
the report it died on: the reports lost with it are audited again one at a time.

The pool uses the "spawn" start method everywhere: forking a process that runs a Qt
event loop (the GUI calls this from a worker thread) is unsafe, and spawn is what
Windows does anyway. A frozen (PyInstaller) app must call
``multiprocessing.freeze_support()`` first thing in ``main``.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from core.audit import audit_file
from core.cross_year import TextSketch, narrative_text, text_sketch
from core.document import ocr
from core.errors import ReportError
from core.export.memo_text import memo_file_name, memo_names
from core.folders import iter_reports
from core.rules.base import fmt
from core.schema.labels import short_label
from core.session import FALSE_ALARM, AuditSession
from core.session_store import load_review

REVIEW_NONE = "未审核"
REVIEW_STARTED = "审核中"
REVIEW_DONE = "已审核"
REVIEW_STALE = "报告已变动"  # a saved review exists but the report file changed since

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator of one report as the folder summary lists it."""

    id: str
    label: str
    unit: str | None
    value: Decimal | None  # with the saved review's corrections applied
    published: Decimal | None
    status: str  # 一致 / 已更正 / 有误 / 待核实 / 缺失 / 无法核对 ("" for header rows)


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding of one report as the folder summary lists it, with the auditor's disposition."""

    severity: str  # error / warning / info
    kind: str
    rule: str
    ids: tuple[str, ...]
    message: str
    suggestion: str = ""  # "申请办结数可能应为2"
    disposition: str = "open"
    note: str = ""


@dataclass(frozen=True, slots=True)
class MemoRequest:
    """Write each readable report's 审核意见 into ``folder`` while the folder is audited."""

    folder: str
    reviewer: str
    unit: str = ""
    on: date | None = None
    names: dict[str, str] = field(default_factory=dict)  # report path -> memo file name (memo_names)


@dataclass(frozen=True)
class BatchRow:
    """One report of a folder run: everything the list and the summary workbook show."""

    path: str
    index: int = 0  # position in the input order (rows arrive in completion order)
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    errors: int = 0  # findings not marked false alarm, by severity
    warnings: int = 0
    infos: int = 0
    error: str | None = None  # why the report could not be read
    review: str = REVIEW_NONE
    sha256: str = ""
    corrections: int = 0
    confirmed: int = 0
    indicators: tuple[IndicatorRow, ...] = ()
    findings: tuple[FindingRow, ...] = field(default=())
    seconds: float = 0.0
    sketch: TextSketch | None = None  # of the narrative (a few hundred numbers): copied-text checks across years
    memo: str = ""  # the 审核意见 written for this report, when asked for (MemoRequest)
    memo_error: str = ""  # why it could not be written

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def worst_first_key(self) -> tuple[Any, ...]:
        """Unreadable reports first (they need a person), then most errors, then warnings."""
        return (self.ok, -self.errors, -self.warnings, -self.infos, self.path)


def collect_reports(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files as given, folders expanded to the reports under them (same rule as the CLI)."""

    return list(iter_reports([os.fspath(p) for p in paths]))


def review_status(saved: Any, findings: Sequence[Any], dispositions: dict[str, Any]) -> str:
    if saved is None or not saved.has_work:
        return REVIEW_NONE
    if saved.stale:
        return REVIEW_STALE
    open_ones = [
        f for f in findings if f.severity.value != "info" and dispositions.get(f.key) is None
    ]
    return REVIEW_STARTED if open_ones else REVIEW_DONE


def row_from_session(session: Any, index: int = 0, review: str = REVIEW_NONE, seconds: float = 0.0) -> BatchRow:
    """Reduce an audited (and possibly reviewed) report to its compact row."""

    result = session.result
    table = session.table
    live = [f for f in result.findings if session.disposition(f.key).status != FALSE_ALARM]
    counts = {s: sum(1 for f in live if f.severity.value == s) for s in ("error", "warning", "info")}
    indicators: tuple[IndicatorRow, ...] = ()
    if table is not None:
        indicators = tuple(
            IndicatorRow(d.id, d.label, d.unit, session.value(d.id), session.published(d.id), session.status(d.id))
            for d in table.template.indicators
        )
    findings = []
    for f in result.findings:
        d = session.disposition(f.key)
        suggestion = ""
        if f.suggestion is not None and table is not None and f.suggestion.id in table.template:
            suggestion = f"{short_label(table.label(f.suggestion.id))}可能应为{fmt(f.suggestion.value)}"
        findings.append(
            FindingRow(f.severity.value, f.kind.value, f.rule, tuple(f.ids), f.message, suggestion, d.status, d.note)
        )
    return BatchRow(
        path=result.path,
        index=index,
        agency=result.agency,
        year=result.year,
        template=result.template_id,
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        error=result.error,
        review=review,
        sha256=result.document.sha256 if result.document is not None else "",
        corrections=len(table.corrections) if table is not None else 0,
        confirmed=sum(1 for f in result.findings if session.disposition(f.key).status == "confirmed"),
        indicators=indicators,
        findings=tuple(findings),
        seconds=seconds,
        sketch=text_sketch(narrative_text(result)) if result.document is not None else None,
    )


def reviewed_session(result: Any, review_dir: str | os.PathLike[str] | None = None) -> tuple[Any, str]:
    """An ``AuditSession`` with the report's saved review applied, and the review status.

    A review saved for an older version of the file (hash differs) is not applied: its
    corrections may point at numbers that are no longer there.
    """

    session = AuditSession(result)
    sha = result.document.sha256 if result.document is not None else ""
    saved = load_review(result.path, sha, review_dir)
    if saved is not None and saved.has_work and not saved.stale:
        session.restore(saved.data)
    return session, review_status(saved, result.findings, session.dispositions)


def row_from_result(
    result: Any, index: int = 0, review_dir: str | os.PathLike[str] | None = None, seconds: float = 0.0
) -> BatchRow:
    if result.error is not None:
        return BatchRow(path=result.path, index=index, error=result.error, seconds=seconds)
    session, review = reviewed_session(result, review_dir)
    return row_from_session(session, index, review, seconds)


def audit_one(
    path: str, index: int = 0, review_dir: str | None = None, memo: MemoRequest | None = None, cancel: Any = None
) -> BatchRow:
    """Audit one report and apply its saved review (and write its memo); never raises. ``cancel``
    also stops the OCR of a scanned report between two pages (the row then says 已取消文字识别)."""
    started = time.perf_counter()
    try:

        if not os.path.exists(path):
            return BatchRow(path=path, index=index, error="文件不存在")
        result = audit_file(path, None if cancel is None else lambda done, total: not _is_cancelled(cancel))
        if result.error is not None:
            return BatchRow(path=path, index=index, error=result.error, seconds=time.perf_counter() - started)
        session, review = reviewed_session(result, review_dir)
        row = row_from_session(session, index, review, time.perf_counter() - started)
    except Exception as err:  # a bug in the engine must not stop the folder: show it on the row
        return BatchRow(
            path=path, index=index, error=f"内部错误（{type(err).__name__}）：{err}", seconds=time.perf_counter() - started
        )
    return row if memo is None else _with_memo(row, session, memo)


def _with_memo(row: BatchRow, session: AuditSession, memo: MemoRequest) -> BatchRow:
    from core.export.memo import export_memo  # python-docx: loaded by the first memo

    out = os.path.join(memo.folder, memo.names.get(row.path) or memo_file_name(row.path))
    try:
        written = export_memo(session, out, reviewer=memo.reviewer, unit=memo.unit, on=memo.on, overwrite=True)
    except (ReportError, OSError) as err:
        return replace(row, memo_error=str(err))
    return replace(row, memo=str(written))


def _audit_chunk(items: list[tuple[int, str]], review_dir: str | None, memo: MemoRequest | None = None) -> list[BatchRow]:
    return [audit_one(path, index, review_dir, memo) for index, path in items]


def _is_cancelled(cancel: Any) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # respects taskset/cgroup limits on Linux
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def audit_folder(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: Any = None,
    review_dir: str | os.PathLike[str] | None = None,
    memo: MemoRequest | None = None,
) -> Iterator[BatchRow]:
    """Yield one ``BatchRow`` per report, in completion order (``row.index`` is input order).

    ``paths``: report files and/or folders. ``progress(done, total)`` is called in the
    caller's thread after each row. ``cancel``: a ``threading.Event`` or a callable
    returning True; reports not yet started are skipped, no row is yielded for them.
    ``memo``: also write each readable report's 审核意见 (``BatchRow.memo``/``memo_error``).
    """
    reports = collect_reports(paths)
    if memo is not None and not memo.names:
        memo = replace(memo, names=memo_names(reports))
    total = len(reports)
    workers = max(1, workers or default_workers())
    review = os.fspath(review_dir) if review_dir is not None else None
    items = list(enumerate(reports))
    if progress is not None:
        progress(0, total)
    if workers == 1 or total <= 2:  # a pool's start-up costs more than it saves here
        rows = _in_process(items, review, cancel, memo)
    else:
        rows = _pooled(items, workers, review, cancel, memo)
    try:
        for done, row in enumerate(rows, 1):
            if progress is not None:
                progress(done, total)
            yield row
    finally:
        rows.close()  # a caller that stops early shuts the pool down now, not at garbage collection


def _in_process(
    items: list[tuple[int, str]], review: str | None, cancel: Any, memo: MemoRequest | None
) -> Generator[BatchRow, None, None]:
    for index, path in items:
        if _is_cancelled(cancel):
            return
        row = audit_one(path, index, review, memo, cancel)
        if _is_cancelled(cancel):
            return  # a scan stopped half-way is not a result
        yield row


def _pooled(
    items: list[tuple[int, str]], workers: int, review: str | None, cancel: Any, memo: MemoRequest | None
) -> Generator[BatchRow, None, None]:

    total = len(items)
    # small chunks keep the bar moving and the load balanced; big enough to amortise IPC
    size = max(1, min(20, math.ceil(total / (workers * 6))))
    chunks = [items[i : i + size] for i in range(0, total, size)]
    window = workers * 3  # chunks in flight: bounds the rows waiting in memory

    def new_pool(count: int = min(workers, len(chunks))) -> ProcessPoolExecutor:
        # Scanned pages take turns at the cores (ocr.serve_batch); a fresh gate with each pool:
        # a worker that died holding the old one took it along.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=ocr.serve_batch, initargs=(context.Lock(),)
        )

    pool = new_pool()
    pending: dict[Future[list[BatchRow]], list[tuple[int, str]]] = {}
    again: list[tuple[int, str]] = []  # reports of chunks whose worker died
    next_chunk = 0
    finished_all = False
    try:
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < window:
                chunk = chunks[next_chunk]
                try:
                    fut = pool.submit(_audit_chunk, chunk, review, memo)
                except BrokenProcessPool:  # a worker died earlier: carry on with a fresh pool
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    fut = pool.submit(_audit_chunk, chunk, review, memo)
                pending[fut] = chunk
                next_chunk += 1
            if not pending:
                break
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if _is_cancelled(cancel):
                for fut in pending:
                    fut.cancel()
                return
            for fut in finished:
                chunk = pending.pop(fut)
                try:
                    rows = fut.result()
                except Exception:  # a worker died: every chunk then in flight failed with it
                    again.extend(chunk)
                    continue
                yield from rows
        # A worker that dies (a reader crashing on one malformed file, memory running out)
        # takes down the whole pool and every chunk it was running. Those reports are audited
        # again one at a time in a pool of one, so a death now names its own report only.
        if again:
            pool.shutdown(wait=True)
            pool = new_pool(1)
        for index, path in sorted(again):
            if _is_cancelled(cancel):
                return
            try:
                (row,) = pool.submit(_audit_chunk, [(index, path)], review, memo).result()
            except Exception as err:
                row = BatchRow(path=path, index=index, error=f"处理进程异常退出（{type(err).__name__}）")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool(1)
            yield row
        finished_all = True
    finally:
        # cancelled or abandoned by the caller: don't wait for chunks still running
        pool.shutdown(wait=finished_all, cancel_futures=True)
