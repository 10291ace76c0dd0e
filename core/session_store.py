"""Where a review is kept on disk, written so that a crash never loses or corrupts it.

The review file sits beside the report (``报告.docx.review.json``) so it travels with
the folder; when that folder is read-only it goes under the app data folder the caller
names. Every save writes a temporary file in the same folder, flushes it to disk and
renames it over the old one: a killed process leaves either the old or the new file,
never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUFFIX = ".review.json"


@dataclass(frozen=True)
class SavedReview:
    path: Path
    data: dict[str, Any]
    stale: bool  # the report file changed since the review was saved

    @property
    def has_work(self) -> bool:
        return bool(
            self.data.get("corrections") or self.data.get("dispositions") or self.data.get("history")
            or (self.data.get("options") or {}).get("blank_as_zero") or self.data.get("identity")
        )


def _fallback_path(report: Path, fallback_dir: Path) -> Path:
    digest = hashlib.sha256(str(report.resolve()).encode("utf-8")).hexdigest()[:16]
    return fallback_dir / f"{report.name}.{digest}{SUFFIX}"


def candidate_paths(report: str | os.PathLike[str], fallback_dir: str | os.PathLike[str] | None) -> list[Path]:
    report = Path(report)
    paths = [report.with_name(report.name + SUFFIX)]
    if fallback_dir is not None:
        paths.append(_fallback_path(report, Path(fallback_dir)))
    return paths


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_review(
    data: dict[str, Any], report: str | os.PathLike[str], fallback_dir: str | os.PathLike[str] | None = None
) -> Path:
    """Save beside the report, or under ``fallback_dir`` when that is not writable."""

    text = json.dumps(data, ensure_ascii=False, indent=1)
    errors: list[OSError] = []
    for path in candidate_paths(report, fallback_dir):
        try:
            atomic_write_text(path, text)
            return path
        except OSError as err:
            errors.append(err)
    raise OSError(f"无法保存审核记录：{errors[-1]}")


def load_review(
    report: str | os.PathLike[str], sha256: str, fallback_dir: str | os.PathLike[str] | None = None
) -> SavedReview | None:
    """The newest saved review for this report, or None. Unreadable files are skipped."""
    found: list[tuple[float, Path, dict[str, Any]]] = []
    for path in candidate_paths(report, fallback_dir):
        try:
            text = path.read_text(encoding="utf-8")

            data = json.loads(text)
            if data.get("format") == "nianbao-review":
                found.append((path.stat().st_mtime, path, data))
        except (OSError, ValueError):
            continue
    if not found:
        return None
    _, path, data = max(found, key=lambda item: item[0])
    saved_hash = data.get("report", {}).get("sha256", "")
    return SavedReview(path=path, data=data, stale=bool(saved_hash and sha256 and saved_hash != sha256))
