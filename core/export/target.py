"""Write an export file so that a failure never leaves half a file or loses the old one.

Every exporter hands ``save_atomically`` a function that writes the whole document to a
path: it writes to a temporary file in the target folder, which is renamed over the
target in one step (``core.atomic_file``). Whatever fails on the way -- a full disk in
the middle of a workbook, a file too big for the disk, no permission, a target open in
Excel (Windows refuses the rename), a folder that vanished -- ends in an ``ExportError``
with a clear Chinese message, the old file intact and no temporary file left, however
the writing library wrapped the operating system's error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from core.atomic_file import (
    EXPORT_LEFTOVERS,
    describe,
    drop_failed_writer,
    keep_mode,
    new_temp,
    os_error_in,
    remove_leftovers,
    remove_quietly,
    replace,
)
from core.errors import ReportError

# A temp file this old in an export folder belongs to no running export (the largest
# takes seconds): it was left by a crash.
LEFTOVER_AGE = 600.0


class ExportError(ReportError):
    """An export could not be written (target locked, folder read-only, disk full ...)."""


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


def remove_export_leftovers(folder: Path) -> list[Path]:
    return remove_leftovers(folder, EXPORT_LEFTOVERS, LEFTOVER_AGE)


def _failed(target: Path, err: BaseException, existed: bool) -> ExportError:
    cause = os_error_in(err)
    if cause is None:
        raise err  # a bug in the writer, not the disk: the crash log must see it
    drop_failed_writer(err)
    kept = "（原文件未改动）" if existed else ""
    return ExportError(f"无法写入“{target}”：{describe(cause)}{kept}")


def save_atomically(
    write: Callable[[str], None], out_path: str | os.PathLike[str], *, overwrite: bool, suffix: str
) -> Path:
    """Call ``write(tmp_path)`` then move the finished file onto ``out_path``."""
    target = check_target(out_path, overwrite=overwrite, suffix=suffix)
    existed = target.exists()
    remove_export_leftovers(target.parent)
    try:
        tmp = new_temp(target.parent, ".~export.", suffix)
    except OSError as err:  # the folder refuses new files (read-only, vanished, full)
        raise ExportError(f"无法写入“{target}”：{describe(err)}") from err
    try:
        try:
            write(str(tmp))
            with open(tmp, "rb+") as fh:  # a writer may close its file without flushing it to disk
                os.fsync(fh.fileno())
        except ReportError:
            raise
        except Exception as err:
            raise _failed(target, err, existed) from err
        if target.exists() and not overwrite:  # appeared while we were writing
            raise ExportError(f"文件已存在：{target}")
        keep_mode(tmp, target)
        try:
            replace(tmp, target)
        except PermissionError as err:  # Windows: the target is open in Excel/WPS
            if existed or _lock_hint(target):
                raise ExportError(
                    f"无法覆盖“{target.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试（原文件未改动）"
                ) from err
            raise _failed(target, err, existed) from err
        except OSError as err:
            raise _failed(target, err, existed) from err
    except BaseException:
        remove_quietly(tmp)
        raise
    return target
