"""Where a review is kept on disk, written so that a crash never loses or corrupts it.

The review file sits beside the report (``报告.docx.review.json``) so it travels with
the folder; when that folder is read-only it goes under the app data folder the caller
names, as ``报告.docx.<digest of its path>.review.json``. Names that would pass 255 bytes
(a report named with 78 CJK characters already takes 238) are shortened with a digest
(``core.file_names``). Every save goes through ``core.atomic_file``: a killed process, a
full disk or a vanished folder leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.atomic_file import REVIEW_LEFTOVERS, describe, remove_leftovers, write_bytes_atomically
from core.file_names import digest, fitted_name

SUFFIX = ".review.json"


class ReviewSaveError(OSError):
    """A review could be written nowhere; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"无法保存审核记录：{reason}")
        self.reason = reason

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class SavedReview:
    """A review file found for a report: its path, what it holds, and whether the report changed since."""

    path: Path
    data: dict[str, Any]
    stale: bool  # the report file changed since the review was saved

    @property
    def has_work(self) -> bool:
        return bool(
            self.data.get("corrections") or self.data.get("dispositions") or self.data.get("history")
            or (self.data.get("options") or {}).get("blank_as_zero") or self.data.get("identity")
        )


@dataclass(frozen=True)
class DiskState:
    """A review file as last read or written: a different state means another writer."""

    mtime_ns: int
    size: int
    sha256: str


def beside_path(report: Path) -> Path:
    return report.with_name(fitted_name(report.name, SUFFIX))


def fallback_path(report: Path, fallback_dir: Path) -> Path:
    return fallback_dir / fitted_name(report.name, SUFFIX, key=str(report.resolve()), folder=fallback_dir, always_digest=True)


def candidate_paths(report: str | os.PathLike[str], fallback_dir: str | os.PathLike[str] | None) -> list[Path]:
    report = Path(report)
    paths = [beside_path(report)]
    if fallback_dir is not None:
        paths.append(fallback_path(report, Path(fallback_dir)))
    return paths


def temp_prefix(review: Path) -> str:
    """Short temp names that still tell whose review they were (``.~rv`` + 6 hex)."""
    return f".~rv{digest(review.name, 6)}"


def remove_own_leftovers(review: Path) -> list[Path]:
    """Temp files an interrupted save of this review left beside it (earlier names too).

    Only for the review's single writer (see ``core.review_lock``): nobody else can be
    writing them.
    """
    patterns = (f"{temp_prefix(review)}*.tmp", f"{glob.escape(review.name)}.*.tmp")
    return remove_leftovers(review.parent, patterns)


def remove_stale_leftovers(folder: Path, older_than: float = 600.0) -> list[Path]:
    """Temp files of any review in ``folder`` older than a save could take (start-up)."""
    return remove_leftovers(folder, REVIEW_LEFTOVERS, older_than)


def atomic_write_text(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"), temp_prefix(path))


def review_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def save_review(
    data: dict[str, Any], report: str | os.PathLike[str], fallback_dir: str | os.PathLike[str] | None = None
) -> Path:
    """Save beside the report, or under ``fallback_dir`` when that is not writable."""
    text = review_text(data)
    errors: list[OSError] = []
    for path in candidate_paths(report, fallback_dir):
        try:
            if fallback_dir is not None and path.parent == Path(fallback_dir):
                path.parent.mkdir(parents=True, exist_ok=True)  # never re-create a vanished report folder
            atomic_write_text(path, text)
            return path
        except OSError as err:
            errors.append(err)
    reasons = list(dict.fromkeys(describe(e) for e in errors))
    raise ReviewSaveError("；".join(reasons))


def quick_state(path: Path) -> tuple[int, int] | None:
    """mtime and size only: enough to tell that nothing changed, without reading."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def read_review_file(path: Path) -> tuple[dict[str, Any], DiskState] | None:
    """A review file's content and state; None when absent, unreadable or not a review."""
    try:
        stat = path.stat()
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != "nianbao-review":
        return None
    return data, DiskState(stat.st_mtime_ns, stat.st_size, hashlib.sha256(raw).hexdigest())


def load_review(
    report: str | os.PathLike[str], sha256: str, fallback_dir: str | os.PathLike[str] | None = None
) -> SavedReview | None:
    """The newest saved review for this report, or None. Unreadable files are skipped."""
    found: list[tuple[int, Path, dict[str, Any]]] = []
    for path in candidate_paths(report, fallback_dir):
        read = read_review_file(path)
        if read is not None:
            found.append((read[1].mtime_ns, path, read[0]))
    if not found:
        return None
    _, path, data = max(found, key=lambda item: item[0])
    saved_hash = data.get("report", {}).get("sha256", "")
    return SavedReview(path=path, data=data, stale=bool(saved_hash and sha256 and saved_hash != sha256))
