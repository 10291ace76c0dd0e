"""Which files of a folder are reports: one rule for the CLI, the batch run and the GUI.

A folder stands for every document under it that an auditor would call a report. RTF and
macro-enabled Word files are included although they cannot be read here, so that each is
listed with the reason (save it as .docx) instead of silently left out of the count.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from core.document import SUPPORTED_SUFFIXES

# Documents we cannot read offline but must not skip without a word.
LISTED_UNREADABLE = (".rtf", ".docm")


def _is_report(f: Path, suffixes: tuple[str, ...]) -> bool:
    name = f.name
    return (
        f.is_file()
        and f.suffix.lower() in suffixes
        and not name.startswith(("~$", "."))  # Office lock files, hidden files
        and not name.endswith(".review.json")
    )


def iter_reports(paths: Sequence[str]) -> Iterator[str]:
    """Arguments in order; a folder stands for the reports under it, sorted by name."""

    suffixes = tuple(SUPPORTED_SUFFIXES) + LISTED_UNREADABLE
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted((f for f in p.rglob("*") if _is_report(f, suffixes)), key=lambda f: str(f.relative_to(p)))
            for f in found:
                yield str(f)
        else:
            yield arg


def relative_names(paths: Sequence[str]) -> dict[str, str]:
    """Each path shown relative to the folder the paths share (file names alone can repeat)."""
    absolute = [os.path.abspath(p) for p in paths]
    if not absolute:
        return {}
    try:
        base = os.path.commonpath([os.path.dirname(p) for p in absolute])
    except ValueError:  # different drives on Windows
        return {p: p for p in paths}
    return {p: os.path.relpath(a, base) for p, a in zip(paths, absolute)}
