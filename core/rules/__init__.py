"""What every form's rules are made of: findings, rule kinds, cell checks, narrative checks.

Each form (``core.forms``) builds its own table rules from these; ``core.audit.evaluate``
runs a form's rules together with the checks here that apply to any form.
"""

from __future__ import annotations

from core.rules.finding import Evidence, Finding, Kind, Severity, Suggestion

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def no_table_finding() -> Finding:
    return Finding(
        rule="document.no_table",
        kind=Kind.DOCUMENT,
        severity=Severity.ERROR,
        ids=(),
        message="未找到政府信息公开情况统计表，无法核对统计数据",
    )


def reader_note_finding(notes: tuple[str, ...]) -> list[Finding]:
    """What the reader had to do to the file (undecodable bytes shown as "\ufffd", stray
    control characters dropped, pages without text, a page too deeply nested): one warning
    in the findings, where the auditor looks, besides the export's 说明 sheet."""
    if not notes:
        return []
    return [Finding(
        rule="document.reader_note",
        kind=Kind.DOCUMENT,
        severity=Severity.WARNING,
        ids=(),
        message="读取时注意：" + "；".join(n.rstrip("。") for n in notes),
    )]


# Within a severity, what is most worth an auditor's time first: a figure that is wrong and
# what it should be, then figures that disagree, then how the report is made; notes on the
# form (blank cells, glued digits, an unknown table) last, as they change no figure.
_RULE_ORDER = (
    ("blank.total", 0), ("sum.", 0), ("t3.", 0), ("t4.", 0), ("t2.", 1), ("bound.", 1),
    ("cross_year.", 2), ("narrative.", 3), ("header.", 4), ("value.", 4), ("row.", 4), ("template.", 5),
    ("document.", 6), ("soft.", 6), ("blank.cells", 7),
)


def _rule_rank(rule: str) -> int:
    return next((rank for prefix, rank in _RULE_ORDER if rule.startswith(prefix)), 5)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Worst first; within a severity the kind of defect most worth an auditor's time, a
    suggested correction before none; then in reading order of the first evidence."""

    def key(f: Finding) -> tuple[int, int, int, int, str]:
        first = min((e.span[0] for e in f.evidence), default=10**9)
        return (_SEVERITY_ORDER[f.severity], _rule_rank(f.rule), 0 if f.suggestion else 1, first, f.rule)

    return sorted(findings, key=key)


__all__ = [
    "Evidence", "Finding", "Kind", "Severity", "Suggestion", "no_table_finding", "reader_note_finding", "sort_findings",
]
