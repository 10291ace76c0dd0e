"""Write an export file so that a failure never leaves half a file or loses the old one.

Every exporter builds its document in memory, then calls ``save_atomically``: the bytes
go to a temporary file in the target folder, which is renamed over the target in one
step. A target open in Excel is locked on Windows, so the rename fails with
PermissionError: the auditor gets a clear Chinese message and the old file is intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from core.errors import ReportError


class ExportError(ReportError):
    """An export could not be written (target locked, folder read-only, file exists ...)."""


def _lock_hint(target: Path) -> bool:
    """Excel/WPS (``~$name``) or LibreOffice (``.~lock.name#``) say the file is open."""
    folder = target.parent
    return (folder / f"~${target.name}").exists() or (folder / f".~lock.{target.name}#").exists()


def check_target(out_path: str | os.PathLike[str], *, overwrite: bool, suffix: str) -> Path:
    target = Path(out_path)
    if target.suffix.lower() != suffix:
        raise ExportError(f"导出文件须以 {suffix} 结尾：{target.name}")
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，不能作为导出文件")
    if target.exists() and not overwrite:
        raise ExportError(f"文件已存在：{target}")
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise ExportError(f"无法写入“{target}”：上级路径“{parent}”不是文件夹")
    if not parent.exists():
        raise ExportError(f"无法写入“{target}”：文件夹“{parent}”不存在")
    return target


def save_atomically(
    write: Callable[[str], None], out_path: str | os.PathLike[str], *, overwrite: bool, suffix: str
) -> Path:
    """Call ``write(tmp_path)`` then move the finished file onto ``out_path``."""
    target = check_target(out_path, overwrite=overwrite, suffix=suffix)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~export.", suffix=suffix, dir=target.parent)
    except OSError as err:
        raise ExportError(f"无法写入“{target}”：文件夹不可写（{err.strerror or err}）") from err
    os.close(fd)
    try:
        write(tmp)
        # mkstemp makes the file private (0600); an export is shared like any document
        os.chmod(tmp, (target.stat().st_mode & 0o777) if target.exists() else 0o644)
        if target.exists() and not overwrite:  # appeared while we were writing
            raise ExportError(f"文件已存在：{target}")
        os.replace(tmp, target)
    except PermissionError as err:
        _remove(tmp)
        if target.exists() or _lock_hint(target):
            raise ExportError(
                f"无法覆盖“{target.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试（原文件未改动）"
            ) from err
        raise ExportError(f"无法写入“{target}”：没有写入权限") from err
    except OSError as err:
        _remove(tmp)
        raise ExportError(f"无法写入“{target}”：{err.strerror or err}") from err
    except BaseException:
        _remove(tmp)
        raise
    return target


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
