"""Replace a file in one step: a crash, a full disk or a locked target never leaves half a
file, never loses the old one, and says what went wrong in plain Chinese.

The new content goes to a temporary file in the target's folder (so the final rename
stays on one file system), is flushed to disk, and is renamed over the target; then the
folder itself is flushed where the platform allows it, so a power cut cannot bring back
the previous version. Temporary names are short (a long report name must not push them
past 255 bytes) and start with ``.~`` so they sort apart and are recognised as leftovers
after a crash. They are created with the folder's normal permissions (the umask), not
private to the owner: reviews and exports on a shared folder are for colleagues too.
"""

from __future__ import annotations

import errno
import fnmatch
import gc
import os
import secrets
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

# Windows error codes that mean "another program holds the file" (sharing/lock violation).
_WIN_SHARING = (32, 33)

# Leftovers of an interrupted write: ours, and the longer names of earlier versions.
REVIEW_LEFTOVERS = (".~rv*.tmp", ".~lk*.tmp", "*.review.json.*.tmp")
EXPORT_LEFTOVERS = (".~export.*",)


def new_temp(folder: Path, prefix: str, suffix: str) -> Path:
    """Create an empty, new file ``prefix + 8 hex + suffix`` in ``folder`` and return it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(64):
        path = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            fd = os.open(path, flags, 0o666)  # the umask decides, as for any new document
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise FileExistsError(errno.EEXIST, "无法创建临时文件", str(folder))


def sync_folder(folder: Path) -> None:
    """Flush a folder's entry list (POSIX); Windows has no such call and NTFS journals it."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FUSE) refuse fsync on a folder: nothing to do
    finally:
        os.close(fd)


def keep_mode(tmp: Path, target: Path) -> None:
    """An overwritten file keeps its permissions (a colleague's read access stays)."""
    try:
        os.chmod(tmp, target.stat().st_mode & 0o777)
    except OSError:
        pass


def replace(tmp: Path, target: Path) -> None:
    # Windows refuses to replace a file another process has open at this instant (a
    # read-only window reading the review, a virus scanner): such a hold lasts moments.
    # A target held longer (open in Excel) still fails, after these retries.
    for attempt in range(5 if os.name == "nt" else 1):
        try:
            os.replace(tmp, target)
            break
        except PermissionError:
            if attempt == (4 if os.name == "nt" else 0):
                raise
            time.sleep(0.05)
    sync_folder(target.parent)


def remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_bytes_atomically(target: Path, data: bytes, prefix: str, suffix: str = ".tmp") -> None:
    """Write ``data`` to ``target`` in one step; raises OSError (the old file is intact)."""
    tmp = new_temp(target.parent, prefix, suffix)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        keep_mode(tmp, target)
        replace(tmp, target)
    except BaseException:
        remove_quietly(tmp)
        raise


def _linked(err: BaseException) -> Iterator[BaseException]:
    """``err`` and every exception behind it (causes, contexts, exceptions carried in its
    arguments), each once."""
    seen: set[int] = set()
    todo: list[BaseException] = [err]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += [a for a in current.args if isinstance(a, BaseException)]


def os_error_in(err: BaseException) -> OSError | None:
    """The operating system's error behind ``err``, however a library wrapped it.

    A writer that runs out of disk in the middle of a zip member may surface as the zip
    library's own ValueError raised while cleaning up, with the OSError as its context.
    """
    return next((e for e in _linked(err) if isinstance(e, OSError)), None)


def drop_failed_writer(err: BaseException) -> None:
    """Let go of what a failed writer left open, now and quietly.

    A library that ran out of disk inside a zip archive leaves its archive object open in
    the traceback's frames. Collected later, its finaliser tries to finish the archive on
    the same full disk and Python prints "Exception ignored ..." with a traceback on
    stderr, after our clear message. Clearing those frames here collects it while its
    (expected) I/O errors are silenced; any other unraisable error still goes through.
    """
    previous = sys.unraisablehook

    def quiet(unraisable: sys.UnraisableHookArgs) -> None:
        if not isinstance(unraisable.exc_value, (OSError, ValueError)):
            previous(unraisable)

    sys.unraisablehook = quiet
    try:
        for current in _linked(err):
            if current.__traceback__ is not None:
                traceback.clear_frames(current.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = previous


def describe(err: OSError) -> str:
    """What a failed write means, in words an auditor can act on."""
    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘已满（或超出磁盘配额），请清理磁盘空间后重试"
    if code == errno.EFBIG:
        return "文件超过了该磁盘或系统允许的大小"
    if getattr(err, "winerror", None) in _WIN_SHARING or code in (errno.EBUSY, errno.ETXTBSY):
        return "文件正被其他程序占用，请关闭后重试"
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    if code == errno.EROFS:
        return "磁盘或文件夹是只读的"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return "文件夹已不存在（可能已被移动、删除，或网络盘已断开）"
    if code == errno.ENAMETOOLONG:
        return "文件名或路径过长"
    if code == errno.EIO:
        return "磁盘读写出错"
    return f"写入失败（系统提示：{err.strerror or err}）"


def remove_leftovers(folder: Path, patterns: Iterable[str], older_than: float = 0.0) -> list[Path]:
    """Delete temporary files an interrupted write left in ``folder``; returns them.

    ``older_than`` (seconds) spares files another running instance may be writing now.
    """
    removed: list[Path] = []
    wanted = tuple(patterns)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not any(fnmatch.fnmatchcase(entry.name, p) for p in wanted):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat().st_mtime < older_than:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
